/**
 * What the commerce tests share: a simulator, the node, a credential pointing at it, a run
 * through n8n-core (test/harness) and the contract check of what was sent.
 */
import { afterAll, beforeAll, beforeEach, expect } from '@jest/globals';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { APP_ID, PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../../tools/simulator/fixtures';
import type { RecordedRequest } from '../../tools/simulator/server';
import { startSimulator, type Simulator } from '../../tools/simulator/server';
import { runNode } from './runNode';

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Starts one simulator for the test file, reset before each test. */
export function useSimulator(): { sim: () => Simulator; run: typeof run } {
	let sim: Simulator;
	let credentials: Record<string, ICredentialDataDecryptedObject>;
	const nodeType = new WhatsAppCloud();
	const credentialTypes = [new WhatsAppCloudApi()];
	beforeAll(async () => {
		sim = await startSimulator({ port: 0 });
		credentials = {
			whatsAppCloudApi: {
				accessToken: TOKENS.valid,
				businessAccountId: WABA_ID,
				appId: APP_ID,
				apiVersion: 'v23.0',
				graphBaseUrl: sim.url,
			},
		};
	});
	afterAll(async () => sim.close());
	beforeEach(() => sim.reset());
	async function run(
		parameters: INodeParameters,
		opts: { input?: INodeExecutionData[]; continueOnFail?: boolean } = {},
	) {
		return runNode({
			nodeType,
			parameters,
			credentials,
			credentialTypes,
			input: opts.input ?? [{ json: {} }],
			continueOnFail: opts.continueOnFail,
		});
	}
	return { sim: () => sim, run };
}

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

/** Every recorded request, each contract-checked ones valid; as "METHOD /path". */
export function requestLines(requests: RecordedRequest[]): string[] {
	for (const r of requests) expect(r.contract).toMatchObject({ valid: true });
	return requests.map((r) => `${r.method} ${r.path.replace('/v23.0', '')}`);
}

export { PHONE_NUMBER_ID };
