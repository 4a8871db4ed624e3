/** The fuzz corpus (the contract's webhook examples and status payloads) and the mutations applied to it. */
import {
	batchedPayload,
	bsuidStatusesPayload,
	contactInfoAnswer,
	coordinatesOnlyLocation,
	groupStatusesPayload,
	GROUP_PARTICIPANTS,
	identitySystemMessages,
	messagesChange,
	metaGroupStatusesPayload,
	payload,
	PHONE_A,
	PHONE_B,
	status,
	statusesChange,
	usernamesPayload,
	WEBHOOK_EXAMPLES,
} from '../../test/fixtures/webhookPayloads';
import type { Rng } from './rng';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

export const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The contract's webhook examples plus status payloads in the contract's Statuses shape. */
export function seeds(): Json[] {
	return [
		...Object.values(WEBHOOK_EXAMPLES).map((e) => clone(e as Json)),
		clone(batchedPayload('fuzz') as unknown as Json),
		clone(groupStatusesPayload('wamid.fuzz-group', 'delivered', GROUP_PARTICIPANTS) as unknown as Json),
		clone(groupStatusesPayload('wamid.fuzz-group', 'read', GROUP_PARTICIPANTS.slice(1)) as unknown as Json),
		clone(payload([{ id: '419561257915477', changes: [statusesChange(PHONE_B, [status('wamid.fuzz-s1', 'sent'), status('wamid.fuzz-s1', 'delivered'), status('wamid.fuzz-s2', 'failed')])] }]) as unknown as Json),
		// Usernames: customers known only by BSUID, statuses of BSUID sends, Meta's group layout, identity changes.
		clone(usernamesPayload('fuzz') as unknown as Json),
		clone(bsuidStatusesPayload('wamid.fuzz-b1', ['sent', 'delivered', 'read']) as unknown as Json),
		clone(bsuidStatusesPayload('wamid.fuzz-b2', ['failed']) as unknown as Json),
		clone(metaGroupStatusesPayload('wamid.fuzz-mg', 'delivered', GROUP_PARTICIPANTS) as unknown as Json),
		clone(
			payload([
				{
					id: '419561257915477',
					changes: [messagesChange(PHONE_A, [...identitySystemMessages('fuzz'), contactInfoAnswer('wamid.fuzz-share'), coordinatesOnlyLocation('wamid.fuzz-loc')], [])],
				},
			]) as unknown as Json,
		),
	];
}

