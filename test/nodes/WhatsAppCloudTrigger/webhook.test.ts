/**
 * The trigger's webhook() through a real n8n-core WebhookContext and n8n 2.41.1's steps around it
 * (test/harness/triggerWebhook.ts): what the caller gets back, whether n8n would start an execution, and what
 * the trigger logs.
 */
import type { INode } from 'n8n-workflow';

import { batchedPayload, GROUP_ID, GROUP_PARTICIPANTS, groupStatusesPayload, payload, PHONE_A, statusesChange, status } from '../../fixtures/webhookPayloads';
import { emitted, handshakeRequest, HarnessTrigger, PAYLOAD_SIZE_MAX, signedJson, takeLogs, type LogLine, type RequestSpec } from '../../harness/triggerWebhook';

const warnings = (lines: LogLine[]) => lines.filter((l) => l.level === 'warn').map((l) => l.message);
const errors = (lines: LogLine[]) => lines.filter((l) => l.level === 'error').map((l) => l.message);

beforeEach(() => takeLogs());

describe('bodies that are not raw JSON bytes: 4xx and no execution, whatever the settings', () => {
	const json = JSON.stringify(batchedPayload('junk'));
	const junk: Array<{ name: string; spec: () => RequestSpec; status: number; text: string }> = [
		{
			name: 'multipart/form-data (n8n\'s form parser consumed the body)',
			spec: () => ({ headers: { 'content-type': 'multipart/form-data; boundary=XyZ' }, body: `--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ--\r\n` }),
			status: 415,
			text: 'Rejected: the body is multipart/form-data; Meta sends application/json',
		},
		{
			name: 'multipart/form-data with a valid signature of its bytes',
			spec: () => {
				const body = `--XyZ\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${json}\r\n--XyZ--\r\n`;
				return { ...signedJson(null, { raw: body }), headers: { ...signedJson(null, { raw: body }).headers, 'content-type': 'multipart/form-data; boundary=XyZ' } };
			},
			status: 415,
			text: 'Rejected: the body is multipart/form-data; Meta sends application/json',
		},
		{
			name: 'application/x-www-form-urlencoded',
			spec: () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `payload=${encodeURIComponent(json)}` }),
			status: 415,
			text: 'Rejected: the body is application/x-www-form-urlencoded; Meta sends application/json',
		},
		{
			name: 'text/plain carrying signed JSON',
			spec: () => ({ ...signedJson(batchedPayload('junk')), headers: { ...signedJson(batchedPayload('junk')).headers, 'content-type': 'text/plain' } }),
			status: 415,
			text: 'Rejected: the body is text/plain; Meta sends application/json',
		},
		{
			name: 'no Content-Type',
			spec: () => ({ headers: {}, body: json }),
			status: 415,
			text: 'Rejected: the request has no Content-Type; Meta sends application/json',
		},
		{
			name: 'application/json whose stream cannot be read',
			spec: () => ({ ...signedJson(batchedPayload('junk')), bodyState: 'unreadable' }),
			status: 400,
			text: 'Rejected: the request body could not be read: Request body stream was aborted or is not readable',
		},
		{
			name: 'application/json over N8N_PAYLOAD_SIZE_MAX',
			spec: () => ({ headers: { 'content-type': 'application/json' }, body: Buffer.alloc(PAYLOAD_SIZE_MAX + 1, 0x20), bodyState: 'unread' }),
			status: 413,
			text: 'Rejected: the request body is larger than n8n accepts (N8N_PAYLOAD_SIZE_MAX)',
		},
	];
	const settings: Array<{ label: string; onError?: INode['onError']; acceptUnsigned: boolean }> = [
		{ label: 'defaults', acceptUnsigned: false },
		{ label: 'On Error: Continue', onError: 'continueRegularOutput', acceptUnsigned: false },
		{ label: 'Accept Unsigned + On Error: Continue', onError: 'continueRegularOutput', acceptUnsigned: true },
	];
	for (const s of settings) {
		for (const j of junk) {
			it(`${j.name} → ${j.status} (${s.label})`, async () => {
				const trigger = new HarnessTrigger({ onError: s.onError, parameters: { options: { acceptUnsigned: s.acceptUnsigned } } });
				const outcome = await trigger.deliver(j.spec());
				expect(outcome.nodeCalled).toBe(true);
				expect(outcome.status).toBe(j.status);
				expect(outcome.body).toBe(j.text);
				expect(outcome.executionStarted).toBe(false);
				expect(outcome.executionError).toBeUndefined();
				const logs = takeLogs();
				expect(errors(logs)).toEqual([]);
				expect(warnings(logs)).toEqual([`WhatsApp Cloud Trigger: webhook rejected with ${j.status}, ${j.text.replace('Rejected: ', '')}`]);
			});
		}
	}

	it('a credential that cannot be loaded → 500 without an execution (Meta retries)', async () => {
		const trigger = new HarnessTrigger();
		delete trigger.workflow.getNode(trigger.node.name)!.credentials;
		const outcome = await trigger.deliver(signedJson(batchedPayload('nocred')));
		expect(outcome.status).toBe(500);
		expect(outcome.body).toBe('The trigger could not process this request; the n8n log says why');
		expect(outcome.executionStarted).toBe(false);
		expect(errors(takeLogs())[0]).toMatch(/^WhatsApp Cloud Trigger: could not process a webhook request, answered 500 without starting the workflow: /);
	});
});

