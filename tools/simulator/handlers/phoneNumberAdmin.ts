/**
 * Phone number administration: POST /{Phone-Number-ID} (two-step verification PIN, the
 * number's webhook override — phoneWebhook.ts — and other settings), /register, /deregister, /request_code and /verify_code. The contract checks the
 * bodies (pin and code ^[0-9]{6}$, code_method SMS|VOICE, language xx_XX); these handlers add the
 * state Meta keeps:
 *   - register: a number with a PIN needs that PIN (133005); without one, register sets it.
 *     Registered numbers report platform_type CLOUD_API, deregistered ones NOT_APPLICABLE.
 *   - request_code stores a code (SIM_VERIFICATION_CODE); verify_code needs it (136025).
 */
import { SCOPE_MANAGEMENT, SIM_VERIFICATION_CODE } from '../fixtures';
import { whatsappError } from '../graphError';
import type { RequestContext, Route } from '../router';
import type { SimPhoneNumber, SimState } from '../state';
import { applyWebhookConfiguration } from './phoneWebhook';

function phoneOf(ctx: RequestContext): SimPhoneNumber {
	return ctx.state.phoneNumbers.find((p) => p.id === ctx.params['Phone-Number-ID'])!;
}

function bodyOf(ctx: RequestContext): Record<string, unknown> {
	return (ctx.body && typeof ctx.body === 'object' ? ctx.body : {}) as Record<string, unknown>;
}

/** Codes sent by request_code and not verified yet, per state and phone number. */
const pendingCodes = new WeakMap<SimState, Map<string, string>>();

function codesOf(state: SimState): Map<string, string> {
	let codes = pendingCodes.get(state);
	if (!codes) {
		codes = new Map();
		pendingCodes.set(state, codes);
	}
	return codes;
}

export const updatePhoneNumber: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}',
	scope: SCOPE_MANAGEMENT,
	async handle(ctx) {
		const phone = phoneOf(ctx);
		const body = bodyOf(ctx);
		await applyWebhookConfiguration(ctx, body);
		const apiData = (body.whatsapp_business_api_data ?? {}) as Record<string, unknown>;
		const pin = typeof body.pin === 'string' ? body.pin : typeof apiData.pin === 'string' ? apiData.pin : undefined;
		if (pin !== undefined) {
			if (pin !== '' && !/^[0-9]{6}$/.test(pin)) {
				throw whatsappError(100, 'Invalid parameter', 'pin must be a 6-digit number');
			}
			if (pin === '') delete phone.pin;
			else phone.pin = pin;
		}
		return { body: { success: true } };
	},
};

export const registerPhoneNumber: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/register',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const phone = phoneOf(ctx);
		const pin = String(bodyOf(ctx).pin);
		if (phone.pin !== undefined && phone.pin !== pin) {
			throw whatsappError(133005, 'Two step verification PIN Mismatch', 'The PIN does not match the two-step verification PIN of this number');
		}
		phone.pin = pin;
		phone.registered = true;
		phone.platform_type = 'CLOUD_API';
		return { body: { success: true } };
	},
};

export const deregisterPhoneNumber: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/deregister',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const phone = phoneOf(ctx);
		phone.registered = false;
		phone.platform_type = 'NOT_APPLICABLE';
		return { body: { success: true } };
	},
};

export const requestVerificationCode: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/request_code',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		codesOf(ctx.state).set(phoneOf(ctx).id, SIM_VERIFICATION_CODE);
		return { body: { success: true } };
	},
};

export const verifyVerificationCode: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/verify_code',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const phone = phoneOf(ctx);
		const codes = codesOf(ctx.state);
		const expected = codes.get(phone.id);
		if (expected === undefined) {
			throw whatsappError(136025, 'Verify code error', 'No verification code was requested for this number: call request_code first');
		}
		if (String(bodyOf(ctx).code) !== expected) {
			throw whatsappError(136025, 'Verify code error', 'The verification code is wrong or has expired');
		}
		codes.delete(phone.id);
		phone.code_verification_status = 'VERIFIED';
		return { body: { success: true, id: phone.id } };
	},
};
