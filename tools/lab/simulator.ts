/**
 * Thin bridge to the Graph API simulator in tools/simulator/ (written separately), so the
 * harness keeps working - and says why - when it is missing.
 */
import path from 'node:path';

import type { CustomerRequest, RecordedRequest as SimRecordedRequest, Simulator as SimSimulator, SimulatorOptions } from '../simulator/server';

export type { CustomerRequest, Fault, SimulatorOptions } from '../simulator/server';

/**
 * As recorded by the simulator, with `body` loosened: e2e cases assert on the bodies of requests the
 * simulator has already checked against Meta's contract, reading deep paths of many shapes; typing
 * each would restate the contract in every suite.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: contract-checked request bodies
export type RecordedRequest = Omit<SimRecordedRequest, 'body'> & { body: any };
export type Simulator = Omit<SimSimulator, 'requests'> & {
	requests(filter?: { method?: string; pathIncludes?: string }): RecordedRequest[];
};

export const SIMULATOR_DIR = path.resolve(__dirname, '..', 'simulator');

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
	let mod: { startSimulator?: (o: SimulatorOptions) => Promise<Simulator> };
	try {
		mod = await import(path.join(SIMULATOR_DIR, 'server'));
	} catch (e) {
		throw new Error(`cannot load the Graph API simulator (${path.join(SIMULATOR_DIR, 'server.ts')}): ${(e as Error).message}`);
	}
	if (typeof mod.startSimulator !== 'function') throw new Error('tools/simulator/server.ts does not export startSimulator');
	return mod.startSimulator({ port: 0, ...opts });
}

/** tools/simulator/fixtures.ts, loaded lazily for the same reason. */
export async function loadFixtures(): Promise<Record<string, unknown>> {
	try {
		return (await import(path.join(SIMULATOR_DIR, 'fixtures'))) as Record<string, unknown>;
	} catch (e) {
		throw new Error(`cannot load ${path.join(SIMULATOR_DIR, 'fixtures.ts')}: ${(e as Error).message}`);
	}
}

/**
 * Plays the phone or username customer on a simulator in another process (POST /__sim/customer):
 * the same as `sim.customer(request, targetUrl)` in-process. Returns the payload and, when
 * `targetUrl` is given, the trigger's answer to the signed delivery.
 */
export async function playCustomer(
	simulatorUrl: string,
	request: CustomerRequest,
	targetUrl?: string,
): Promise<{ payload: unknown; delivery?: { status: number; body: string } }> {
	const response = await fetch(`${simulatorUrl}/__sim/customer`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...request, ...(targetUrl ? { url: targetUrl } : {}) }),
	});
	const body = (await response.json()) as { payload: unknown; delivery?: { status: number; body: string }; error?: string };
	if (!response.ok) throw new Error(`simulator: ${body.error ?? response.status}`);
	return body;
}
