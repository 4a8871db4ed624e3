/**
 * What the examples suite does with the example workflows users import (examples/*.json): read
 * them, prepare them as a user's import would send them, read a node's items from an execution,
 * and check the sends they cause.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { GRAPH_VERSION, PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { NODE_TYPE, TRIGGER_TYPE, type WorkflowNode } from '../kit/workflows';
import type { N8nInstance } from '../../lab/n8n';
import type { RecordedRequest, Simulator } from '../../lab/simulator';
import { CREDENTIAL_TYPE, type CredentialRef } from '../kit/credential';

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples');
const OUR_TYPES = new Set([NODE_TYPE, TRIGGER_TYPE]);

export interface ExampleFile {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	/** stand-ins for credentials of other services, by type (created, never used) */
	others: Record<string, CredentialRef>;
	imported: Record<string, string>;
}

export function readExample(file: string): ExampleFile {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as ExampleFile;
}

export const FILES = fs
	.readdirSync(EXAMPLES_DIR)
	.filter((f) => f.endsWith('.json'))
	.sort();

/**
 * What a user's import sends: only the fields the public API takes (it refuses others such as
 * id, active, tags, pinData, meta), our credential attached to our nodes by id, other services'
 * credentials to a stand-in. The trigger gets a fresh webhookId, so runs never collide.
 */
export function forImport(s: State, example: ExampleFile, sender = PHONE_NUMBER_ID) {
	const nodes = example.nodes.map((node) => {
		const copy: WorkflowNode = structuredClone(node);
		if (copy.credentials) {
			copy.credentials = Object.fromEntries(
				Object.keys(copy.credentials).map((type) => {
					const ref = type === CREDENTIAL_TYPE ? s.cred : s.others[type];
					assert.ok(ref, `${example.name}: no stand-in credential for ${type}`);
					return [type, { id: ref.id, name: ref.name }];
				}),
			);
		}
		if (copy.type === TRIGGER_TYPE) copy.webhookId = randomUUID();
		const phone = copy.parameters.phoneNumberId as { mode?: string; value?: string } | undefined;
		if (OUR_TYPES.has(copy.type) && phone?.mode === 'list' && !phone.value) {
			// the user picks the Sender Phone Number from the list; the suite picks the simulator's
			copy.parameters.phoneNumberId = { __rl: true, mode: 'id', value: sender };
		}
		return copy;
	});
	return { name: `e2e example: ${example.name}`, nodes, connections: example.connections, settings: example.settings };
}

type RunData = Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>;

/** The items a node put out in its first run of an execution (as the public API returns it). */
export function itemsOf(execution: unknown, nodeName: string): Array<Record<string, unknown>> {
	const runData = (execution as { data?: { resultData?: { runData?: RunData } } } | undefined)?.data?.resultData?.runData;
	const runs = runData?.[nodeName];
	assert.ok(runs, `node "${nodeName}" did not run; ran: ${Object.keys(runData ?? {}).join(', ')}`);
	return (runs[0]?.data?.main?.[0] ?? []).map((i) => i.json);
}

export function sends(sim: Simulator, since: number): RecordedRequest[] {
	return sim.requests({ method: 'POST', pathIncludes: '/messages' }).slice(since);
}

export function assertValid(request: RecordedRequest): void {
	assert.equal(`${request.method} ${request.path}`, `POST /${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`);
	assert.deepEqual(request.contract?.errors ?? [], [], `contract errors: ${JSON.stringify(request.contract?.errors)}`);
	assert.equal(request.contract?.valid, true);
}
