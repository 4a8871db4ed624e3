/**
 * The Calling API's state in the simulator: each number's calling settings, each user's call
 * permission and the calls. Kept beside SimState (one per state object, so `reset()`, which makes a
 * new state, forgets it too). Meta's facts: calling is off on a new number ("Configure call
 * settings"); a temporary permission lasts 7 days from the user's approval, a permanent one does not
 * expire ("Obtain user call permissions",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/user-call-permissions).
 */
import { randomBytes } from 'node:crypto';

import type { SimState } from './state';

/** The `calling` object of POST/GET /{phone}/settings, as Meta spells it. */
export interface CallingSettings {
	status: 'ENABLED' | 'DISABLED';
	call_icon_visibility: 'DEFAULT' | 'DISABLE_ALL';
	callback_permission_status: 'ENABLED' | 'DISABLED';
	[key: string]: unknown;
}

export interface CallPermission {
	status: 'temporary' | 'permanent';
	/** Unix seconds; absent for a permanent permission. */
	expiration_time?: number;
}

export type CallDirection = 'USER_INITIATED' | 'BUSINESS_INITIATED';

export interface SimCall {
	id: string;
	phoneNumberId: string;
	direction: CallDirection;
	/** The user's side: phone digits, or a BSUID. */
	user: string;
	/** ringing → pre_accepted → accepted (user-initiated), or ringing → accepted (business-initiated); ended. */
	stage: 'ringing' | 'pre_accepted' | 'accepted' | 'ended';
	/** Unix seconds the call was answered. */
	answeredAt?: number;
	bizOpaqueCallbackData?: string;
}

export interface CallingState {
	/** Keyed by phone number id. */
	settings: Record<string, CallingSettings>;
	/** Keyed by `<phone number id> <user>`. */
	permissions: Record<string, CallPermission>;
	/** Keyed by call id (wacid.…). */
	calls: Record<string, SimCall>;
}

export const TEMPORARY_PERMISSION_SECONDS = 7 * 24 * 3600;

const states = new WeakMap<SimState, CallingState>();

export function callingOf(state: SimState): CallingState {
	let calling = states.get(state);
	if (!calling) {
		calling = { settings: {}, permissions: {}, calls: {} };
		states.set(state, calling);
	}
	return calling;
}

export function settingsOf(state: SimState, phoneNumberId: string): CallingSettings {
	const calling = callingOf(state);
	calling.settings[phoneNumberId] ??= { status: 'DISABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'DISABLED' };
	return calling.settings[phoneNumberId];
}

const permissionKey = (phoneNumberId: string, user: string) => `${phoneNumberId} ${user}`;

/** The user's permission for this number, if one holds now (an expired one is forgotten). */
export function permissionOf(state: SimState, phoneNumberId: string, user: string, nowSeconds = Math.floor(Date.now() / 1000)): CallPermission | undefined {
	const permissions = callingOf(state).permissions;
	const key = permissionKey(phoneNumberId, user);
	const permission = permissions[key];
	if (permission?.expiration_time !== undefined && permission.expiration_time <= nowSeconds) delete permissions[key];
	return permissions[key];
}

/** The user allows calls: for 7 days, or for good. */
export function grantPermission(state: SimState, phoneNumberId: string, user: string, permanent: boolean): CallPermission {
	const permission: CallPermission = permanent
		? { status: 'permanent' }
		: { status: 'temporary', expiration_time: Math.floor(Date.now() / 1000) + TEMPORARY_PERMISSION_SECONDS };
	callingOf(state).permissions[permissionKey(phoneNumberId, user)] = permission;
	return permission;
}

export function revokePermission(state: SimState, phoneNumberId: string, user: string): void {
	delete callingOf(state).permissions[permissionKey(phoneNumberId, user)];
}

/** A new call id, shaped like Meta's (`wacid.` and base64). */
export function newCallId(): string {
	return `wacid.${randomBytes(18).toString('base64url')}`;
}

export function startCall(state: SimState, call: Omit<SimCall, 'id' | 'stage'>): SimCall {
	const started: SimCall = { ...call, id: newCallId(), stage: 'ringing' };
	callingOf(state).calls[started.id] = started;
	return started;
}
