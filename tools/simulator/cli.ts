/**
 * Starts the Graph API simulator and keeps it running until SIGINT/SIGTERM.
 *   npx tsx tools/simulator/cli.ts [--port 4545] [--latency 0] [--quiet]
 */
import { FIXTURES, GRAPH_VERSION } from './fixtures';
import { startSimulator } from './server';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

function numberOption(name: string, fallback: number): number {
	const text = option(name);
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 0) {
		console.error(`--${name} must be a whole number >= 0, got "${text}"`);
		process.exit(2);
	}
	return value;
}

async function main(): Promise<void> {
	const sim = await startSimulator({
		port: numberOption('port', 4545),
		latencyMs: numberOption('latency', 0),
		log: !process.argv.includes('--quiet'),
	});
	console.log(`WhatsApp Graph API simulator listening on ${sim.url}`);
	console.log(`Graph base URL: ${sim.url}/${GRAPH_VERSION}`);
	console.log(`Admin: ${sim.url}/__sim/requests | /__sim/faults | /__sim/latency | /__sim/webhook | /__sim/handshake | /__sim/state | /__sim/customer | /__sim/customers`);
	console.log('Fixtures:');
	console.log(JSON.stringify(FIXTURES, null, 2));

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping simulator`);
		sim.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
