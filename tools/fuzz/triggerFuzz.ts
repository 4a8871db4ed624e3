/**
 * Fuzzing of the WhatsApp Cloud Trigger's webhook(), through a real n8n-core WebhookContext
 * (test/harness/triggerWebhook.ts: the node's own `webhook()` method, called the way n8n 2.41.1's
 * executeWebhook calls it, with n8n's logger captured).
 *
 * - `count` payloads mutated (seeded PRNG) from the contract's 16 webhook examples
 *   (tools/contract/examples.json) and, because the contract has no status example, status
 *   payloads built in the contract's `Statuses` shape (test/fixtures/webhookPayloads.ts). Each is signed
 *   with the App Secret and delivered; every 5th is delivered a second time (a redelivery).
 * - `forged` deliveries of mutated payloads with a forged, malformed or missing signature.
 *
 * Checked: webhook() never throws and never logs an error (a "crash"), no unhandled rejection,
 * no prototype pollution, every signed payload answered 200, every forged one 401 without an
 * execution, and every valid message and status (the oracle below, written from the contract
 * and the documented redelivery keys, not from fanOut.ts) emitted exactly once — and not again
 * on redelivery.
 */
import { HarnessTrigger, signedJson, takeLogs, type Outcome } from '../../test/harness/triggerWebhook';
import { FORGERIES, forge } from './forgeries';
import { type Json, mutate, seeds, serialise } from './mutations';
import { compare, emittedIdentities, expectedEvents, namingProblems } from './oracle';
import { Rng } from './rng';

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
	/** Items whose user fields contradict the event (recipient, userId) or that are not marked signatureVerified. */
	misnamed: number;
	prototypePolluted: boolean;
	violations: string[];
	mutations: Record<string, number>;
	forgeries: Record<string, number>;
	ms: number;
}

function emptyReport(seed: number): FuzzReport {
	return {
		seed,
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
		misnamed: 0,
		prototypePolluted: false,
		violations: [],
		mutations: {},
		forgeries: {},
		ms: 0,
	};
}

const PARAMETERS = { events: ['messages', 'statuses', 'other'], outputMode: 'separate', options: {} };

/** One seeded run: deliveries through fresh triggers, each checked, the figures in `report`. */
class FuzzRun {
	readonly report: FuzzReport;
	private readonly rng: Rng;
	private readonly corpus: Json[] = seeds();

	constructor(private readonly opts: FuzzOptions) {
		this.report = emptyReport(opts.seed);
		this.rng = new Rng(opts.seed);
	}

	violation(text: string): void {
		const { violations } = this.report;
		if (violations.length < 50) violations.push(text);
		else if (violations.length === 50) violations.push('… more violations not listed');
	}

	private checkLogs(label: string): void {
		for (const line of takeLogs()) {
			// A failing Send and Wait relay is caught (the delivery's events still come out) but is a crash all the same.
			if (line.level === 'error' || line.message.includes('could not be relayed')) {
				this.report.crashes++;
				this.violation(`${label}: logged ${line.level === 'error' ? 'an error' : 'a failed relay'}: ${line.message.slice(0, 300)}`);
			}
		}
	}

	private async deliver(trigger: HarnessTrigger, spec: Parameters<HarnessTrigger['deliver']>[0], label: string): Promise<Outcome | undefined> {
		try {
			const outcome = await trigger.deliver(spec);
			if (outcome.executionError) {
				this.report.crashes++;
				this.violation(`${label}: webhook() threw ${outcome.executionError.message.slice(0, 300)}`);
			}
			return outcome;
		} catch (error) {
			this.report.crashes++;
			this.violation(`${label}: the delivery threw ${(error as Error).message}`);
			return undefined;
		} finally {
			this.checkLogs(label);
		}
	}