describe('signed payloads that are not WhatsApp Business Account webhooks', () => {
	for (const [name, body] of [
		['object "page"', { object: 'page', entry: batchedPayload('page').entry }],
		['no object', { entry: batchedPayload('none').entry }],
		['an array', [batchedPayload('array')]],
		['a number', 42],
	] as const) {
		it(`${name} → 200, nothing emitted, no execution`, async () => {
			const trigger = new HarnessTrigger();
			const outcome = await trigger.deliver(signedJson(body));
			expect(outcome.status).toBe(200);
			expect(outcome.body).toEqual({ received: true, emitted: 0 });
			expect(outcome.executionStarted).toBe(false);
		});
	}

	it('logs at debug what it ignored', async () => {
		await new HarnessTrigger().deliver(signedJson({ object: 'instagram', entry: [] }));
		expect(takeLogs()).toEqual([
			{ level: 'debug', message: 'WhatsApp Cloud Trigger: ignored a signed payload whose "object" is "instagram", not "whatsapp_business_account"' },
		]);
	});
});

describe('hostile values in a signed payload', () => {
	it('a message ID that is an object with its own "toString" / "valueOf": 200, the other messages come out, nothing logged as an error', async () => {
		const body = batchedPayload('hostile');
		const raw = JSON.stringify(body).replace('"wamid.hostile.m2"', '{"toString":1,"valueOf":{},"constructor":"x"}');
		const outcome = await new HarnessTrigger().deliver(signedJson(null, { raw }));
		expect(outcome.status).toBe(200);
		expect(emitted(outcome).filter((item) => item.event === 'message').map((item) => item.messageId)).toEqual(['wamid.hostile.m1', null, 'wamid.hostile.m3', 'wamid.hostile.m4']);
		expect(errors(takeLogs())).toEqual([]);
	});
});

describe('Accept Unsigned Events (Testing Only)', () => {
	it('warns at most once a minute for the unsigned deliveries it lets in, and marks their items unverified', async () => {
		const trigger = new HarnessTrigger({ parameters: { options: { acceptUnsigned: true } } });
		const raw = [JSON.stringify(batchedPayload('unsigned')), JSON.stringify(batchedPayload('unsigned-2'))];
		const first = await trigger.deliver({ headers: { 'content-type': 'application/json' }, body: raw[0] });
		const second = await trigger.deliver({ headers: { 'content-type': 'application/json' }, body: raw[1] });
		expect(first.executionStarted).toBe(true);
		expect(emitted(first)).toHaveLength(8);
		expect(second.executionStarted).toBe(true);
		expect([...emitted(first), ...emitted(second)].map((item) => item.signatureVerified)).toEqual(Array(16).fill(false));
		expect(warnings(takeLogs())).toEqual([
			'WhatsApp Cloud Trigger: accepted an UNSIGNED webhook (2597 bytes) because "Accept Unsigned Events (Testing Only)" is on. Anyone who knows this URL can start the workflow; its items carry signatureVerified: false, and no media is downloaded nor redelivery remembered for them. Turn the option off and set the App Secret in production.',
		]);
		expect(raw.map((r) => Buffer.byteLength(r))).toEqual([2597, 2613]);
	});

	it('claims no dedupe key: an unsigned copy neither drops its own repeat nor the signed delivery after it', async () => {
		const trigger = new HarnessTrigger({ parameters: { options: { acceptUnsigned: true } } });
		const raw = JSON.stringify(batchedPayload('claim'));
		const unsigned = () => trigger.deliver({ headers: { 'content-type': 'application/json' }, body: raw });
		expect(emitted(await unsigned())).toHaveLength(8);
		expect(emitted(await unsigned())).toHaveLength(8);
		const signed = await trigger.deliver(signedJson(null, { raw }));
		expect(emitted(signed)).toHaveLength(8);
		expect(emitted(signed).every((item) => item.signatureVerified === true)).toBe(true);
		expect(emitted(await trigger.deliver(signedJson(null, { raw })))).toHaveLength(0);
	});

	it('still checks a signature that is there', async () => {
		const trigger = new HarnessTrigger({ parameters: { options: { acceptUnsigned: true } } });
		const outcome = await trigger.deliver(signedJson(batchedPayload('forged'), { secret: 'not-the-secret' }));
		expect(outcome.status).toBe(401);
		expect(outcome.executionStarted).toBe(false);
	});
});

