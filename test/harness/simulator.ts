/**
 * The one simulator setup of the jest tests: `useSimulator()` starts a Graph API simulator for the
 * test file (or describe block) it is called in, stops it afterwards, resets it before each test,
 * and hands out a credential pointing at it and a run of the action node through n8n-core
 * (test/harness/runNode). Also the checks the node tests share on what came out and what was sent.
 */
import { afterAll, beforeAll, beforeEach, expect } from '@jest/globals';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../../tools/simulator/fixtures';
import type { RecordedRequest, Simulator, SimulatorOptions } from '../../tools/simulator/server';
import { startSimulator } from '../../tools/simulator/server';
import { runNode, type RunNodeOptions, type RunNodeResult } from './runNode';

export interface UseSimulatorOptions {
	/** Passed to startSimulator (the port is always a free one). */
	start?: Omit<SimulatorOptions, 'port'>;
	/** Fields every credential of this file carries besides token, WABA, version and URL (e.g. appId). */
	credential?: ICredentialDataDecryptedObject;
	/** Reset the simulator before each test (default true); false where tests build on each other. */
	reset?: boolean;
}

export type RunOptions = Partial<Omit<RunNodeOptions, 'nodeType' | 'parameters'>>;

export interface SimulatorHarness {
	/** The running simulator: usable inside tests and hooks (it forwards to the started instance). */
	sim: Simulator;
	/** The whatsAppCloudApi credential data pointing at the simulator, with `overrides` on top. */
	credential(overrides?: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject;
	/** `{ whatsAppCloudApi: credential(overrides) }`, as runNode takes credentials. */
	credentials(overrides?: ICredentialDataDecryptedObject): Record<string, ICredentialDataDecryptedObject>;
	/** The action node through n8n-core with that credential; `options` override runNode's. */
	run(parameters: INodeParameters, options?: RunOptions): Promise<RunNodeResult>;
}

/** Registers the hooks of one simulator for the enclosing file or describe block. */
export function useSimulator(options: UseSimulatorOptions = {}): SimulatorHarness {
	let started: Simulator | undefined;
	const live = (): Simulator => {
		if (!started) throw new Error('useSimulator: the simulator runs only inside tests and hooks');
		return started;
	};
	const sim = new Proxy({} as Simulator, {
		get(_target, property) {
			const value = Reflect.get(live(), property) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(started) : value;
		},
	});
	beforeAll(async () => {
		started = await startSimulator({ ...options.start, port: 0 });
	});
	afterAll(async () => {
		await started?.close();
		started = undefined;
	});
	if (options.reset !== false) beforeEach(() => sim.reset());

	const nodeType = new WhatsAppCloud();
	const credentialTypes = [new WhatsAppCloudApi()];
	const credential = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
		accessToken: TOKENS.valid,
		businessAccountId: WABA_ID,
		...options.credential,
		apiVersion: 'v23.0',
		graphBaseUrl: live().url,
		...overrides,
	});
	const credentials = (overrides?: ICredentialDataDecryptedObject) => ({ whatsAppCloudApi: credential(overrides) });
	const run = async (parameters: INodeParameters, runOptions: RunOptions = {}) =>
		await runNode({ nodeType, parameters, credentials: credentials(), credentialTypes, input: [{ json: {} }], ...runOptions });
	return { sim, credential, credentials, run };
}

/** A resource locator by ID, as the editor saves one. */
export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** The output items' json; fails the test if the run failed. */
export function outputJson(result: { error?: unknown; items: INodeExecutionData[][] }): IDataObject[] {
	expect(result.error).toBeUndefined();
	return result.items[0].map((item) => item.json);
}

/** The error message of a failed run. */
export function errorMessage(result: { error?: unknown }): string {
	expect(result.error).toBeDefined();
	return (result.error as Error).message;
}

/** Recorded requests as "METHOD /path" (the path without the Graph version). */
export function requestPaths(requests: RecordedRequest[]): string[] {
	return requests.map((r) => `${r.method} ${r.path.replace('/v23.0', '')}`);
}

/** Every recorded request, each contract-checked ones valid; as "METHOD /path". */
export function requestLines(requests: RecordedRequest[]): string[] {
	for (const r of requests) expect(r.contract).toMatchObject({ valid: true });
	return requestPaths(requests);
}

export { PHONE_NUMBER_ID };
