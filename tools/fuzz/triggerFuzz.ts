/**
 * Fuzzing of the WhatsApp Cloud Trigger's webhook(), through a real n8n-core WebhookContext
 * (test/trigger/webhookHarness.ts: the node's own `webhook()` method, called the way n8n 2.41.1's
 * executeWebhook calls it, with n8n's logger captured).
 *
 * - `count` payloads mutated (seeded PRNG) from the contract's 16 webhook examples
 *   (tools/contract/examples.json) and, because the contract has no status example, status
 *   payloads built in the contract's `Statuses` shape (test/trigger/payloads.ts). Each is signed
 *   with the App Secret and delivered; every 5th is delivered a second time (a redelivery).
 * - `forged` deliveries of mutated payloads with a forged, malformed or missing signature.
 *
 * Checked: webhook() never throws and never logs an error (a "crash"), no unhandled rejection,
 * no prototype pollution, every signed payload answered 200, every forged one 401 without an
 * execution, and every valid message and status (the oracle below, written from the contract
 * and the documented redelivery keys, not from fanOut.ts) emitted exactly once — and not again
 * on redelivery.
 */
import { APP_SECRET, HarnessTrigger, signedJson, takeLogs, type Outcome } from '../../test/harness/triggerWebhook';
import { batchedPayload, groupStatusesPayload, GROUP_PARTICIPANTS, payload, PHONE_B, status, statusesChange, WEBHOOK_EXAMPLES } from '../../test/fixtures/webhookPayloads';
import { signBody } from '../../nodes/WhatsAppCloudTrigger/signature';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: small, fast, good enough to drive mutations; same seed → same run. */
export class Rng {
	private state: number;
	constructor(seed: number) {
		this.state = seed >>> 0;
	}
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	int(n: number): number {
		return Math.floor(this.next() * n);
	}
	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
}

// ---------------------------------------------------------------------------------------------
// Seeds and mutations

const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The contract's webhook examples plus status payloads in the contract's Statuses shape. */
export function seeds(): Json[] {
	return [
		...Object.values(WEBHOOK_EXAMPLES).map((e) => clone(e as Json)),
		clone(batchedPayload('fuzz') as unknown as Json),
		clone(groupStatusesPayload('wamid.fuzz-group', 'delivered', GROUP_PARTICIPANTS) as unknown as Json),
		clone(groupStatusesPayload('wamid.fuzz-group', 'read', GROUP_PARTICIPANTS.slice(1)) as unknown as Json),
		clone(payload([{ id: '419561257915477', changes: [statusesChange(PHONE_B, [status('wamid.fuzz-s1', 'sent'), status('wamid.fuzz-s1', 'delivered'), status('wamid.fuzz-s2', 'failed')])] }]) as unknown as Json),
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
] as const;
type Mutation = (typeof MUTATIONS)[number];

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
			if (target) setOwn(target, rng.pick(['__proto__', 'constructor', 'group_id', 'recipient_id', 'errors', 'x-extra', 'contacts']), junk(rng));
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
				copy.id = `${String(copy.id)}.${i}`;
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

const idText = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : typeof x === 'number' ? String(x) : null);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/**
 * The identities of the valid messages and statuses of a payload: a WhatsApp Business Account
 * payload (`object`), `entry[].changes[]` with field "messages" and an object value; a message
 * with an id (key: phone number id, id, type), a status with an id (key: phone number id, id,
 * status, recipient_id, group_id). Duplicates inside one payload count once.
 */
export function expectedIdentities(payload: unknown): Set<string> {
	const out = new Set<string>();
	if (!isObj(payload) || payload.object !== 'whatsapp_business_account') return out;
	for (const entry of list(payload.entry)) {
		if (!isObj(entry)) continue;
		for (const change of list(entry.changes)) {
			if (!isObj(change) || change.field !== 'messages' || !isObj(change.value)) continue;
			const value = change.value;
			const phone = isObj(value.metadata) ? idText(value.metadata.phone_number_id) : null;
			for (const m of list(value.messages)) {
				if (isObj(m) && idText(m.id)) out.add(JSON.stringify(['message', phone, idText(m.id), idText(m.type)]));
			}
			for (const s of list(value.statuses)) {
				if (isObj(s) && idText(s.id)) {
					out.add(JSON.stringify(['status', phone, idText(s.id), idText(s.status), idText(s.recipient_id), idText(s.group_id)]));
				}
			}
		}
	}
	return out;
}

