/**
 * What `npm run bench:trigger` prints: the figures per workflow and payload, the trigger's ratios
 * to both baselines, the CPU profiles (with --profile) and the closing JSON line.
 */
import { cpus } from 'node:os';

import type { BenchTarget } from './n8nTarget';
import { LABEL, SIZES, VARIANTS, type Variant } from './triggerWorkflows';
import type { Summary } from './triggerPhases';
import type { profileVariant } from './triggerProfile';
import { round, table } from './figures';

export type Profile = Awaited<ReturnType<typeof profileVariant>>;
export type Ratios = ReturnType<typeof ratiosOf>;

export interface Report {
	target: BenchTarget;
	engine: string | undefined;
	rounds: number;
	seconds: number;
	concurrency: number;
	loadBefore: number[];
	loadAfter: number[];
	totalSeconds: number;
	summaries: Summary[];
	ratios: Ratios;
	sizes: Record<string, number>;
	profiles: Profile[] | undefined;
}

/** The trigger against the bare Webhook and the Header Auth Webhook, per payload size. */
export function ratiosOf(summaries: Summary[]) {
	return SIZES.map((size) => {
		const get = (v: Variant) => summaries.find((s) => s.variant === v && s.size === size)!;
		const t = get('trigger');
		const cpuRatio = (b: Summary) => (t.cpuMsPerReq && b.cpuMsPerReq ? round(b.cpuMsPerReq / t.cpuMsPerReq, 3) : null);
		return {
			size,
			reqPerSecVsBare: round(t.reqPerSec / get('bare').reqPerSec, 3),
			reqPerSecVsHeaderAuth: round(t.reqPerSec / get('headerAuth').reqPerSec, 3),
			donePerSecVsBare: round(t.donePerSec / get('bare').donePerSec, 3),
			donePerSecVsHeaderAuth: round(t.donePerSec / get('headerAuth').donePerSec, 3),
			cpuEfficiencyVsBare: cpuRatio(get('bare')),
			cpuEfficiencyVsHeaderAuth: cpuRatio(get('headerAuth')),
			reqPerSecVsMinimal: round(t.reqPerSec / get('minimal').reqPerSec, 3),
			donePerSecVsMinimal: round(t.donePerSec / get('minimal').donePerSec, 3),
			cpuEfficiencyVsMinimal: cpuRatio(get('minimal')),
		};
	});
}

function printSummaries(r: Report): void {
	console.log('');
	console.log(
		`Webhook intake inside ${r.target.describe}: ${r.rounds} alternating rounds of ${r.seconds} s per workflow and payload, concurrency ${r.concurrency}`,
	);
	console.log(
		table(
			['workflow', 'msgs/POST', 'requests', 'req/s', 'done/s', 'items/s', 'p50 ms', 'p99 ms', 'n8n CPU ms/req', 'req/s per round'],
			r.summaries.map((s) => [
				LABEL[s.variant],
				String(s.size),
				String(s.requests) + (s.failed ? ` (+${s.failed} failed)` : ''),
				s.reqPerSec.toFixed(1),
				s.donePerSec.toFixed(1),
				s.itemsPerSec.toFixed(1),
				s.p50Ms.toFixed(1),
				s.p99Ms.toFixed(1),
				s.cpuMsPerReq === null ? '–' : s.cpuMsPerReq.toFixed(2),
				s.roundsReqPerSec.join(' / '),
			]),
		),
	);
}

function printRatios(r: Report): void {
	console.log('');
	console.log(
		table(
			[
				'msgs/POST',
				'trigger ÷ bare (req/s)',
				'trigger ÷ Header Auth (req/s)',
				'trigger ÷ bare (done/s)',
				'trigger ÷ Header Auth (done/s)',
				'CPU: bare ÷ trigger',
				'CPU: Header Auth ÷ trigger',
				'trigger ÷ minimal (req/s)',
				'trigger ÷ minimal (done/s)',
				'CPU: minimal ÷ trigger',
			],
			r.ratios.map((x) => [
				String(x.size),
				x.reqPerSecVsBare.toFixed(3),
				x.reqPerSecVsHeaderAuth.toFixed(3),
				x.donePerSecVsBare.toFixed(3),
				x.donePerSecVsHeaderAuth.toFixed(3),
				x.cpuEfficiencyVsBare === null ? '–' : x.cpuEfficiencyVsBare.toFixed(3),
				x.cpuEfficiencyVsHeaderAuth === null ? '–' : x.cpuEfficiencyVsHeaderAuth.toFixed(3),
				x.reqPerSecVsMinimal.toFixed(3),
				x.donePerSecVsMinimal.toFixed(3),
				x.cpuEfficiencyVsMinimal === null ? '–' : x.cpuEfficiencyVsMinimal.toFixed(3),
			]),
		),
	);
	console.log(
		`req/s = answered requests ÷ send time; done/s = ÷ (send + wait until every execution finished); items/s from done/s (bare/Header Auth/minimal: 1 item per POST, the trigger: 1 per message); the minimal community trigger (test-only, tools/bench/minimalTrigger.ts) is the floor any community trigger starts from (target: trigger ÷ minimal ≥ 0.95); ` +
			`CPU = ${r.target.cpuNote}, from /proc (÷ trigger: > 1 means the trigger costs more). Saved execution data of a 50-message POST (JSON via the API): ` +
			`${VARIANTS.map((v) => `${LABEL[v]} ${r.sizes[v]} B`).join(', ')}. Node ${process.version} (client), ${cpus().length} cores, load average ${r.loadBefore[0]} before / ${r.loadAfter[0]} after, total ${r.totalSeconds} s.`,
	);
}

function printProfiles(profiles: Profile[]): void {
	for (const p of profiles) {
		console.log('');
		console.log(
			`CPU profile of the n8n main process, ${LABEL[p.variant]}, 1 message per POST: ${p.requests} requests, ${p.busyMsPerReq} ms busy per request`,
		);
		console.log(
			table(
				['span (inclusive)', 'ms/req', 'share of busy'],
				p.spans.map((s) => [s.label, s.msPerReq.toFixed(3), `${(s.share * 100).toFixed(1)} %`]),
			),
		);
		console.log(
			table(
				['top self time', 'ms', 'share'],
				p.top.map((s) => [s.label.slice(0, 110), s.ms.toFixed(1), `${(s.share * 100).toFixed(1)} %`]),
			),
		);
	}
}

export function printReport(r: Report): void {
	printSummaries(r);
	printRatios(r);
	if (r.profiles) printProfiles(r.profiles);
	console.log(
		JSON.stringify({
			bench: 'trigger',
			target: r.target.describe,
			expressionEngine: r.engine ?? 'default',
			webhookBases: r.target.webhookBases.length,
			cpuMeasures: r.target.cpuNote,
			rounds: r.rounds,
			secondsPerPhase: r.seconds,
			concurrency: r.concurrency,
			cores: cpus().length,
			loadAverageBefore: r.loadBefore,
			loadAverageAfter: r.loadAfter,
			totalSeconds: r.totalSeconds,
			results: r.summaries,
			ratios: r.ratios,
			savedExecutionBytes50: r.sizes,
			profiles: r.profiles?.map((p) => ({
				variant: p.variant,
				requests: p.requests,
				busyMsPerReq: p.busyMsPerReq,
				spans: p.spans,
			})),
		}),
	);
}
