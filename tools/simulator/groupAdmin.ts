/**
 * /__sim/groups endpoints: what customers do in the simulator's groups, and the group webhooks
 * Meta would post (the Groups API never adds anyone: users join through the invite link).
 *   POST /__sim/groups/join     {groupId, customer?}  the customer opens the invite link: joins
 *                               (auto_approve) or asks to join (approval_required)
 *   POST /__sim/groups/message  {groupId, customer?, text}  a participant writes in the group
 *   POST /__sim/groups/deliver  {url?}  posts the queued group webhooks, oldest first, signed, to
 *                               `url` or wherever Meta would route each (webhookRouting.ts)
 *   POST /__sim/groups/limit    {perNumber?}  lowers the 10,000 groups-per-number limit (tests)
 *   GET  /__sim/groups          the groups and the queued deliveries
 * `customer` is "phone" (default), "username" or a Contact, as for /__sim/customer.
 */
import { type Contact, type Customer, contactOf, now } from './customer';
import { groupLimit, groupState, MAX_PARTICIPANTS, newJoinRequestId, setGroupLimit, type SimGroup } from './groupState';
import { groupMessage, joinRequested, participantsAdded } from './groupWebhooks';
import type { Simulator } from './server';
import { postQueued } from './webhookOutbox';

type GroupEndpoint = (sim: Simulator, input: Record<string, unknown>) => unknown;

function groupOf(sim: Simulator, input: Record<string, unknown>): SimGroup {
	const group = groupState(sim.state).groups.find((g) => g.id === input.groupId);
	if (!group) throw new Error(`no group ${String(input.groupId)}`);
	return group;
}

function customerOf(input: Record<string, unknown>): Contact {
	return contactOf((input.customer ?? 'phone') as Customer);
}

/** The customer follows the invite link: a participant at once, or a join request when the group wants approval. */
export function joinGroup(sim: Simulator, groupId: string, who: Customer = 'phone'): { joined: boolean; joinRequestId?: string } {
	const group = groupOf(sim, { groupId });
	const contact = contactOf(who);
	const outbox = groupState(sim.state).outbox;
	if (group.joinApprovalMode === 'approval_required') {
		const request = { id: newJoinRequestId(), contact, createdAt: Number(now()) };
		group.joinRequests.push(request);
		outbox.push(joinRequested(group, request));
		return { joined: false, joinRequestId: request.id };
	}
	if (group.participants.length >= MAX_PARTICIPANTS) throw new Error(`the group is full (${MAX_PARTICIPANTS} participants)`);
	group.participants.push(contact);
	outbox.push(participantsAdded(group, [contact], 'invite_link'));
	return { joined: true };
}

/** A participant writes `text` in the group (queued like the other group webhooks). */
export function writeInGroup(sim: Simulator, groupId: string, text: string, who: Customer = 'phone'): unknown {
	const group = groupOf(sim, { groupId });
	const contact = contactOf(who);
	const member = group.participants.some((c) => c === contact || (c.userId ?? c.waId) === (contact.userId ?? contact.waId));
	if (!member) throw new Error('only a participant can write in the group');
	const payload = groupMessage(group, contact, text);
	groupState(sim.state).outbox.push(payload);
	return payload;
}

/** Posts every queued group webhook (to `url`, else where Meta routes it); returns what each answered. */
export async function deliverGroupWebhooks(sim: Simulator, url?: string): Promise<Array<{ url: string; status: number }>> {
	return await postQueued(sim, groupState(sim.state).outbox, url);
}

export const GROUP_ENDPOINTS: Record<string, GroupEndpoint> = {
	'GET /__sim/groups': (sim) => ({ groups: groupState(sim.state).groups, queued: groupState(sim.state).outbox, limit: groupLimit(sim.state) }),
	'POST /__sim/groups/join': (sim, input) => joinGroup(sim, String(input.groupId), customerOf(input)),
	'POST /__sim/groups/message': (sim, input) => {
		if (typeof input.text !== 'string') throw new Error('text is required');
		return { payload: writeInGroup(sim, String(input.groupId), input.text, customerOf(input)) };
	},
	'POST /__sim/groups/deliver': async (sim, input) => ({ delivered: await deliverGroupWebhooks(sim, typeof input.url === 'string' ? input.url : undefined) }),
	'POST /__sim/groups/limit': (sim, input) => {
		setGroupLimit(sim.state, typeof input.perNumber === 'number' ? input.perNumber : undefined);
		return { success: true, limit: groupLimit(sim.state) };
	},
};
