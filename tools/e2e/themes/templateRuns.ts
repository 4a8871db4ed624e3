/**
 * What the media-and-templates suite files share: sample files, a Webhook → nodes run that
 * returns the items and the Graph requests it caused, the contract check of those requests, and
 * a Send Template by id with its variables given as "define below" fields.
 */
import assert from 'node:assert/strict';

import { GRAPH_VERSION, PHONE_NUMBER_ID, TOKENS } from '../../simulator/fixtures';
import { byId, runByWebhook, waNode, type SendEnv } from '../cases';
import { createCredential, simulatorCredentialData } from '../kit/credential';
import type { WorkflowNode } from '../kit/workflows';
import type { RecordedRequest } from '../../lab/simulator';
import type { E2EContext } from '../runner';

export const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('e2e header sample image')]);
export const PDF = Buffer.from('%PDF-1.4 e2e invoice sample');

const path = (r: RecordedRequest) => `${r.method} ${r.path.replace(`/${GRAPH_VERSION}`, '')}`;

/** Name, setup and teardown of the mediaTemplates suite, whose cases are in two files. */
export const TEMPLATE_SUITE = {
	name: 'mediaTemplates',
	async setup(ctx: E2EContext): Promise<SendEnv> {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, handles)', simulatorCredentialData(sim.url, TOKENS.valid));
		return { n8n, sim, cred };
	},
	async teardown(_ctx: E2EContext, s: SendEnv): Promise<void> {
		s.sim.reset();
	},
};

export function assertValid(requests: RecordedRequest[], expected: string[]): void {
	assert.deepEqual(requests.map(path), expected, 'requests sent');
	for (const r of requests) {
		assert.ok(r.contract?.valid, `${path(r)} breaks the contract: ${JSON.stringify(r.contract?.errors)}`);
	}
}

export async function run(ctx: E2EContext, s: SendEnv, name: string, nodes: WorkflowNode[], body: Record<string, unknown> = {}) {
	const since = s.sim.requests().length;
	const { res } = await runByWebhook(ctx, s.n8n, name, nodes, body);
	assert.equal(res.status, 200, `the workflow failed: ${JSON.stringify(res.body).slice(0, 800)}`);
	return { items: res.body as Array<Record<string, unknown>>, requests: s.sim.requests().slice(since) };
}

/** Send Template's variables as "define below" fields, one string field per variable id. */
function templateVariables(mapping: Record<string, string>): Record<string, unknown> {
	return {
		mappingMode: 'defineBelow',
		value: mapping,
		matchingColumns: [],
		schema: Object.keys(mapping).map((id) => ({ id, displayName: id, required: false, defaultMatch: false, display: true, type: 'string' })),
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	};
}

/** Send Template by id with its variables as fields; the send must be checked and contract-valid. */
export async function sendTemplateById(ctx: E2EContext, s: SendEnv, name: string, templateId: string, mapping: Record<string, string>) {
	const sent = await run(ctx, s, name, [
		waNode(s.cred, {
			resource: 'message',
			operation: 'sendTemplate',
			phoneNumberId: byId(PHONE_NUMBER_ID),
			to: '+1 555 000 9999',
			template: { __rl: true, mode: 'id', value: templateId },
			templateLanguage: '',
			variablesMode: 'fields',
			templateVariables: templateVariables(mapping),
		}),
	]);
	const send = sent.requests.find((r) => r.path.endsWith('/messages'));
	assert.ok(send?.contract?.checked && send.contract.valid, `send not contract-valid: ${JSON.stringify(send?.contract)}`);
	return { items: sent.items, send };
}
