/**
 * `npm run fuzz:trigger [-- --seed N] [-- --count N] [-- --forged N]`
 *
 * Mutated webhook payloads (default 10,000, from the contract's examples) and forged signatures
 * (default count / 10) through the WhatsApp Cloud Trigger's webhook() in a real n8n-core
 * WebhookContext — see triggerFuzz.ts for what is checked. Exits 1 on any violation; the last
 * line is one JSON object with the figures.
 */
import { runFuzz } from './triggerFuzz';

function parseArgs(argv: string[]): { seed: number; count: number; forged?: number } {
	const args: { seed: number; count: number; forged?: number } = { seed: 1, count: 10_000 };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => Number(inline ?? argv[++i]);
		if (flag === '--seed') args.seed = value();
		else if (flag === '--count') args.count = value();
		else if (flag === '--forged') args.forged = value();
		else if (flag === '--help' || flag === '-h') {
			console.log('usage: tsx tools/fuzz/trigger.ts [--seed N] [--count N] [--forged N]');
			process.exit(0);
		} else throw new Error(`unknown argument ${argv[i]}`);
	}
	for (const [name, v] of Object.entries(args)) {
		if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new Error(`--${name} must be a whole number ≥ 0`);
	}
	return args;
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const forged = args.forged ?? Math.round(args.count / 10);
	console.log(`fuzz:trigger seed ${args.seed}: ${args.count} mutated payloads + ${forged} forged signatures through webhook() (n8n-core WebhookContext)`);
	const r = await runFuzz({ seed: args.seed, count: args.count, forged, log: (l) => console.log(l) });
	const mutations = Object.entries(r.mutations)
		.sort()
		.map(([k, v]) => `${k} ${v}`)
		.join(', ');
	console.log(`mutations applied: ${mutations}`);
	console.log(`signed payloads: ${r.payloads}, answered 200: ${r.signedAnswered200}, executions started: ${r.executions}`);
	console.log(`crashes: ${r.crashes}`);
	console.log(`unhandled rejections: ${r.unhandledRejections}`);
	console.log(`forged → 401: ${r.forged401} of ${r.forged} (executions started: ${r.forgedExecutions}; ${Object.entries(r.forgeries).map(([k, v]) => `${k} ${v}`).join(', ')})`);
	console.log(
		`valid events: ${r.validMessages} messages + ${r.validStatuses} statuses, emitted exactly once: ${r.emittedExactlyOnce} of ${r.validMessages + r.validStatuses}`,
	);
	console.log(`redeliveries: ${r.redeliveries}, valid events emitted again: ${r.reEmittedOnRedelivery}`);
	console.log(`items naming the wrong user or unmarked: ${r.misnamed}`);
	console.log(`prototype polluted: ${r.prototypePolluted ? 'yes' : 'no'}; ${(r.ms / 1000).toFixed(1)} s`);
	if (r.violations.length) console.log(`VIOLATIONS:\n${r.violations.map((v) => `  ${v}`).join('\n')}`);
	const ok = r.violations.length === 0;
	console.log(ok ? 'fuzz:trigger: OK' : `fuzz:trigger: ${r.violations.length} violation(s)`);
	const { violations, mutations: m, forgeries, ...figures } = r;
	console.log(JSON.stringify({ ok, ...figures, violations: violations.length }));
	void m;
	void forgeries;
	return ok ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