	/** Payload #i, signed: answered 200, every valid event once; every 5th delivered again. */
	async signed(i: number): Promise<void> {
		const { report, opts, rng } = this;
		const label = `seed ${opts.seed} payload #${i}`;
		const payload = mutate(rng, this.corpus, report.mutations);
		const raw = serialise(payload, rng);
		const trigger = new HarnessTrigger({ parameters: PARAMETERS, workflowId: `fuzz-${opts.seed}-${i}` });
		report.payloads++;
		const outcome = await this.deliver(trigger, signedJson(null, { raw }), label);
		if (!outcome) return;
		if (outcome.status === 200) report.signedAnswered200++;
		else this.violation(`${label}: a signed JSON payload was answered ${outcome.status} ${JSON.stringify(outcome.body).slice(0, 200)}`);
		if (outcome.executionStarted) report.executions++;
		const oracle = expectedEvents(JSON.parse(raw));
		const expected = oracle.identities;
		for (const id of expected) {
			if (id.startsWith('["message"')) report.validMessages++;
			else report.validStatuses++;
		}
		const problems = compare(expected, emittedIdentities(outcome));
		report.emittedExactlyOnce += expected.size - problems.filter((p) => p.endsWith('expected once')).length;
		for (const p of problems) this.violation(`${label}: ${p}`);
		const misnamed = namingProblems(oracle, outcome);
		report.misnamed += misnamed.length;
		for (const p of misnamed) this.violation(`${label}: ${p}`);
		if (i % 5 === 0) await this.redeliver(trigger, raw, label);
	}

	private async redeliver(trigger: HarnessTrigger, raw: string, label: string): Promise<void> {
		this.report.redeliveries++;
		const again = await this.deliver(trigger, signedJson(null, { raw }), `${label} (redelivery)`);
		if (!again) return;
		const twice = emittedIdentities(again);
		this.report.reEmittedOnRedelivery += twice.length;
		for (const id of twice) this.violation(`${label} (redelivery): ${id} emitted again`);
		if (again.status !== 200) this.violation(`${label} (redelivery): answered ${again.status}`);
	}

	/** Forgery #i: answered 401, the node reached, no execution. */
	async forged(i: number): Promise<void> {
		const { report, opts, rng } = this;
		const kind = FORGERIES[i % FORGERIES.length];
		const label = `seed ${opts.seed} forged #${i} (${kind})`;
		const raw = serialise(mutate(rng, this.corpus, report.mutations), rng);
		const trigger = new HarnessTrigger({ parameters: PARAMETERS, workflowId: `fuzz-forged-${opts.seed}-${i}` });
		report.forged++;
		report.forgeries[kind] = (report.forgeries[kind] ?? 0) + 1;
		const outcome = await this.deliver(trigger, { method: 'POST', ...forge(kind, raw, rng) }, label);
		if (!outcome) return;
		if (outcome.status === 401) report.forged401++;
		else this.violation(`${label}: answered ${outcome.status}, expected 401`);
		if (outcome.executionStarted || !outcome.nodeCalled) {
			if (outcome.executionStarted) report.forgedExecutions++;
			this.violation(`${label}: ${outcome.executionStarted ? 'started an execution' : 'never reached the node'}`);
		}
	}
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
	const t0 = Date.now();
	const run = new FuzzRun(opts);
	const { report } = run;
	const onRejection = () => report.unhandledRejections++;
	process.on('unhandledRejection', onRejection);
	try {
		takeLogs();
		for (let i = 0; i < opts.count; i++) {
			await run.signed(i);
			if (opts.log && (i + 1) % 1000 === 0) opts.log(`  … ${i + 1} payloads`);
		}
		for (let i = 0; i < opts.forged; i++) await run.forged(i);
		// give any stray promise a chance to reject before counting
		await new Promise((resolve) => setImmediate(resolve));
	} finally {
		process.off('unhandledRejection', onRejection);
	}
	report.prototypePolluted = ({} as Record<string, unknown>).polluted !== undefined;
	if (report.prototypePolluted) run.violation('Object.prototype was polluted');
	if (report.unhandledRejections > 0) run.violation(`${report.unhandledRejections} unhandled rejection(s)`);
	report.ms = Date.now() - t0;
	return report;
}
