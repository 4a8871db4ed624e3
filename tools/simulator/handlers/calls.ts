/**
 * The Calling API (Meta, https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/):
 * GET/POST /{Phone-Number-ID}/settings (the `calling` settings; the number's other settings are
 * acknowledged and not kept), GET /{Phone-Number-ID}/call_permissions?user_wa_id= and POST
 * /{Phone-Number-ID}/calls (connect, pre_accept, accept, reject, terminate). The contract (R7z)
 * checks the bodies; these handlers add Meta's refusals: calling off on the number (138000), no
 * approved permission for a business-initiated call (138006), and a call_id that names no call of
 * this number in a state the action applies to (100; the media itself is never simulated: an SDP
 * is stored nowhere, only its presence is checked by the contract). State: callingState.ts.
 */
import { SCOPE_MANAGEMENT, SCOPE_MESSAGING } from '../fixtures';
import { invalidParameter, whatsappError } from '../graphError';
import type { RequestContext, Route } from '../router';
import type { SimState } from '../state';
import { callingOf, permissionOf, settingsOf, startCall, type CallingSettings, type SimCall } from '../callingState';

const DAY = 24 * 3600;
/** Meta's limits per business and user: permission requests 1 a day and 2 a week; 100 connected calls a day. */
const REQUEST_LIMITS = [
	{ time_period: 'PT24H', seconds: DAY, max_allowed: 1 },
	{ time_period: 'P7D', seconds: 7 * DAY, max_allowed: 2 },
];
const CALLS_PER_DAY = 100;

const phoneId = (ctx: RequestContext) => ctx.params['Phone-Number-ID'];
const digits = (value: unknown) => String(value ?? '').replace(/[^0-9]/g, '');

function callingEnabled(state: SimState, phoneNumberId: string): void {
	if (settingsOf(state, phoneNumberId).status !== 'ENABLED') {
		throw whatsappError(138000, 'Calling not enabled', 'Calling is not enabled for this business phone number; enable it in the call settings');
	}
}

export const getPhoneNumberSettings: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}/settings',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const calling = settingsOf(ctx.state, phoneId(ctx));
		return { body: { calling: structuredClone(calling), storage_configuration: { status: 'default' } } };
	},
};

export const updatePhoneNumberSettings: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/settings',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const update = (ctx.body as { calling?: Partial<CallingSettings> }).calling;
		if (update) {
			const settings = settingsOf(ctx.state, phoneId(ctx));
			// Meta: omitted fields keep their value; call_hours is replaced as a whole.
			Object.assign(settings, structuredClone(update));
		}
		return { body: { success: true } };
	},
};

/** Permission requests sent to `user` from this number since `since` (unix seconds). */
function requestsSince(state: SimState, phoneNumberId: string, user: string, since: number): number {
	return state.sentMessages.filter((m) => {
		const body = m.body as { to?: string; recipient?: string; interactive?: { type?: string } };
		const to = body.recipient ?? digits(body.to);
		return m.phoneNumberId === phoneNumberId && to === user && body.interactive?.type === 'call_permission_request' && Date.parse(m.at) / 1000 >= since;
	}).length;
}

function callsSince(state: SimState, phoneNumberId: string, user: string, since: number): number {
	return Object.values(callingOf(state).calls).filter((c) => c.phoneNumberId === phoneNumberId && c.user === user && (c.answeredAt ?? 0) >= since).length;
}

export const getCallPermissions: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}/call_permissions',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const id = phoneId(ctx);
		const user = digits(ctx.query.user_wa_id);
		if (!user) throw invalidParameter('user_wa_id: the WhatsApp user\'s phone number is required');
		callingEnabled(ctx.state, id);
		const now = Math.floor(Date.now() / 1000);
		const permission = permissionOf(ctx.state, id, user, now);
		const requestLimits = REQUEST_LIMITS.map(({ time_period, seconds, max_allowed }) => ({
			time_period,
			max_allowed,
			current_usage: requestsSince(ctx.state, id, user, now - seconds),
		}));
		const connected = callsSince(ctx.state, id, user, now - DAY);
		return {
			body: {
				messaging_product: 'whatsapp',
				permission: permission ?? { status: 'no_permission' },
				actions: [
					{
						action_name: 'send_call_permission_request',
						can_perform_action: !permission && requestLimits.every((l) => l.current_usage < l.max_allowed),
						limits: requestLimits,
					},
					{
						action_name: 'start_call',
						can_perform_action: permission !== undefined && connected < CALLS_PER_DAY,
						limits: [{ time_period: 'PT24H', max_allowed: CALLS_PER_DAY, current_usage: connected }],
					},
				],
			},
		};
	},
};

interface CallBody {
	to?: string;
	call_id?: string;
	action: 'connect' | 'pre_accept' | 'accept' | 'reject' | 'terminate';
	biz_opaque_callback_data?: string;
}

/** The stages each action on an existing call applies to; pre-accept, accept and reject only answer a user's call. */
const ACTION_STAGES: Record<Exclude<CallBody['action'], 'connect'>, { stages: SimCall['stage'][]; userInitiatedOnly: boolean }> = {
	pre_accept: { stages: ['ringing'], userInitiatedOnly: true },
	accept: { stages: ['ringing', 'pre_accepted'], userInitiatedOnly: true },
	reject: { stages: ['ringing', 'pre_accepted'], userInitiatedOnly: true },
	terminate: { stages: ['ringing', 'pre_accepted', 'accepted'], userInitiatedOnly: false },
};

function connect(ctx: RequestContext, body: CallBody) {
	const id = phoneId(ctx);
	callingEnabled(ctx.state, id);
	const user = digits(body.to);
	if (!permissionOf(ctx.state, id, user)) {
		throw whatsappError(138006, 'No approved call permission', 'The WhatsApp user has not given this business number permission to call them');
	}
	const call = startCall(ctx.state, { phoneNumberId: id, direction: 'BUSINESS_INITIATED', user, bizOpaqueCallbackData: body.biz_opaque_callback_data });
	return { body: { messaging_product: 'whatsapp', calls: [{ id: call.id }] } };
}

export const manageCalls: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/calls',
	scope: SCOPE_MESSAGING,
	handle(ctx) {
		const body = ctx.body as CallBody;
		if (body.action === 'connect') return connect(ctx, body);
		const rule = ACTION_STAGES[body.action];
		const call = callingOf(ctx.state).calls[String(body.call_id)];
		if (!call || call.phoneNumberId !== phoneId(ctx) || !rule.stages.includes(call.stage) || (rule.userInitiatedOnly && call.direction !== 'USER_INITIATED')) {
			const what = call && call.phoneNumberId === phoneId(ctx) ? `is ${call.stage === 'ended' ? 'over' : `a ${call.direction.toLowerCase()} call in stage ${call.stage}`}` : 'names no call of this number';
			throw invalidParameter(`call_id ${String(body.call_id)} ${what}; ${body.action} does not apply`);
		}
		if (body.action === 'pre_accept') call.stage = 'pre_accepted';
		else if (body.action === 'accept') {
			call.stage = 'accepted';
			call.answeredAt = Math.floor(Date.now() / 1000);
			if (body.biz_opaque_callback_data) call.bizOpaqueCallbackData = body.biz_opaque_callback_data;
		} else call.stage = 'ended';
		return { body: { success: true } };
	},
};
