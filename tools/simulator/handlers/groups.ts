/**
 * The Groups API (Meta, "Group management":
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/reference).
 * Bodies were checked against the contract (subject ≤ 128, description ≤ 2048, ≤ 8 participants per
 * removal). Create answers a request_id and queues the group_create webhook with the invite link;
 * every change queues the webhook Meta would post (groupWebhooks.ts, posted by /__sim/groups/deliver).
 * Limits with their errors: 10,000 groups per number, 8 participants per group (an approval that
 * would pass it fails for that request in failed_join_requests). Meta's pages name these limits
 * but no error code for them: the simulator answers (#100) Invalid parameter with the limit in
 * the details, as Graph does for a parameter it refuses. `/{group_id}` routes come last in
 * routes.ts and router.ts resolves `group_id` against the groups, so an unknown id still gets
 * Graph's "Unsupported … request" before any contract check.
 */
import { userIdOf } from '../customer';
import { SCOPE_MESSAGING } from '../fixtures';
import { GraphError, invalidParameter, unsupportedRequest } from '../graphError';
import {
	groupLimit,
	groupState,
	MAX_PARTICIPANTS,
	names,
	newGroupId,
	newInviteLink,
	newRequestId,
	type SimGroup,
} from '../groupState';
import { groupCreated, groupDeleted, participantsAdded, participantsRemoved, settingsUpdated } from '../groupWebhooks';
import type { RequestContext, Route } from '../router';
import { page } from './blockUsers';

const GROUP_FIELDS = ['id', 'messaging_product', 'subject', 'description', 'join_approval_mode', 'suspended', 'creation_timestamp', 'participants', 'total_participant_count'];
const DEFAULT_FIELDS = ['id', 'subject'];

function body(ctx: RequestContext): Record<string, unknown> {
	return (ctx.body ?? {}) as Record<string, unknown>;
}

/** The group the path names, or Graph's error for an id that names nothing. */
function groupOf(ctx: RequestContext): SimGroup {
	const id = ctx.params.group_id;
	const group = groupState(ctx.state).groups.find((g) => g.id === id);
	if (!group) throw unsupportedRequest(ctx.method, id);
	return group;
}

function queue(ctx: RequestContext, delivery: unknown): void {
	groupState(ctx.state).outbox.push(delivery);
}

function view(ctx: RequestContext, group: SimGroup): Record<string, unknown> {
	const wanted = typeof ctx.query.fields === 'string' && ctx.query.fields.trim() !== '' ? ctx.query.fields.split(',').map((f) => f.trim()) : DEFAULT_FIELDS;
	const all: Record<string, unknown> = {
		id: group.id,
		messaging_product: 'whatsapp',
		subject: group.subject,
		description: group.description,
		join_approval_mode: group.joinApprovalMode,
		suspended: group.suspended,
		creation_timestamp: group.createdAt,
		participants: group.participants.map((c) => ({ ...(c.waId ? { wa_id: c.waId } : {}), user_id: userIdOf(c) })),
		total_participant_count: group.participants.length,
	};
	const out: Record<string, unknown> = {};
	for (const field of wanted) {
		if (!GROUP_FIELDS.includes(field)) throw new GraphError(400, { message: `(#100) Tried accessing nonexisting field (${field}) on node type (WhatsAppGroup)`, code: 100 });
		out[field] = all[field];
	}
	return out;
}

export const createGroup: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/groups',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const b = body(ctx);
		const phoneNumberId = ctx.params['Phone-Number-ID'];
		const state = groupState(ctx.state);
		const created = state.created[phoneNumberId] ?? 0;
		const limit = groupLimit(ctx.state);
		if (created >= limit) throw invalidParameter(`This business phone number reached the limit of ${limit} groups`);
		const subject = String(b.subject).trim();
		if (subject === '') throw invalidParameter('subject is empty');
		const group: SimGroup = {
			id: newGroupId(phoneNumberId),
			phoneNumberId,
			subject,
			description: typeof b.description === 'string' ? b.description : '',
			joinApprovalMode: b.join_approval_mode === 'approval_required' ? 'approval_required' : 'auto_approve',
			inviteLink: newInviteLink(),
			createdAt: Math.floor(Date.now() / 1000),
			suspended: false,
			participants: [],
			joinRequests: [],
		};
		state.groups.push(group);
		state.created[phoneNumberId] = created + 1;
		const requestId = newRequestId();
		queue(ctx, groupCreated(group, requestId));
		return { body: { messaging_product: 'whatsapp', request_id: requestId } };
	},
};

export const listGroups: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}/groups',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const mine = groupState(ctx.state).groups.filter((g) => g.phoneNumberId === ctx.params['Phone-Number-ID']);
		const result = page(ctx, mine, 25, 1024);
		const groups = (result.data as SimGroup[]).map((g) => ({ id: g.id, subject: g.subject, created_at: String(g.createdAt) }));
		return { body: { data: { groups }, ...(result.paging ? { paging: result.paging } : {}) } };
	},
};

export const getGroup: Route = {
	method: 'GET',
	path: '/{group_id}',
	scope: SCOPE_MESSAGING,
	handle: (ctx) => ({ body: view(ctx, groupOf(ctx)) }),
};