describe('refused requests do not flood the log', () => {
	it('25 forged signatures → 25 × 401 and one warning', async () => {
		const trigger = new HarnessTrigger();
		const statuses: number[] = [];
		for (let i = 0; i < 25; i++) statuses.push((await trigger.deliver(signedJson(batchedPayload(`f${i}`), { secret: 'forged' }))).status);
		expect(statuses).toEqual(Array(25).fill(401));
		expect(warnings(takeLogs())).toEqual([
			'WhatsApp Cloud Trigger: webhook rejected with 401, the X-Hub-Signature-256 does not match the body signed with the App Secret',
		]);
	});

	it('25 handshakes with a wrong verify token → 25 × 403 and one warning; another trigger warns on its own', async () => {
		const trigger = new HarnessTrigger();
		const statuses: number[] = [];
		for (let i = 0; i < 25; i++) statuses.push((await trigger.deliver(handshakeRequest(`wrong-${i}`))).status);
		expect(statuses).toEqual(Array(25).fill(403));
		await new HarnessTrigger().deliver(handshakeRequest('wrong'));
		const line = 'WhatsApp Cloud Trigger: verification request refused with 403 (hub.verify_token does not match)';
		expect(warnings(takeLogs())).toEqual([line, line]);
	});
});

describe('group messages: one status per participant', () => {
	it('delivered to 3 participants → 3 items; then read by one → 1 item; redeliveries → nothing', async () => {
		const trigger = new HarnessTrigger({ parameters: { events: ['statuses'] } });
		const delivered = await trigger.deliver(signedJson(groupStatusesPayload('wamid.group-1', 'delivered', GROUP_PARTICIPANTS)));
		expect(emitted(delivered).map((i) => `${i.statusId} ${i.status} ${i.recipientId} ${i.groupId}`)).toEqual(
			GROUP_PARTICIPANTS.map((p) => `wamid.group-1 delivered ${p} ${GROUP_ID}`),
		);
		const read = await trigger.deliver(signedJson(groupStatusesPayload('wamid.group-1', 'read', [GROUP_PARTICIPANTS[1]])));
		expect(emitted(read).map((i) => `${i.status} ${i.recipientId}`)).toEqual([`read ${GROUP_PARTICIPANTS[1]}`]);
		for (const again of [
			groupStatusesPayload('wamid.group-1', 'delivered', GROUP_PARTICIPANTS),
			groupStatusesPayload('wamid.group-1', 'read', [GROUP_PARTICIPANTS[1]]),
		]) {
			const outcome = await trigger.deliver(signedJson(again));
			expect(outcome.executionStarted).toBe(false);
			expect(outcome.body).toEqual({ received: true, emitted: 0 });
		}
		// The second participant reads it too: new.
		const read3 = await trigger.deliver(signedJson(groupStatusesPayload('wamid.group-1', 'read', [GROUP_PARTICIPANTS[2]])));
		expect(emitted(read3).map((i) => i.recipientId)).toEqual([GROUP_PARTICIPANTS[2]]);
	});
});

