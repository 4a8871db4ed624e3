// The customer phone: polls the simulator's /__sim/phone, draws the open chat, and posts what the
// customer does to /__sim/phone/act. Plain browser JavaScript, served as is (no build step).
'use strict';
(function () {
	const $ = (id) => document.getElementById(id);
	const view = { customer: new URLSearchParams(location.search).get('as') || 'phone', replyTo: null, last: '', data: null };

	function el(tag, attrs, children) {
		const node = document.createElement(tag);
		for (const [k, v] of Object.entries(attrs || {})) {
			if (k === 'text') node.textContent = v;
			else if (k === 'html') node.innerHTML = v;
			else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
			else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
		}
		for (const c of children || []) if (c) node.append(c);
		return node;
	}

	function escape(s) {
		return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
	}

	// WhatsApp's formatting: *bold*, _italic_, ~strike~, ```mono```, `code`
	function format(text) {
		return escape(text || '')
			.replace(/```([\s\S]+?)```/g, '<code>$1</code>')
			.replace(/`([^`\n]+)`/g, '<code>$1</code>')
			.replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,!?:;])/gm, '$1<strong>$2</strong>')
			.replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,!?:;])/gm, '$1<em>$2</em>')
			.replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,!?:;])/gm, '$1<del>$2</del>')
			.replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1" target="_blank" rel="noopener">$1</a>')
			.replace(/\n/g, '<br>');
	}

	const para = (text, cls) => (text ? el('div', { class: cls, html: format(text) }) : null);
	const time = (at) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

	function ticks(status) {
		if (status === 'failed') return el('span', { class: 'ticks failed', title: 'failed', text: '⚠ failed' });
		if (status === 'pending') return el('span', { class: 'ticks', title: 'sending', text: '…' });
		const label = status === 'sent' ? '✓' : '✓✓';
		return el('span', { class: `ticks ${status === 'read' ? 'read' : ''}`, title: status, 'aria-label': status, 'data-status': status, text: label });
	}

	function act(body) {
		$('note').textContent = '';
		return fetch('/__sim/phone/act', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customer: view.customer, ...body }) })
			.then((r) => r.json().then((j) => {
				if (!r.ok) throw new Error(j.error || r.statusText);
				if (j.deliveries.length === 0) $('note').textContent = 'Sent, but no trigger is subscribed: publish a workflow with the WhatsApp Cloud Trigger.';
				else if (j.deliveries.some((d) => d.status >= 300 || d.status === 0)) $('note').textContent = `The trigger answered ${j.deliveries.map((d) => d.status).join(', ')}.`;
			}))
			.catch((e) => { $('note').textContent = e.message; })
			.finally(poll);
	}

	function tap(entry, kind, index, label) {
		return el('button', { type: 'button', 'data-tap': label, onclick: () => act({ kind, messageId: entry.id, index }) }, [label]);
	}

	function media(kind, m) {
		const what = kind.charAt(0).toUpperCase() + kind.slice(1);
		const name = m.filename || m.link || (m.id ? `media ${m.id}` : '');
		return el('div', {}, [el('div', { class: 'media', text: `${what}${name ? ` · ${name}` : ''}` }), para(m.caption)]);
	}

	function interactive(entry, i) {
		const parts = [para(i.header && (i.header.text || `[${i.header.type}]`), 'head'), para(i.body && i.body.text), para(i.footer && i.footer.text, 'foot')];
		const a = i.action || {};
		if (i.type === 'button') parts.push(el('div', { class: 'actions' }, (a.buttons || []).map((b, n) => tap(entry, 'button', n, (b.reply || {}).title || ''))));
		else if (i.type === 'list') {
			let n = 0;
			const rows = [];
			for (const s of a.sections || []) {
				if (s.title) rows.push(el('div', { class: 'section', text: s.title }));
				for (const r of s.rows || []) {
					const index = n++;
					rows.push(el('button', { type: 'button', 'data-tap': r.title, onclick: () => act({ kind: 'list', messageId: entry.id, index }) }, [r.title, r.description ? el('small', { text: r.description }) : null]));
				}
			}
			parts.push(el('div', { class: 'kind', text: `☰ ${a.button || 'Options'}` }), el('div', { class: 'rows' }, rows));
		} else if (i.type === 'cta_url') {
			const p = a.parameters || {};
			parts.push(el('div', { class: 'actions' }, [el('a', { href: p.url, target: '_blank', rel: 'noopener', text: `↗ ${p.display_text}` })]));
		} else if (i.type === 'product' || i.type === 'product_list') {
			const items = a.product_retailer_id ? [a.product_retailer_id] : (a.sections || []).flatMap((s) => (s.product_items || []).map((p) => p.product_retailer_id));
			parts.push(el('div', { class: 'media', text: `Products: ${items.join(', ')} (catalog ${a.catalog_id || ''})` }));
		} else parts.push(el('div', { class: 'kind', text: `${i.type}${a.name ? ` · ${a.name}` : ''}` }));
		return parts;
	}

	function template(entry, t) {
		const quick = [];
		return [
			el('div', { class: 'kind', text: `template ${t.name}` }),
			para(t.header, 'head'), para(t.body), para(t.footer, 'foot'),
			t.buttons.length ? el('div', { class: 'actions' }, t.buttons.map((label, n) => {
				const sent = (entry.body.template.components || []).filter((c) => c.type === 'button' && c.sub_type === 'quick_reply');
				const index = quick.length;
				if (sent[index] && !/^https?:/.test(label)) { quick.push(label); return el('button', { type: 'button', 'data-tap': label, onclick: () => act({ kind: 'button', messageId: entry.id, index, text: label }) }, [label]); }
				return el('button', { type: 'button', disabled: true, title: 'not a quick reply', 'data-n': n }, [label]);
			})) : null,
		];
	}

	function businessContent(entry) {
		const b = entry.body;
		if (entry.template) return template(entry, entry.template);
		switch (b.type) {
			case 'text': return [para(b.text.body)];
			case 'image': case 'video': case 'audio': case 'document': case 'sticker': return [media(b.type, b[b.type] || {})];
			case 'location': return [el('div', { class: 'media', text: `Location: ${b.location.name || ''} ${b.location.address || ''} (${b.location.latitude}, ${b.location.longitude})` })];
			case 'contacts': return (b.contacts || []).map((c) => el('div', { class: 'media', text: `Contact: ${(c.name || {}).formatted_name || ''} ${(c.phones || []).map((p) => p.phone).join(', ')}` }));
			case 'reaction': return [el('div', { class: 'kind', text: `reacted ${b.reaction.emoji || '(removed)'}` })];
			case 'interactive': return interactive(entry, b.interactive);
			default: return [el('div', { class: 'kind', text: b.type }), el('pre', { text: JSON.stringify(b[b.type] || b, null, 1) })];
		}
	}

	function customerContent(m) {
		switch (m.type) {
			case 'text': return [para(m.text.body)];
			case 'interactive': { const r = m.interactive.button_reply || m.interactive.list_reply || {}; return [el('div', { class: 'kind', text: '↩ tapped' }), para(r.title)]; }
			case 'button': return [el('div', { class: 'kind', text: '↩ tapped' }), para(m.button.text)];
			case 'image': case 'document': return [media(m.type, m[m.type])];
			case 'location': return [el('div', { class: 'media', text: `Location: ${m.location.name}` })];
			case 'reaction': return [el('div', { class: 'kind', text: `reacted ${m.reaction.emoji}` })];
			default: return [el('div', { class: 'kind', text: m.type })];
		}
	}

	function summary(entry) {
		const node = el('div', {}, entry.from === 'business' ? businessContent(entry) : customerContent(entry.message));
		return (node.textContent || '').slice(0, 80);
	}

	function bubble(entry, chat) {
		const business = entry.from === 'business';
		const context = business ? entry.body.context : entry.message.context;
		const quoted = context && chat.find((e) => e.id === context.message_id || e.id === context.id);
		const reactions = chat.filter((e) => (e.from === 'business' ? e.body.type === 'reaction' && e.body.reaction.message_id === entry.id : e.message.type === 'reaction' && e.message.reaction.message_id === entry.id));
		const reaction = reactions.length ? reactions[reactions.length - 1] : null;
		const meta = [el('span', { text: time(entry.at) })];
		if (business) meta.push(ticks(entry.status));
		else {
			const bad = entry.deliveries.find((d) => d.status >= 300 || d.status === 0);
			if (entry.deliveries.length === 0) meta.push(el('span', { class: 'delivery bad', text: 'no trigger subscribed' }));
			else if (bad) meta.push(el('span', { class: 'delivery bad', text: `trigger ${bad.status}` }));
			meta.push(ticks(entry.read ? 'read' : entry.deliveries.length ? 'delivered' : 'sent'));
		}
		const tools = el('div', { class: 'tools' }, [
			el('button', { type: 'button', onclick: () => startReply(entry, chat) }, ['Reply']),
			business ? el('button', { type: 'button', onclick: () => act({ kind: 'reaction', replyTo: entry.id, emoji: '👍' }), 'aria-label': 'React with a thumbs up' }, ['+1']) : null,
			business ? el('button', { type: 'button', onclick: () => act({ kind: 'reaction', replyTo: entry.id, emoji: '❤️' }), 'aria-label': 'React with a heart' }, ['♥']) : null,
		]);
		return el('article', { class: `bubble ${business ? 'in' : 'out'}`, tabindex: 0, 'data-id': entry.id, 'data-from': entry.from }, [
			quoted ? el('div', { class: 'quote', text: summary(quoted) }) : null,
			...(business ? businessContent(entry) : customerContent(entry.message)),
			el('div', { class: 'meta' }, meta),
			tools,
			reaction ? el('span', { class: 'reaction', text: (reaction.body || reaction.message).reaction.emoji }) : null,
		]);
	}

	function startReply(entry, chat) {
		view.replyTo = entry.id;
		$('replying').hidden = false;
		$('replying-text').textContent = `Replying to: ${summary(entry, chat)}`;
		$('text').focus();
	}

	function cancelReply() {
		view.replyTo = null;
		$('replying').hidden = true;
	}

	function render(data) {
		const me = data.customers.find((c) => c.key === view.customer) || data.customers[0];
		view.customer = me.key;
		$('business-name').textContent = data.business.name;
		$('business-phone').textContent = data.business.phone;
		$('fail-next').checked = data.failNext;
		$('customers').replaceChildren(...data.customers.map((c) => {
			const unread = c.chat.filter((e) => e.from === 'business' && !e.read && e.status !== 'failed').length;
			return el('button', { type: 'button', role: 'tab', 'aria-selected': String(c.key === me.key), 'data-customer': c.key, onclick: () => { view.customer = c.key; cancelReply(); poll(); } }, [c.name, unread && c.key !== me.key ? el('span', { class: 'unread', text: String(unread) }) : null]);
		}));
		$('identity').textContent = me.waId
			? `You are ${me.name}, +${me.waId} (user ID ${me.userId})`
			: `You are ${me.name}, @${me.username}: no phone number — the business sees only user ID ${me.userId}`;
		const chat = $('chat');
		const atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
		chat.replaceChildren(...(me.chat.length
			? me.chat.filter((e) => (e.from === 'business' ? e.body.type !== 'reaction' || !me.chat.some((x) => x.id === e.body.reaction.message_id) : e.message.type !== 'reaction')).map((e) => bubble(e, me.chat))
			: [el('p', { class: 'empty muted', text: 'No messages yet. Publish a workflow with the WhatsApp Cloud Trigger (e.g. the echo example), then write here.' })]));
		if (atBottom) chat.scrollTop = chat.scrollHeight;
	}

	function poll() {
		return fetch(`/__sim/phone?viewing=${encodeURIComponent(view.customer)}`)
			.then((r) => r.json())
			.then((data) => {
				const key = JSON.stringify(data) + view.customer;
				if (key !== view.last) { view.last = key; render(data); }
			})
			.catch(() => { $('note').textContent = 'The simulator does not answer.'; });
	}

	$('composer').addEventListener('submit', (event) => {
		event.preventDefault();
		const text = $('text').value.trim();
		if (!text) return;
		$('text').value = '';
		const replyTo = view.replyTo;
		cancelReply();
		act({ kind: 'text', text, replyTo });
	});
	$('attach').addEventListener('click', () => {
		const menu = $('attach-menu');
		menu.hidden = !menu.hidden;
		$('attach').setAttribute('aria-expanded', String(!menu.hidden));
		if (!menu.hidden) menu.querySelector('button').focus();
	});
	$('attach-menu').addEventListener('click', (event) => {
		const kind = event.target.closest('button') && event.target.closest('button').dataset.kind;
		if (!kind) return;
		$('attach-menu').hidden = true;
		const replyTo = view.replyTo;
		cancelReply();
		act({ kind, replyTo, text: $('text').value.trim() || undefined });
		$('text').value = '';
	});
	$('replying-cancel').addEventListener('click', cancelReply);
	document.addEventListener('keydown', (event) => {
		if (event.key === 'Escape') { $('attach-menu').hidden = true; cancelReply(); }
	});
	$('fail-next').addEventListener('change', (event) => {
		fetch('/__sim/phone/fail', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ on: event.target.checked }) }).then(poll);
	});
	poll();
	setInterval(poll, 1000);
})();