export const updateGroup: Route = {
	method: 'POST',
	path: '/{group_id}',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const group = groupOf(ctx);
		const b = body(ctx);
		const picture = ctx.files.find((f) => f.field === 'file');
		if (picture && !/^image\/jpe?g$/.test(picture.contentType)) throw invalidParameter('The group picture must be a JPEG image');
		const changed: { subject?: string; description?: string; picture?: boolean } = {};
		if (typeof b.subject === 'string') group.subject = changed.subject = b.subject.trim();
		if (typeof b.description === 'string') group.description = changed.description = b.description;
		if (picture) {
			group.pictureBytes = picture.bytes.length;
			changed.picture = true;
		}
		if (Object.keys(changed).length === 0) throw invalidParameter('Nothing to update: give subject, description or a picture file');
		queue(ctx, settingsUpdated(group, newRequestId(), changed));
		return { body: { success: true } };
	},
};

export const deleteGroup: Route = {
	method: 'DELETE',
	path: '/{group_id}',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const group = groupOf(ctx);
		const state = groupState(ctx.state);
		state.groups = state.groups.filter((g) => g !== group);
		queue(ctx, groupDeleted(group, newRequestId()));
		return { body: { success: true } };
	},
};

export const getInviteLink: Route = {
	method: 'GET',
	path: '/{group_id}/invite_link',
	scope: SCOPE_MESSAGING,
	handle: (ctx) => ({ body: { messaging_product: 'whatsapp', invite_link: groupOf(ctx).inviteLink } }),
};

export const resetInviteLink: Route = {
	method: 'POST',
	path: '/{group_id}/invite_link',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const group = groupOf(ctx);
		group.inviteLink = newInviteLink();
		return { body: { messaging_product: 'whatsapp', invite_link: group.inviteLink } };
	},
};

export const listJoinRequests: Route = {
	method: 'GET',
	path: '/{group_id}/join_requests',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const result = page(ctx, groupOf(ctx).joinRequests, 25, 100);
		const data = result.data.map((r) => ({
			join_request_id: r.id,
			...(r.contact.waId ? { wa_id: r.contact.waId } : {}),
			user_id: userIdOf(r.contact),
			creation_timestamp: r.createdAt,
		}));
		return { body: { ...result, data } };
	},
};

function requestError(id: string, message: string) {
	return { join_request_id: id, errors: [{ code: 100, title: 'Invalid parameter', message }] };
}

/**
 * Approve (POST) or reject (DELETE) join requests: each ID is handled on its own, Meta answers
 * the handled ones under `<verb>_join_requests` and the others, with why, in failed_join_requests.
 */
function joinRequestsRoute(method: 'POST' | 'DELETE', verb: 'approved' | 'rejected'): Route {
	return {
		method,
		path: '/{group_id}/join_requests',
		scope: SCOPE_MESSAGING,
		handle(ctx) {
			const group = groupOf(ctx);
			const done: string[] = [];
			const failed: unknown[] = [];
			for (const id of body(ctx).join_requests as string[]) {
				const request = group.joinRequests.find((r) => r.id === id);
				if (!request) failed.push(requestError(id, `Join request ${id} does not exist or was already handled`));
				else if (verb === 'approved' && group.participants.length >= MAX_PARTICIPANTS)
					failed.push(requestError(id, `The group has reached its limit of ${MAX_PARTICIPANTS} participants`));
				else {
					group.joinRequests = group.joinRequests.filter((r) => r !== request);
					done.push(id);
					if (verb === 'approved') {
						group.participants.push(request.contact);
						queue(ctx, participantsAdded(group, [request.contact], 'join_request_approved'));
					}
				}
			}
			return { body: { messaging_product: 'whatsapp', [`${verb}_join_requests`]: done, ...(failed.length ? { failed_join_requests: failed } : {}) } };
		},
	};
}

export const approveJoinRequests = joinRequestsRoute('POST', 'approved');
export const rejectJoinRequests = joinRequestsRoute('DELETE', 'rejected');

export const removeParticipants: Route = {
	method: 'DELETE',
	path: '/{group_id}/participants',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const group = groupOf(ctx);
		const users = (body(ctx).participants as Array<{ user: string }>).map((p) => p.user);
		const removed = users.flatMap((input) => {
			const contact = group.participants.find((c) => names(c, input));
			return contact ? [{ contact, input }] : [];
		});
		const missing = users.filter((u) => !removed.some((r) => r.input === u));
		if (missing.length) throw invalidParameter(`Not a participant of this group: ${missing.join(', ')}`);
		group.participants = group.participants.filter((c) => !removed.some((r) => r.contact === c));
		queue(ctx, participantsRemoved(group, removed, newRequestId()));
		return { body: { success: true } };
	},
};

/** The group routes in routes.ts's order: /{group_id} ones after every other single-id route. */
export const GROUP_ROUTES: Route[] = [
	createGroup,
	listGroups,
	getInviteLink,
	resetInviteLink,
	listJoinRequests,
	approveJoinRequests,
	rejectJoinRequests,
	removeParticipants,
	getGroup,
	updateGroup,
	deleteGroup,
];