/** Identities of what the trigger emitted (separate outputs: Messages, Statuses, Other). */
export function emittedIdentities(outcome: Outcome): string[] {
	const [messages = [], statuses = []] = outcome.items ?? [];
	const out: string[] = [];
	for (const { json: j } of messages) if (j.messageId !== null) out.push(JSON.stringify(['message', j.phoneNumberId, j.messageId, j.type]));
	for (const { json: j } of statuses) {
		if (j.statusId !== null) out.push(JSON.stringify(['status', j.phoneNumberId, j.statusId, j.status, j.recipientId, j.groupId]));
	}
	return out;
}

/** What is wrong with one delivery's emitted events against the oracle ([] = nothing). */
export function compare(expected: Set<string>, emitted: string[]): string[] {
	const problems: string[] = [];
	const counts = new Map<string, number>();
	for (const id of emitted) counts.set(id, (counts.get(id) ?? 0) + 1);
	for (const id of expected) {
		const n = counts.get(id) ?? 0;
		if (n !== 1) problems.push(`${id} emitted ${n}×, expected once`);
	}
	for (const id of counts.keys()) if (!expected.has(id)) problems.push(`${id} emitted but not a valid event of the payload`);
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Forgeries

export const FORGERIES = ['wrong-secret', 'flipped-digit', 'truncated', 'missing', 'empty', 'sha1-prefix', 'other-body', 'body-changed', 'not-hex', 'array-wrong-first'] as const;

function forge(kind: (typeof FORGERIES)[number], raw: string, rng: Rng): { headers: Record<string, string | string[]>; body: string } {
	const good = signBody(APP_SECRET, raw);
	const headers = (sig?: string | string[]) => ({ 'content-type': 'application/json', ...(sig === undefined ? {} : { 'x-hub-signature-256': sig }) });
	switch (kind) {
		case 'wrong-secret':
			return { headers: headers(signBody(`${APP_SECRET}-not`, raw)), body: raw };
		case 'flipped-digit': {
			const i = 7 + rng.int(64);
			const c = good[i] === '0' ? '1' : '0';
			return { headers: headers(good.slice(0, i) + c + good.slice(i + 1)), body: raw };
		}
		case 'truncated':
			return { headers: headers(good.slice(0, 7 + rng.int(64))), body: raw };
		case 'missing':
			return { headers: headers(), body: raw };
		case 'empty':
			return { headers: headers(''), body: raw };
		case 'sha1-prefix':
			return { headers: headers(good.replace('sha256=', 'sha1=')), body: raw };
		case 'other-body':
			return { headers: headers(signBody(APP_SECRET, `${raw} `)), body: raw };
		case 'body-changed':
			// one byte more than what was signed (a leading space keeps it JSON)
			return { headers: headers(good), body: ` ${raw}` };
		case 'not-hex':
			return { headers: headers(`sha256=${'z'.repeat(64)}`), body: raw };
		case 'array-wrong-first':
			return { headers: headers([signBody('forged', raw), good]), body: raw };
	}
}

// ---------------------------------------------------------------------------------------------
// The run

export interface FuzzOptions {
	seed: number;
	count: number;
	forged: number;
	/** Print progress lines. */
	log?: (line: string) => void;
}

export interface FuzzReport {
	seed: number;
	payloads: number;
	signedAnswered200: number;
	executions: number;
	crashes: number;
	unhandledRejections: number;
	forged: number;
	forged401: number;
	forgedExecutions: number;
	validMessages: number;
	validStatuses: number;
	emittedExactlyOnce: number;
	redeliveries: number;
	reEmittedOnRedelivery: number;
	prototypePolluted: boolean;
	violations: string[];
	mutations: Record<string, number>;
	forgeries: Record<string, number>;
	ms: number;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
	const t0 = Date.now();
	const rng = new Rng(opts.seed);
	const corpus = seeds();
	const report: FuzzReport = {
		seed: opts.seed,
		payloads: 0,
		signedAnswered200: 0,
		executions: 0,
		crashes: 0,
		unhandledRejections: 0,
		forged: 0,
		forged401: 0,
		forgedExecutions: 0,
		validMessages: 0,
		validStatuses: 0,
		emittedExactlyOnce: 0,
		redeliveries: 0,
		reEmittedOnRedelivery: 0,
		prototypePolluted: false,
		violations: [],
		mutations: {},
		forgeries: {},
		ms: 0,
	};
	const violation = (text: string) => {
		if (report.violations.length < 50) report.violations.push(text);
		else if (report.violations.length === 50) report.violations.push('… more violations not listed');
	};
	const onRejection = () => report.unhandledRejections++;
	process.on('unhandledRejection', onRejection);
	const parameters = { events: ['messages', 'statuses', 'other'], outputMode: 'separate', options: {} };
	const checkLogs = (label: string) => {
		for (const line of takeLogs()) {
			if (line.level === 'error') {
				report.crashes++;
				violation(`${label}: logged an error: ${line.message.slice(0, 300)}`);
			}
		}
	};
	const deliver = async (trigger: HarnessTrigger, spec: Parameters<HarnessTrigger['deliver']>[0], label: string): Promise<Outcome | undefined> => {
		try {
			const outcome = await trigger.deliver(spec);
			if (outcome.executionError) {
				report.crashes++;
				violation(`${label}: webhook() threw ${outcome.executionError.message.slice(0, 300)}`);
			}
			return outcome;
		} catch (error) {
			report.crashes++;
			violation(`${label}: the delivery threw ${(error as Error).message}`);
			return undefined;
		} finally {
			checkLogs(label);
		}
	};
	try {
		takeLogs();
		for (let i = 0; i < opts.count; i++) {
			const label = `seed ${opts.seed} payload #${i}`;
			const payload = mutate(rng, corpus, report.mutations);
			const raw = serialise(payload, rng);
			const trigger = new HarnessTrigger({ parameters, workflowId: `fuzz-${opts.seed}-${i}` });
			report.payloads++;
			const outcome = await deliver(trigger, signedJson(null, { raw }), label);
			if (!outcome) continue;
			if (outcome.status === 200) report.signedAnswered200++;
			else violation(`${label}: a signed JSON payload was answered ${outcome.status} ${JSON.stringify(outcome.body).slice(0, 200)}`);
			if (outcome.executionStarted) report.executions++;
			const expected = expectedIdentities(JSON.parse(raw));
			for (const id of expected) {
				if (id.startsWith('["message"')) report.validMessages++;
				else report.validStatuses++;
			}
			const problems = compare(expected, emittedIdentities(outcome));
			report.emittedExactlyOnce += expected.size - problems.filter((p) => p.endsWith('expected once')).length;
			for (const p of problems) violation(`${label}: ${p}`);
			if (i % 5 === 0) {
				report.redeliveries++;
				const again = await deliver(trigger, signedJson(null, { raw }), `${label} (redelivery)`);
				if (again) {
					const twice = emittedIdentities(again);
					report.reEmittedOnRedelivery += twice.length;
					for (const id of twice) violation(`${label} (redelivery): ${id} emitted again`);
					if (again.status !== 200) violation(`${label} (redelivery): answered ${again.status}`);
				}
			}
			if (opts.log && (i + 1) % 1000 === 0) opts.log(`  … ${i + 1} payloads`);
		}
		for (let i = 0; i < opts.forged; i++) {
			const kind = FORGERIES[i % FORGERIES.length];
			const label = `seed ${opts.seed} forged #${i} (${kind})`;
			const raw = serialise(mutate(rng, corpus, report.mutations), rng);
			const trigger = new HarnessTrigger({ parameters, workflowId: `fuzz-forged-${opts.seed}-${i}` });
			report.forged++;
			report.forgeries[kind] = (report.forgeries[kind] ?? 0) + 1;
			const outcome = await deliver(trigger, { method: 'POST', ...forge(kind, raw, rng) }, label);
			if (!outcome) continue;
			if (outcome.status === 401) report.forged401++;
			else violation(`${label}: answered ${outcome.status}, expected 401`);
			if (outcome.executionStarted || !outcome.nodeCalled) {
				if (outcome.executionStarted) report.forgedExecutions++;
				violation(`${label}: ${outcome.executionStarted ? 'started an execution' : 'never reached the node'}`);
			}
		}
		// give any stray promise a chance to reject before counting
		await new Promise((resolve) => setImmediate(resolve));
	} finally {
		process.off('unhandledRejection', onRejection);
	}
	report.prototypePolluted = ({} as Record<string, unknown>).polluted !== undefined;
	if (report.prototypePolluted) violation('Object.prototype was polluted');
	if (report.unhandledRejections > 0) violation(`${report.unhandledRejections} unhandled rejection(s)`);
	report.ms = Date.now() - t0;
	return report;
}
