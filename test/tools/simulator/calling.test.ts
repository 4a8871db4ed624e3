/**
 * The simulator's Calling API: call settings per number (off by default, merged on update, read
 * back), call permissions (none → granted when the user accepts a permission request → gone when
 * they reject), connect refused without permission (138006) or with calling off (138000), a user's
 * call pre-accepted, accepted and terminated, reject and terminate on a call that is over or
 * unknown (100), and the webhooks the simulator plays (connect, terminate, missed call, call
 * status, call_permission_reply), each valid under the patched contract.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { validateWebhook } from '../../../tools/contract/validate';
import type { AdminTarget } from '../../../tools/simulator/admin';
import { CALLING_ADMIN_ENDPOINTS } from '../../../tools/simulator/callingAdmin';
import { callEnds, callStatus, missedCall, permissionReply, SIM_SDP_OFFER, userCalls } from '../../../tools/simulator/callingEvents';
import { CUSTOMER_WA_ID, PHONE_NUMBER_ID, TOKENS, USERNAME_CUSTOMER_USER_ID } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { sim } = useSimulator();

async function graph(method: string, path: string, json?: unknown): Promise<{ status: number; body: Json }> {
	const response = await fetch(`${sim.url}/v23.0/${PHONE_NUMBER_ID}${path}`, {
		method,
		headers: { authorization: `Bearer ${TOKENS.valid}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
		body: json === undefined ? undefined : JSON.stringify(json),
	});
	return { status: response.status, body: (await response.json()) as Json };
}

const enableCalling = async () => expect((await graph('POST', '/settings', { calling: { status: 'ENABLED' } })).status).toBe(200);
const calls = (body: Json) => graph('POST', '/calls', { messaging_product: 'whatsapp', ...body });
const connect = () => calls({ to: CUSTOMER_WA_ID, action: 'connect', session: { sdp_type: 'offer', sdp: SIM_SDP_OFFER } });
const permissionRequest = () =>
	graph('POST', '/messages', {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: CUSTOMER_WA_ID,
		type: 'interactive',
		interactive: { type: 'call_permission_request', body: { text: 'May we call you about your order?' }, action: { name: 'call_permission_request' } },
	});

function expectValid(payload: unknown): Json {
	const check = validateWebhook(payload);
	expect(check.errors).toEqual([]);
	return payload as Json;
}
const valueOf = (payload: Json): Json => payload.entry[0].changes[0].value;

describe('call settings', () => {
	test('calling is off on a new number; an update merges, replaces call hours, and reads back', async () => {
		expect((await graph('GET', '/settings')).body.calling).toEqual({ status: 'DISABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'DISABLED' });
		const hours = { status: 'ENABLED', timezone_id: 'Europe/Berlin', weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '0900', close_time: '1700' }] };
		expect(await graph('POST', '/settings', { calling: { status: 'ENABLED', call_hours: hours } })).toEqual({ status: 200, body: { success: true } });
		await graph('POST', '/settings', { calling: { call_icon_visibility: 'DISABLE_ALL', callback_permission_status: 'ENABLED' } });
		const { body } = await graph('GET', '/settings');
		expect(body.calling).toEqual({ status: 'ENABLED', call_icon_visibility: 'DISABLE_ALL', callback_permission_status: 'ENABLED', call_hours: hours });
		expect(sim.requests().every((r) => r.contract.valid)).toBe(true);
	});

	test.each([
		['lower-case values (not on Meta\'s page)', { calling: { status: 'enabled' } }],
		['a misspelt key', { calling: { stauts: 'ENABLED' } }],
		['an hour that is no HHMM', { calling: { call_hours: { weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '9:00', close_time: '1700' }] } } }],
	])('%s is refused by the contract', async (_what, body) => {
		const { status, body: answer } = await graph('POST', '/settings', body);
		expect(status).toBe(400);
		expect(answer.error.code).toBe(100);
	});
});

describe('permissions and calls', () => {
	test('with calling off, permissions and connect are refused with 138000', async () => {
		expect((await graph('GET', `/call_permissions?user_wa_id=${CUSTOMER_WA_ID}`)).body.error.code).toBe(138000);
		expect((await connect()).body.error.code).toBe(138000);
	});

	test('no permission → 138006; the user accepts a request → granted for 7 days, connect works; a reject takes it back', async () => {
		await enableCalling();
		expect((await connect()).body.error.code).toBe(138006);
		const before = await graph('GET', `/call_permissions?user_wa_id=${CUSTOMER_WA_ID}`);
		expect(before.body.permission).toEqual({ status: 'no_permission' });
		expect(before.body.actions[0]).toMatchObject({ action_name: 'send_call_permission_request', can_perform_action: true });

		const sent = await permissionRequest();
		expect(sent.status).toBe(200);
		const reply = expectValid(permissionReply(sim.state, { response: 'accept' }));
		const message = valueOf(reply).messages[0];
		expect(message.context.id).toBe(sent.body.messages[0].id);
		expect(message.interactive.call_permission_reply).toMatchObject({ response: 'accept', is_permanent: false, response_source: 'user_action' });

		const after = await graph('GET', `/call_permissions?user_wa_id=${CUSTOMER_WA_ID}`);
		expect(after.body.permission.status).toBe('temporary');
		expect(after.body.permission.expiration_time - Date.now() / 1000).toBeGreaterThan(7 * 24 * 3600 - 60);
		expect(after.body.actions[0].limits[0]).toEqual({ time_period: 'PT24H', max_allowed: 1, current_usage: 1 });
		const connected = await connect();
		expect(connected.body.calls[0].id).toMatch(/^wacid\./);

		expect(valueOf(expectValid(callStatus(sim.state, connected.body.calls[0].id, 'ACCEPTED'))).statuses[0].status).toBe('ACCEPTED');
		expect((await calls({ call_id: connected.body.calls[0].id, action: 'terminate' })).body).toEqual({ success: true });

		expectValid(permissionReply(sim.state, { response: 'reject' }));
		expect((await connect()).body.error.code).toBe(138006);
		expect(sim.requests().every((r) => r.contract.valid)).toBe(true);
	});

	test('a user\'s call: pre-accept, accept, terminate; terminate again or an unknown call id → 100', async () => {
		await enableCalling();
		const { callId, payload } = userCalls(sim.state);
		expect(valueOf(expectValid(payload)).calls[0]).toMatchObject({ id: callId, event: 'connect', direction: 'USER_INITIATED', from: CUSTOMER_WA_ID });
		const answer = { sdp_type: 'answer', sdp: SIM_SDP_OFFER };
		expect((await calls({ call_id: callId, action: 'pre_accept', session: answer })).body).toEqual({ success: true });
		expect((await calls({ call_id: callId, action: 'accept', session: answer })).body).toEqual({ success: true });
		expect((await calls({ call_id: callId, action: 'terminate' })).body).toEqual({ success: true });
		const again = await calls({ call_id: callId, action: 'terminate' });
		expect(again.body.error.code).toBe(100);
		expect(again.body.error.error_data.details).toMatch(/is over/);
		expect((await calls({ call_id: 'wacid.nope', action: 'reject' })).body.error.error_data.details).toMatch(/names no call/);
	});

	test('an SDP-less accept or a connect by call_id breaks the contract', async () => {
		expect((await calls({ call_id: 'wacid.x', action: 'accept' })).body.error.code).toBe(100);
		expect((await calls({ call_id: 'wacid.x', action: 'connect', session: { sdp_type: 'offer', sdp: 'v=0' } })).status).toBe(400);
		expect(sim.requests().every((r) => !r.contract.valid)).toBe(true);
	});

	test('callback permission on: a user\'s call grants a temporary permission', async () => {
		await graph('POST', '/settings', { calling: { status: 'ENABLED', callback_permission_status: 'ENABLED' } });
		userCalls(sim.state);
		expect((await graph('GET', `/call_permissions?user_wa_id=${CUSTOMER_WA_ID}`)).body.permission.status).toBe('temporary');
	});
});

describe('call webhooks', () => {
	test('a missed call: connect, then terminate FAILED without start, end or duration', () => {
		const { callId, connect: first, terminate } = missedCall(sim.state);
		expect(valueOf(expectValid(first)).calls[0].event).toBe('connect');
		const ended = valueOf(expectValid(terminate)).calls[0];
		expect(ended).toMatchObject({ id: callId, event: 'terminate', status: 'FAILED', direction: 'USER_INITIATED', from: CUSTOMER_WA_ID });
		expect(ended).not.toHaveProperty('duration');
	});

	test('an answered call ends COMPLETED with its duration; a username customer is named by BSUID only', async () => {
		await enableCalling();
		const { callId, payload } = userCalls(sim.state, { customer: 'username' });
		expect(valueOf(expectValid(payload)).calls[0]).toMatchObject({ from_user_id: USERNAME_CUSTOMER_USER_ID });
		expect(valueOf(payload).calls[0]).not.toHaveProperty('from');
		await calls({ call_id: callId, action: 'accept', session: { sdp_type: 'answer', sdp: SIM_SDP_OFFER } });
		const ended = valueOf(expectValid(callEnds(sim.state, callId).payload)).calls[0];
		expect(ended).toMatchObject({ status: 'COMPLETED', duration: 0 });
		expect(ended.start_time).toBe(ended.end_time);
	});

	test('a permanent acceptance has no expiration', () => {
		const reply = permissionReply(sim.state, { response: 'accept', permanent: true, messageId: 'wamid.request' });
		expect(valueOf(expectValid(reply)).messages[0].interactive.call_permission_reply).toEqual({ response: 'accept', is_permanent: true, response_source: 'user_action' });
	});
});

describe('the /__sim/calls endpoints (callingAdmin.ts)', () => {
	const endpoint = (key: string, input: Json) => CALLING_ADMIN_ENDPOINTS[key](sim as unknown as AdminTarget, input) as Promise<Json>;

	test('missed with a url posts both deliveries signed; permission without a url only builds and grants', async () => {
		const received: Array<{ signature: unknown; body: Json }> = [];
		const server = http.createServer((req, res) => {
			let raw = '';
			req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			req.on('end', () => {
				received.push({ signature: req.headers['x-hub-signature-256'], body: JSON.parse(raw) as Json });
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
			const missed = await endpoint('POST /__sim/calls/missed', { url });
			expect(missed.deliveries.map((d: Json) => d.status)).toEqual([200, 200]);
			expect(received.map((r) => valueOf(r.body).calls[0].event)).toEqual(['connect', 'terminate']);
			expect(received.every((r) => typeof r.signature === 'string' && r.signature.startsWith('sha256='))).toBe(true);
		} finally {
			server.close();
		}
		await enableCalling();
		const reply = await endpoint('POST /__sim/calls/permission', { response: 'accept', messageId: 'wamid.asked' });
		expect(valueOf(expectValid(reply.payload)).messages[0].context.id).toBe('wamid.asked');
		expect((await graph('GET', `/call_permissions?user_wa_id=${CUSTOMER_WA_ID}`)).body.permission.status).toBe('temporary');
		await expect(endpoint('POST /__sim/calls/status', { callId: 'wacid.x', status: 'LOST' })).rejects.toThrow(/RINGING, ACCEPTED or REJECTED/);
	});
});