describe('redelivery memory when n8n cannot start the execution', () => {
	it('a delivery n8n answers 500 (database / queue down) is not remembered: the retry runs, the next redelivery is dropped', async () => {
		const trigger = new HarnessTrigger();
		const failed = await trigger.deliver(signedJson(batchedPayload('db')), { failExecutionStart: true });
		expect(failed.status).toBe(500);
		expect(failed.executionStarted).toBe(false);
		expect(warnings(takeLogs())).toEqual([
			'WhatsApp Cloud Trigger: n8n answered this delivery with HTTP 500, so no execution ran for its 8 event(s) (message wamid.db.m1, message wamid.db.m2, status wamid.db.out1 sent → 16505551234, status wamid.db.out1 delivered → 16505551234, status wamid.db.out1 read → 16505551234, status wamid.db.out2 failed → 16505551234, message wamid.db.m3, message wamid.db.m4). They are not counted as received: Meta retries the delivery and the retry runs them.',
		]);
		const retry = await trigger.deliver(signedJson(batchedPayload('db')));
		expect(retry.executionStarted).toBe(true);
		expect(emitted(retry)).toHaveLength(8);
		const redelivery = await trigger.deliver(signedJson(batchedPayload('db')));
		expect(redelivery.executionStarted).toBe(false);
		expect(takeLogs()).toEqual([
			{
				level: 'info',
				message:
					'WhatsApp Cloud Trigger: dropped 8 redelivered event(s) this n8n process already emitted: message wamid.db.m1, message wamid.db.m2, status wamid.db.out1 sent → 16505551234, status wamid.db.out1 delivered → 16505551234, status wamid.db.out1 read → 16505551234, status wamid.db.out2 failed → 16505551234, message wamid.db.m3, message wamid.db.m4. This memory is per process and lost on restart; for a check shared by all n8n processes and kept across restarts, add a Remove Duplicates node after the trigger ("Remove Items Processed in Previous Executions", Value to Dedupe On {{ $json.dedupeKey }}).',
			},
		]);
	});

	it('only the events of the failed delivery are given back', async () => {
		const trigger = new HarnessTrigger();
		await trigger.deliver(signedJson(payload([{ id: '1', changes: [statusesChange(PHONE_A, [status('wamid.keep', 'sent')])] }])));
		const mixed = payload([{ id: '1', changes: [statusesChange(PHONE_A, [status('wamid.keep', 'sent'), status('wamid.new', 'sent')])] }]);
		const failed = await trigger.deliver(signedJson(mixed), { failExecutionStart: true });
		expect(failed.status).toBe(500);
		const retry = await trigger.deliver(signedJson(mixed));
		expect(emitted(retry).map((i) => i.statusId)).toEqual(['wamid.new']);
	});
});

describe('heavy signed payloads', () => {
	it('20,000 messages from 20,000 senders: every message gets its own sender\'s name; the redelivery is dropped whole', async () => {
		const n = 20_000;
		const contacts = Array.from({ length: n }, (_, i) => ({ profile: { name: `Sender ${i}` }, wa_id: String(15550000000 + i) }));
		const messages = Array.from({ length: n }, (_, i) => ({ from: String(15550000000 + i), id: `wamid.heavy.${i}`, timestamp: '1750000000', type: 'text', text: { body: `hi ${i}` } }));
		const body = payload([{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: PHONE_A, contacts, messages } }] }]);
		const trigger = new HarnessTrigger();
		const outcome = await trigger.deliver(signedJson(body));
		const items = emitted(outcome);
		expect(items).toHaveLength(n);
		// more events than the 10,000 keys a trigger keeps: the delivery is still remembered whole
		const again = await trigger.deliver(signedJson(body));
		expect(again.executionStarted).toBe(false);
		expect(again.body).toEqual({ received: true, emitted: 0 });
		expect(items[0].contactName).toBe('Sender 0');
		expect(items[n - 1].contactName).toBe(`Sender ${n - 1}`);
		expect(items.every((item, i) => item.contactName === `Sender ${i}`)).toBe(true);
	});

	it('a group change nested 100,000 levels deep → one "other" item, no error; its redelivery is dropped', async () => {
		const depth = 100_000;
		const raw = `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"group_settings_update","value":{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}}]}]}`;
		const trigger = new HarnessTrigger();
		const first = await trigger.deliver(signedJson(null, { raw }));
		expect(first.status).toBe(200);
		expect(emitted(first).map((i) => i.field)).toEqual(['group_settings_update']);
		const again = await trigger.deliver(signedJson(null, { raw }));
		expect(again.executionStarted).toBe(false);
		expect(errors(takeLogs())).toEqual([]);
	});

	it('error codes that are objects with their own toString / valueOf do not throw', async () => {
		const evil = { ...status('wamid.evil', 'failed'), errors: [{ code: { toString: 1, valueOf: {} }, title: 'x' }, { code: '131047' }] };
		const outcome = await new HarnessTrigger().deliver(signedJson(payload([{ id: '1', changes: [statusesChange(PHONE_A, [evil])] }])));
		const [item] = emitted(outcome);
		expect((item.errors as Array<{ hint: string | null }>)[0].hint).toBeNull();
		expect((item.errors as Array<{ hint: string | null }>)[1].hint).toMatch(/24 hours/);
		expect(errors(takeLogs())).toEqual([]);
	});
});
