/**
 * The examples the phone check publishes, read from examples/ as a person imports them, with the
 * two things a person does by hand after importing: pick the credential in every WhatsApp node,
 * and pick the sender in the nodes whose phone number is left to choose from the list.
 */
import fs from 'node:fs';
import path from 'node:path';

import { CREDENTIAL_TYPE, type CredentialRef } from '../e2e/kit/credential';
import type { WorkflowDef, WorkflowNode } from '../e2e/kit/workflows';
import { REPO_DIR } from '../lab/n8n';
import { PHONE_NUMBER_ID } from '../simulator/fixtures';

export const ECHO_EXAMPLE = 'echo-bot.json';
export const APPROVAL_EXAMPLE = 'approval-over-whatsapp.json';

interface ExampleFile {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

/** An example with the credential chosen and empty phone-number pickers set. */
export function example(file: string, cred: CredentialRef): WorkflowDef & { name: string } {
	const raw = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'examples', file), 'utf8')) as ExampleFile;
	const nodes = raw.nodes.map((node) => {
		if (!node.credentials?.[CREDENTIAL_TYPE]) return node;
		const parameters = { ...node.parameters };
		const picker = parameters.phoneNumberId as { __rl?: boolean; value?: unknown } | undefined;
		if (picker?.__rl && picker.value === '') parameters.phoneNumberId = { __rl: true, mode: 'id', value: PHONE_NUMBER_ID };
		return { ...node, parameters, credentials: { [CREDENTIAL_TYPE]: { id: cred.id, name: cred.name } } };
	});
	return { name: raw.name, nodes, connections: raw.connections, settings: raw.settings ?? { executionOrder: 'v1' } };
}

/** The path of the example's Webhook node (the approval example starts from one). */
export function webhookPathOf(def: WorkflowDef): string {
	const hook = def.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	if (typeof hook?.parameters.path !== 'string') throw new Error('the example has no Webhook node with a path');
	return hook.parameters.path;
}
