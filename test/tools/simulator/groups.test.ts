/**
 * The simulator's Groups API (issue 22): Meta's group operations over HTTP, the limits with their
 * errors, unknown group IDs answered like Graph, and the group webhooks it queues — each checked
 * against the contract — posted by /__sim/groups/deliver, with customers joining, asking to join
 * and writing in a group through the /__sim/groups hooks.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { validateWebhook } from '../../../tools/contract/validate';
import { CUSTOMER, USERNAME_CUSTOMER } from '../../../tools/simulator/customer';
import { PHONE_NUMBER_ID, TOKENS } from '../../../tools/simulator/fixtures';
import { groupState } from '../../../tools/simulator/groupState';
import { useSimulator } from '../../harness/simulator';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { sim } = useSimulator();

async function call(method: string, path: string, json?: unknown): Promise<{ status: number; body: Json }> {
	const response = await fetch(`${sim.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${TOKENS.valid}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
		body: json === undefined ? undefined : JSON.stringify(json),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

const admin = (path: string, json: unknown = {}) => call('POST', `/__sim/groups${path}`, json);

async function createGroup(extra: Json = {}): Promise<string> {
	const { status } = await call('POST', `/v25.0/${PHONE_NUMBER_ID}/groups`, { messaging_product: 'whatsapp', subject: 'Team', ...extra });
	expect(status).toBe(200);
	return groupState(sim.state).groups.at(-1)!.id;
}

/** The queued deliveries, each contract-valid, as [field, type] pairs. */
function queued(): Array<[string, string]> {
	return (groupState(sim.state).outbox as Json[]).map((payload) => {
		expect(validateWebhook(payload).errors).toEqual([]);
		const change = payload.entry[0].changes[0];
		return [change.field, change.value.groups?.[0]?.type ?? change.value.messages?.[0]?.type];
	});
}

test('create answers a request ID and queues group_create with the invite link; list, get, delete', async () => {
	const groupId = await createGroup({ description: 'About', join_approval_mode: 'auto_approve' });
	expect(groupId).toMatch(/^[A-Za-z0-9]{20,}$/);
	const list = await call('GET', `/v25.0/${PHONE_NUMBER_ID}/groups?limit=10`);
	expect(list.body.data.groups).toEqual([{ id: groupId, subject: 'Team', created_at: expect.any(String) }]);
	const info = await call('GET', `/v25.0/${groupId}?fields=subject,description,join_approval_mode`);
	expect(info.body).toEqual({ subject: 'Team', description: 'About', join_approval_mode: 'auto_approve' });
	expect((await call('DELETE', `/v25.0/${groupId}`)).body).toEqual({ success: true });
	expect(queued()).toEqual([
		['group_lifecycle_update', 'group_create'],
		['group_lifecycle_update', 'group_delete'],
	]);
	expect((await call('GET', `/v25.0/${groupId}`)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
});

test('unknown group IDs get Graph\'s "Unsupported … request", before any contract check', async () => {
	const answer = await call('POST', '/v25.0/Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', { nonsense: true });
	expect(answer.status).toBe(400);
	expect(answer.body.error.message).toMatch(/^Unsupported post request\. Object with ID 'Y2FwaV9/);
});

test('limits: subject over 128 and 9 participants fail the contract; the groups-per-number limit answers (#100) with the limit', async () => {
	const long = await call('POST', `/v25.0/${PHONE_NUMBER_ID}/groups`, { messaging_product: 'whatsapp', subject: 'x'.repeat(129) });
	expect(long.body.error.error_data.details).toContain('/subject must NOT have more than 128 characters');
	const groupId = await createGroup();
	const nine = await call('DELETE', `/v25.0/${groupId}/participants`, { messaging_product: 'whatsapp', participants: Array.from({ length: 9 }, (_, i) => ({ user: `1555000000${i}` })) });
	expect(nine.body.error.error_data.details).toContain('/participants must NOT have more than 8 items');
	await admin('/limit', { perNumber: 1 });
	const over = await call('POST', `/v25.0/${PHONE_NUMBER_ID}/groups`, { messaging_product: 'whatsapp', subject: 'Second' });
	expect(over.body.error).toMatchObject({ code: 100, error_data: { details: 'This business phone number reached the limit of 1 groups' } });
});

test('join requests: asked through the hook, listed, approved up to 8 participants, the rest failed per ID', async () => {
	const groupId = await createGroup({ join_approval_mode: 'approval_required' });
	for (let i = 0; i < 8; i++) await admin('/join', { groupId, customer: { waId: `1555000100${i}`, name: `P${i}` } });
	const late = (await admin('/join', { groupId, customer: 'username' })).body.joinRequestId as string;
	const list = await call('GET', `/v25.0/${groupId}/join_requests`);
	expect(list.body.data).toHaveLength(9);
	expect(list.body.data[8]).toEqual({ join_request_id: late, user_id: USERNAME_CUSTOMER.userId, creation_timestamp: expect.any(Number) });
	const ids = (list.body.data as Json[]).map((r) => r.join_request_id as string);
	const answer = await call('POST', `/v25.0/${groupId}/join_requests`, { messaging_product: 'whatsapp', join_requests: ids });
	expect(answer.body.approved_join_requests).toEqual(ids.slice(0, 8));
	expect(answer.body.failed_join_requests).toEqual([{ join_request_id: late, errors: [expect.objectContaining({ message: 'The group has reached its limit of 8 participants' })] }]);
	const types = queued().map(([, type]) => type);
	expect(types.filter((t) => t === 'group_join_request_created')).toHaveLength(9);
	expect(types.filter((t) => t === 'group_participants_add')).toHaveLength(8);
});

test('a participant joins, writes in the group and is removed; /deliver posts every queued webhook signed, in order', async () => {
	const groupId = await createGroup();
	expect((await admin('/join', { groupId })).body).toEqual({ joined: true });
	await admin('/message', { groupId, text: 'Hello group' });
	await call('DELETE', `/v25.0/${groupId}/participants`, { messaging_product: 'whatsapp', participants: [{ user: `+${CUSTOMER.waId}` }] });
	expect((await admin('/message', { groupId, text: 'again' })).body.error).toBe('only a participant can write in the group');

	const received: Json[] = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c: Buffer) => (raw += c.toString()));
		req.on('end', () => {
			received.push({ signature: req.headers['x-hub-signature-256'], body: JSON.parse(raw) as Json });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	try {
		const answer = await admin('/deliver', { url });
		expect(answer.body.delivered).toHaveLength(4);
	} finally {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
	expect(received.map((r) => r.body.entry[0].changes[0].field)).toEqual(['group_lifecycle_update', 'group_participants_update', 'messages', 'group_participants_update']);
	expect(received.every((r) => /^sha256=[0-9a-f]{64}$/.test(String(r.signature)))).toBe(true);
	const message = received[2].body.entry[0].changes[0].value.messages[0];
	expect(message).toMatchObject({ from: CUSTOMER.waId, group_id: groupId, type: 'text', text: { body: 'Hello group' } });
	expect(received[3].body.entry[0].changes[0].value.groups[0]).toMatchObject({ type: 'group_participants_remove', removed_participants: [{ input: `+${CUSTOMER.waId}`, wa_id: CUSTOMER.waId }] });
	expect(groupState(sim.state).outbox).toEqual([]);
});