/** Defines an own, enumerable property even for "__proto__" (plain assignment would set the prototype). */
function setOwn(obj: Obj, key: string, value: Json): void {
	Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const DEEP_MARK = '\u0000DEEP\u0000';
const DEEP_MARK_JSON = /"\\u0000DEEP\\u0000(\d+)\\u0000DEEP\\u0000"/g;

function deepNest(depth: number): Json {
	let v: Json = [];
	for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { d: v };
	return v;
}

function junk(rng: Rng): Json {
	switch (rng.int(22)) {
		case 0:
			return null;
		case 1:
			return rng.chance(0.5);
		case 2:
			return 0;
		case 3:
			return -1;
		case 4:
			return 2 ** 53 + 1;
		case 5:
			return 1e308;
		case 6:
			return 1.5;
		case 7:
			return '';
		case 8:
			return ' ';
		case 9:
			return 'x'.repeat(1 + rng.int(5000));
		case 10:
			return '\u0000💥\u2028\u202e\ud83d';
		case 11:
			return rng.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']);
		case 12:
			return '1750000000';
		case 13:
			return '99999999999999999999999';
		case 14:
			return [];
		case 15:
			return {};
		case 16:
			return [null, {}, []];
		case 17:
			// Deep nesting beyond what JSON.stringify can write is spliced into the text later.
			return rng.chance(0.1) ? `${DEEP_MARK}${1000 + rng.int(50_000)}${DEEP_MARK}` : deepNest(1 + rng.int(50));
		case 18: {
			const evil: Obj = {};
			setOwn(evil, 'toString', 1);
			setOwn(evil, 'valueOf', {});
			setOwn(evil, 'constructor', 'x');
			return evil;
		}
		case 19: {
			const proto: Obj = {};
			setOwn(proto, '__proto__', { polluted: true, toString: 'x' });
			return proto;
		}
		case 20:
			return { constructor: { prototype: { polluted: true } } };
		default:
			return -1 * rng.int(1e9);
	}
}

interface Slot {
	parent: Obj | Json[];
	key: string | number;
}

/** Every (parent, key) in the value, breadth-first, at most `max`. */
function slots(root: Json, max = 3000): Slot[] {
	const out: Slot[] = [];
	const queue: Json[] = [root];
	while (queue.length > 0 && out.length < max) {
		const node = queue.shift()!;
		if (Array.isArray(node)) {
			node.forEach((child, i) => {
				out.push({ parent: node, key: i });
				queue.push(child);
			});
		} else if (isObj(node)) {
			for (const key of Object.keys(node)) {
				out.push({ parent: node, key });
				queue.push(node[key]);
			}
		}
	}
	return out;
}

function get(slot: Slot): Json {
	return (slot.parent as Record<string | number, Json>)[slot.key];
}
function put(slot: Slot, value: Json): void {
	if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
	else setOwn(slot.parent, slot.key as string, value);
}

const FIELDS: Json[] = ['messages', 'statuses', 'message', 'status', 'group_lifecycle_update', 'unknown', '', 123, null];
const OBJECTS: Json[] = ['page', 'instagram', 'whatsapp_business_account ', 'WHATSAPP_BUSINESS_ACCOUNT', null, 1, []];

export const MUTATIONS = [
	'delete',
	'junk',
	'retype',
	'duplicate-element',
	'drop-element',
	'shuffle',
	'extra-key',
	'field',
	'object',
	'multiply',
	'splice-entry',
	'wrap',
	'usernames',
] as const;
type Mutation = (typeof MUTATIONS)[number];

const USER_KEYS = ['from_user_id', 'from_parent_user_id', 'user_id', 'parent_user_id', 'recipient_user_id', 'recipient_type', 'recipient_participant_id', 'recipient_participant_user_id', 'origin', 'username'];
const USER_VALUES: Json[] = ['US.13491208655302741918', 'US.ENT.11815799212886844830', 'group', 'contact_request', '16505551234', 'US.', 'sheena.plants'];

/**
 * What usernames do to payloads (Meta, "Business-scoped user IDs"): a phone number withheld (the
 * BSUID stays), a status turned into Meta's group layout, a contact that loses its phone number.
 */
function usernames(all: Slot[], rng: Rng): void {
	const objects = all.map(get).filter(isObj);
	const senders = objects.filter((o) => 'from' in o || 'recipient_id' in o || 'wa_id' in o);
	if (senders.length === 0) return;
	const target = rng.pick(senders);
	const bsuid = `US.${1000 + rng.int(9000)}${rng.int(1e9)}`;
	const pick = rng.int(3);
	if (pick === 0 && 'from' in target) {
		delete target.from;
		setOwn(target, 'from_user_id', bsuid);
	} else if (pick === 1 && 'recipient_id' in target) {
		setOwn(target, 'recipient_participant_id', target.recipient_id);
		setOwn(target, 'recipient_participant_user_id', bsuid);
		target.recipient_id = 'Y2FwaV9ncm91cDpmdXp6';
		setOwn(target, 'recipient_type', 'group');
	} else {
		const isStatus = 'recipient_id' in target;
		delete target.wa_id;
		delete target.recipient_id;
		setOwn(target, isStatus ? 'recipient_user_id' : 'user_id', bsuid);
	}
}

/** Changes collected by name (for the summary). */
function mutateOnce(root: Json, rng: Rng, corpus: Json[]): Mutation {
	const all = slots(root);
	const op: Mutation = rng.chance(0.04) ? 'object' : rng.pick(MUTATIONS.filter((m) => m !== 'object'));
	const arrays = all.filter((s) => Array.isArray(get(s)));
	const changes = all.filter((s) => isObj(get(s)) && 'field' in (get(s) as Obj));
	const slot = all.length ? rng.pick(all) : undefined;
	switch (op) {
		case 'object':
			if (isObj(root)) root.object = rng.pick(OBJECTS);
			break;
		case 'delete':
			if (slot) {
				if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
				else delete slot.parent[slot.key as string];
			}
			break;
		case 'junk':
			if (slot) put(slot, junk(rng));
			break;
		case 'retype':
			if (slot) {
				const v = get(slot);
				if (typeof v === 'string') put(slot, /^\d{1,15}$/.test(v) ? Number(v) : rng.int(1e6));
				else if (typeof v === 'number') put(slot, String(v));
				else put(slot, junk(rng));
			}
			break;
		case 'duplicate-element':
		case 'drop-element':
		case 'shuffle': {
			if (arrays.length === 0) break;
			const arr = get(rng.pick(arrays)) as Json[];
			if (arr.length === 0) break;
			if (op === 'duplicate-element') arr.splice(rng.int(arr.length + 1), 0, clone(arr[rng.int(arr.length)]));
			else if (op === 'drop-element') arr.splice(rng.int(arr.length), 1);
			else
				for (let i = arr.length - 1; i > 0; i--) {
					const j = rng.int(i + 1);
					[arr[i], arr[j]] = [arr[j], arr[i]];
				}
			break;
		}
		case 'extra-key': {
			const objects = all.filter((s) => isObj(get(s)));
			const target = objects.length ? (get(rng.pick(objects)) as Obj) : isObj(root) ? root : undefined;
			const keys = ['__proto__', 'constructor', 'group_id', 'recipient_id', 'errors', 'x-extra', 'contacts', ...USER_KEYS];
			if (target) setOwn(target, rng.pick(keys), rng.chance(0.5) ? junk(rng) : rng.pick(USER_VALUES));
			break;
		}
		case 'field':
			if (changes.length) (get(rng.pick(changes)) as Obj).field = rng.pick(FIELDS);
			break;
		case 'multiply': {
			// many events in one change, each with its own id (like a busy number's batch)
			const lists = arrays.filter((s) => s.key === 'messages' || s.key === 'statuses');
			if (lists.length === 0) break;
			const list = get(rng.pick(lists)) as Json[];
			const template = list.find(isObj);
			if (!template) break;
			const n = 1 + rng.int(rng.chance(0.05) ? 500 : 20);
			for (let i = 0; i < n; i++) {
				const copy = clone(template);
				copy.id = typeof copy.id === 'string' || typeof copy.id === 'number' ? `${copy.id}.${i}` : copy.id;
				if (rng.chance(0.3)) copy.recipient_id = `1650555${String(1000 + rng.int(9000))}`;
				list.push(copy);
			}
			break;
		}
		case 'splice-entry': {
			const other = rng.pick(corpus);
			if (isObj(root) && Array.isArray(root.entry) && isObj(other) && Array.isArray(other.entry)) root.entry.push(...clone(other.entry));
			break;
		}
		case 'usernames':
			usernames(all, rng);
			break;
		case 'wrap':
			if (slot) put(slot, rng.chance(0.5) ? [get(slot)] : { value: get(slot) });
			break;
	}
	return op;
}

export function mutate(rng: Rng, corpus: Json[], tally: Record<string, number>): Json {
	const payload = clone(rng.pick(corpus));
	const n = 1 + rng.int(6);
	for (let i = 0; i < n; i++) {
		const op = mutateOnce(payload, rng, corpus);
		tally[op] = (tally[op] ?? 0) + 1;
	}
	return payload;
}

/** Like Meta: non-ASCII as \uXXXX escapes (sometimes), so the signed bytes differ from a re-serialisation. */
export function serialise(payload: Json, rng: Rng): string {
	let text = JSON.stringify(payload);
	if (rng.chance(0.3)) text = text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	return text.replace(DEEP_MARK_JSON, (_, depth: string) => `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}`);
}

// ---------------------------------------------------------------------------------------------
// Oracle: which messages and statuses must come out, written from the contract
