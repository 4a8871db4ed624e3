/**
 * The customer phone's endpoints (tools/simulator/phone/): what the customer does goes out as
 * Meta's signed webhook to where Meta routes it (here: the WABA override), the business's
 * messages get sent / delivered / read statuses (failed with the switch on), each customer has
 * a chat of their own, and `npm run dev` prints one line per message the business sends.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { quietN8nOutput } from '../../../tools/devOutput';
import { APP_SECRET, PHONE_NUMBER_ID, TOKENS, USERNAME_CUSTOMER_USER_ID, WABA_ID } from '../../../tools/simulator/fixtures';
import { terminalLine } from '../../../tools/simulator/phone/terminal';
import { useSimulator } from '../../harness/simulator';

interface Delivery {
	signed: boolean;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Meta's webhook JSON, read by path
	value: any;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's JSON, read by path
type PhoneState = any;

describe('simulator: the customer phone', () => {
	const { sim } = useSimulator({ reset: false });
	let receiver: http.Server;
	const deliveries: Delivery[] = [];

	beforeAll(async () => {
		// answers Meta's verification GET, keeps every POSTed delivery with whether its signature is right
		receiver = http.createServer(async (req, res) => {
			const url = new URL(req.url ?? '/', 'http://x');
			if (req.method === 'GET') return void res.end(url.searchParams.get('hub.challenge') ?? '');
			let raw = Buffer.alloc(0);
			for await (const chunk of req) raw = Buffer.concat([raw, chunk as Buffer]);
			const expected = `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`;
			const body = JSON.parse(raw.toString('utf8'));
			deliveries.push({ signed: req.headers['x-hub-signature-256'] === expected, value: body.entry[0].changes[0].value });
			res.end('ok');
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		const res = await graph(`${WABA_ID}/subscribed_apps`, { override_callback_uri: url, verify_token: 'any' });
		expect(res.status).toBe(200);
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	});

	async function graph(path: string, body: unknown) {
		return fetch(`${sim.url}/v23.0/${path}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKENS.valid}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	}

	async function act(body: Record<string, unknown>) {
		const res = await fetch(`${sim.url}/__sim/phone/act`, { method: 'POST', body: JSON.stringify(body) });
		return { status: res.status, body: (await res.json()) as PhoneState };
	}

	async function phone(viewing?: string): Promise<PhoneState> {
		return (await fetch(`${sim.url}/__sim/phone${viewing ? `?viewing=${viewing}` : ''}`)).json();
	}

	const statuses = () => deliveries.flatMap((d) => (d.value.statuses ?? []).map((s: { id: string; status: string }) => `${s.status}`));
	const chat = (state: PhoneState, key: string) => state.customers.find((c: { key: string }) => c.key === key).chat;

	it('serves the page, its script and style at the root', async () => {
		const page = await fetch(`${sim.url}/`);
		expect(page.headers.get('content-type')).toContain('text/html');
		expect(await page.text()).toContain('<script src="/phone.js"></script>');
		expect((await fetch(`${sim.url}/phone.js`)).headers.get('content-type')).toContain('javascript');
		expect((await fetch(`${sim.url}/phone.css`)).status).toBe(200);
	});

	it('the customer writes: a signed messages webhook reaches the override, the phone keeps the message', async () => {
		const res = await act({ customer: 'phone', kind: 'text', text: 'Hi' });
		expect(res.status).toBe(200);
		expect(res.body.deliveries).toEqual([{ url: expect.stringMatching(/\/hook$/), status: 200 }]);
		const [delivery] = deliveries.splice(0);
		expect(delivery.signed).toBe(true);
		expect(delivery.value.messages[0]).toMatchObject({ from: '15550009999', type: 'text', text: { body: 'Hi' } });
		expect(chat(await phone(), 'phone')).toEqual([expect.objectContaining({ from: 'customer', id: delivery.value.messages[0].id })]);
	});

	it("the business's message: sent and delivered once seen, read once its chat is open", async () => {
		const sent = await graph(`${PHONE_NUMBER_ID}/messages`, { messaging_product: 'whatsapp', to: '15550009999', type: 'text', text: { body: 'Thanks *a lot*' } });
		expect(sent.status).toBe(200);
		expect(chat(await phone('second'), 'phone')[1]).toMatchObject({ from: 'business', status: 'delivered' });
		expect(statuses()).toEqual(['sent', 'delivered']);
		deliveries.length = 0;
		expect(chat(await phone('phone'), 'phone')[1]).toMatchObject({ status: 'read', read: true });
		expect(statuses()).toEqual(['read']);
		deliveries.length = 0;
		await phone('phone');
		expect(deliveries).toEqual([]);
	});

	it('with the switch on, the next business message fails (and only that one)', async () => {
		await fetch(`${sim.url}/__sim/phone/fail`, { method: 'POST', body: JSON.stringify({ on: true }) });
		await graph(`${PHONE_NUMBER_ID}/messages`, { messaging_product: 'whatsapp', to: '15550009999', type: 'text', text: { body: 'lost' } });
		await graph(`${PHONE_NUMBER_ID}/messages`, { messaging_product: 'whatsapp', to: '15550009999', type: 'text', text: { body: 'found' } });
		const state = await phone('second');
		expect(state.failNext).toBe(false);
		expect(chat(state, 'phone').slice(-2).map((e: { status: string }) => e.status)).toEqual(['failed', 'delivered']);
		expect(deliveries.flatMap((d) => d.value.statuses ?? []).find((s: { status: string }) => s.status === 'failed')?.errors[0].code).toBe(131026);
		deliveries.length = 0;
	});

	it('the username customer has a chat of their own; a reply by BSUID lands there; a tap answers a button', async () => {
		const asked = await graph(`${PHONE_NUMBER_ID}/messages`, {
			messaging_product: 'whatsapp',
			recipient: USERNAME_CUSTOMER_USER_ID,
			type: 'interactive',
			interactive: { type: 'button', body: { text: 'Approve?' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }, { type: 'reply', reply: { id: 'no', title: 'No' } }] } },
		});
		const id = ((await asked.json()) as { messages: Array<{ id: string }> }).messages[0].id;
		const state = await phone('username');
		expect(chat(state, 'username').map((e: { id: string }) => e.id)).toEqual([id]);
		deliveries.length = 0;
		const tap = await act({ customer: 'username', kind: 'button', messageId: id, index: 1 });
		expect(tap.status).toBe(200);
		const message = deliveries[0].value.messages[0];
		expect(message).toMatchObject({ from_user_id: USERNAME_CUSTOMER_USER_ID, context: { id }, interactive: { button_reply: { id: 'no', title: 'No' } } });
		expect(message.from).toBeUndefined();
	});

	it('refuses an unknown customer and an empty text, naming what is wrong', async () => {
		expect(await act({ customer: 'robot', kind: 'text', text: 'x' })).toEqual({ status: 400, body: { error: 'customer must be one of phone, username, second' } });
		expect(await act({ customer: 'phone', kind: 'text', text: ' ' })).toEqual({ status: 400, body: { error: 'write something first' } });
	});

	it('npm run dev: one terminal line per message the business sends, one per refused request', () => {
		const records = sim.requests({ pathIncludes: '/messages' });
		const lines = records.map((r) => terminalLine(r, sim.state.templates)).filter(Boolean);
		expect(lines).toEqual(['→ Sim Customer: "Thanks *a lot*"', '→ Sim Customer: "lost"', '→ Sim Customer: "found"', '→ Sim Shopper: button: "Approve?"']);
		const refused = { ...records[0], response: { status: 400, body: { error: { message: 'Invalid parameter' } } } };
		expect(terminalLine(refused, [])).toBe(`✗ POST ${records[0].path} → 400: Invalid parameter`);
	});

	it("n8n's offline noise stays out of the dev terminal, the rest stays in", () => {
		const chunk = [
			'Editor is now accessible via:',
			'Error fetching community nodes: getaddrinfo ENOTFOUND api.n8n.io',
			'    at GetAddrInfoReqWrap.onlookup (node:dns:120:26)',
			'',
			'Error fetching from Strapi API (https://api-staging.n8n.io/api/community-nodes): request failed',
			'Workflow "Echo" published',
		].join('\n');
		expect(quietN8nOutput(chunk)).toBe('Editor is now accessible via:\nWorkflow "Echo" published');
		expect(quietN8nOutput('Error: getaddrinfo EAI_AGAIN registry.npmjs.org')).toBe('');
	});
});
