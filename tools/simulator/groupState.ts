/**
 * The simulator's groups (Meta's Groups API): per business number, each with its invite link,
 * participants and open join requests, plus the group webhooks Meta would have posted since the
 * last delivery (`outbox`, posted by POST /__sim/groups/deliver: groupAdmin.ts). Kept beside the
 * state object (a WeakMap), so `reset()`, which makes a new state, forgets them too.
 * Meta's limits ("Groups API", quick facts): 8 participants, 10,000 groups per business number.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/groups
 */
import { randomBytes } from 'node:crypto';

import { type Contact, userIdOf } from './customer';
import type { SimState } from './state';

export const MAX_PARTICIPANTS = 8;
export const MAX_GROUPS_PER_NUMBER = 10_000;

export interface SimJoinRequest {
	id: string;
	contact: Contact;
	createdAt: number;
}

export interface SimGroup {
	id: string;
	phoneNumberId: string;
	subject: string;
	description: string;
	joinApprovalMode: 'approval_required' | 'auto_approve';
	inviteLink: string;
	createdAt: number;
	suspended: boolean;
	participants: Contact[];
	joinRequests: SimJoinRequest[];
	/** The profile picture's size in bytes, once one was set. */
	pictureBytes?: number;
}

export interface GroupState {
	groups: SimGroup[];
	/** Webhook deliveries not posted yet, oldest first. */
	outbox: unknown[];
	/** How many groups each number created (the 10,000 limit counts created groups). */
	created: Record<string, number>;
}

const states = new WeakMap<SimState, GroupState>();

export function groupState(state: SimState): GroupState {
	let groups = states.get(state);
	if (!groups) {
		groups = { groups: [], outbox: [], created: {} };
		states.set(state, groups);
	}
	return groups;
}

/** Lowers the groups-per-number limit for a test (undefined: Meta's 10,000). */
const limits = new WeakMap<SimState, number>();
export function setGroupLimit(state: SimState, perNumber: number | undefined): void {
	if (perNumber === undefined) limits.delete(state);
	else limits.set(state, perNumber);
}
export function groupLimit(state: SimState): number {
	return limits.get(state) ?? MAX_GROUPS_PER_NUMBER;
}

/** A group ID shaped like Meta's (base64 of "capi_group:<number>:<id>" and Graph's "ZD" ending). */
export function newGroupId(phoneNumberId: string): string {
	const inner = `capi_group:${phoneNumberId}:1203634${BigInt(`0x${randomBytes(6).toString('hex')}`).toString().padStart(15, '0')}`;
	return `${Buffer.from(inner).toString('base64').replace(/=+$/, '')}ZD`;
}

export function newInviteLink(): string {
	return `https://chat.whatsapp.com/${randomBytes(16).toString('base64url').slice(0, 22)}`;
}

export function newRequestId(): string {
	return BigInt(`0x${randomBytes(7).toString('hex')}`).toString();
}

export function newJoinRequestId(): string {
	return randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 40);
}

/** True when `user` (a phone number or a BSUID, as Meta takes it) names `contact`. */
export function names(contact: Contact, user: string): boolean {
	const digits = user.replace(/[^0-9]/g, '');
	return user === userIdOf(contact) || user === contact.parentUserId || (!!contact.waId && digits === contact.waId && /^[+0-9 ()-]+$/.test(user));
}
