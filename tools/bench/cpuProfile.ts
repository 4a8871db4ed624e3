/**
 * CPU profiles of n8n over the inspector (bench:trigger --profile): the Profiler that starts and
 * stops one, and where the time went (self time per function, inclusive time per span).
 */
import { WebSocket } from 'undici';

import { round } from './figures';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount: number;
	children?: number[];
}

export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** An inspector protocol reply. */
interface InspectorReply {
	id?: number;
	result?: unknown;
	error?: unknown;
}

export class Profiler {
	private nextId = 1;
	private pending = new Map<number, (r: InspectorReply) => void>();

	private constructor(private ws: WebSocket) {
		ws.addEventListener('message', (ev) => {
			const msg = JSON.parse(String(ev.data)) as InspectorReply;
			if (msg.id !== undefined) this.pending.get(msg.id)?.(msg);
		});
	}

	static async connect(port: number): Promise<Profiler> {
		const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
			webSocketDebuggerUrl: string;
		}>;
		const ws = new WebSocket(list[0].webSocketDebuggerUrl);
		await new Promise<void>((resolve, reject) => {
			ws.addEventListener('open', () => resolve());
			ws.addEventListener('error', (e) =>
				reject(new Error(`inspector: ${String((e as { message?: string }).message ?? e)}`)),
			);
		});
		const p = new Profiler(ws);
		await p.send('Profiler.enable');
		await p.send('Profiler.setSamplingInterval', { interval: 200 });
		return p;
	}

	send(method: string, params?: unknown): Promise<unknown> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, (msg) => {
				this.pending.delete(id);
				if (msg.error) reject(new Error(`${method}: ${JSON.stringify(msg.error)}`));
				else resolve(msg.result);
			});
			this.ws.send(JSON.stringify({ id, method, params }));
		});
	}

	async start(): Promise<void> {
		await this.send('Profiler.start');
	}

	async stop(): Promise<CpuProfile> {
		return ((await this.send('Profiler.stop')) as { profile: CpuProfile }).profile;
	}
}

/** Sample time per node id (µs). */
function selfTimes(profile: CpuProfile): Map<number, number> {
	const self = new Map<number, number>();
	profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	return self;
}

export interface Span {
	label: string;
	ms: number;
	share: number;
}

/**
 * Inclusive time of the frames matching each pattern (a frame nested in another match of the
 * same pattern counts once), as ms and share of all samples that were not idle.
 */
export function inclusiveTimes(
	profile: CpuProfile,
	spans: Array<{ label: string; match: (fn: string, url: string) => boolean }>,
): { busyMs: number; spans: Span[] } {
	const self = selfTimes(profile);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const root = profile.nodes[0];
	let idle = 0;
	let total = 0;
	for (const [id, us] of self) {
		total += us;
		const fn = byId.get(id)?.callFrame.functionName;
		if (fn === '(idle)' || fn === '(program)') idle += us;
	}
	const busy = total - idle;
	const sums = spans.map(() => 0);
	const walk = (node: ProfileNode, inside: boolean[]): number => {
		const { functionName, url } = node.callFrame;
		const hits = spans.map((s, i) => !inside[i] && s.match(functionName, url));
		const now = inside.map((v, i) => v || hits[i]);
		let sum = self.get(node.id) ?? 0;
		for (const c of node.children ?? []) sum += walk(byId.get(c)!, now);
		hits.forEach((h, i) => {
			if (h) sums[i] += sum;
		});
		return sum;
	};
	walk(
		root,
		spans.map(() => false),
	);
	return {
		busyMs: busy / 1000,
		spans: spans.map((s, i) => ({ label: s.label, ms: round(sums[i] / 1000, 1), share: round(sums[i] / busy, 3) })),
	};
}

/** The frames with the most self time, grouped by function + file (busy samples only). */
export function topSelf(profile: CpuProfile, count: number): Span[] {
	const self = selfTimes(profile);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const groups = new Map<string, number>();
	let busy = 0;
	for (const [id, us] of self) {
		const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
		if (functionName === '(idle)' || functionName === '(program)') continue;
		busy += us;
		const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '');
		const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
		groups.set(key, (groups.get(key) ?? 0) + us);
	}
	return [...groups.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, count)
		.map(([label, us]) => ({ label, ms: round(us / 1000, 1), share: round(us / busy, 3) }));
}
