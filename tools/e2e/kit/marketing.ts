/**
 * Marketing Messages API in the e2e suites (issue 24): a webhook workflow that fans recipients out
 * (Split Out) into Send Template with a "Send Via" choice, and the simulator's account onboarded or
 * not (tools/simulator/marketingState.ts: what Meta's `marketing_messages_onboarding_status` says).
 */
import type { N8nInstance } from '../../lab/n8n';
import type { Simulator } from '../../lab/simulator';
import { PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { marketingState, type OnboardingStatus } from '../../simulator/marketingState';
import { CREDENTIAL_TYPE, type CredentialRef } from './credential';
import { deployWebhookWorkflow, NODE_TYPE, uniquePath, webhookTrigger, type WebhookResponse, type WorkflowNode } from './workflows';

/** The simulator's one marketing template (one body variable). */
export const MARKETING_TEMPLATE = 'summer_sale';

export const setOnboarding = (sim: Simulator, status: OnboardingStatus) => {
	marketingState(sim.state).onboarding = status;
};

const splitOut: WorkflowNode = {
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.recipients', options: {} },
};

export interface SendOptions {
	sendVia?: 'cloudApi' | 'marketingMessages' | 'automatic';
	template?: string;
	sending?: Record<string, unknown>;
	/** Continue On Fail: errors come out as items. */
	continueOnFail?: boolean;
	extra?: Record<string, unknown>;
}

/** Send Template by name, en_US, body variable {{1}} from the item's `n`. */
export function sendTemplateNode(cred: CredentialRef, opts: SendOptions): WorkflowNode {
	const template = opts.template ?? MARKETING_TEMPLATE;
	return {
		name: 'WhatsApp Cloud',
		type: NODE_TYPE,
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'sendTemplate',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
			to: '={{ $json.phone }}',
			template: { __rl: true, mode: 'name', value: template },
			templateLanguage: 'en_US',
			variablesMode: 'json',
			componentsJson:
				template === MARKETING_TEMPLATE ? '={{ JSON.stringify([{ type: "body", parameters: [{ type: "text", text: String($json.n) + "%" }] }]) }}' : '[]',
			...(opts.sendVia ? { sendVia: opts.sendVia } : {}),
			...(opts.sending ? { sending: opts.sending } : {}),
			...(opts.extra ?? {}),
		},
		credentials: { [CREDENTIAL_TYPE]: cred },
		...(opts.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

/** `count` distinct recipients: +1 555 3xx xxxx. */
export function recipients(count: number): Array<{ phone: string; n: number }> {
	return Array.from({ length: count }, (_, n) => ({ phone: `+1 555 3${String(n).padStart(6, '0')}`, n }));
}

/** Deploys webhook → Split Out → `node`, calls it once with `list`, deactivates it. */
export async function runSends(n8n: N8nInstance, name: string, node: WorkflowNode, list: Array<{ phone: string; n: number }>): Promise<{ res: WebhookResponse; seconds: number }> {
	const wf = await deployWebhookWorkflow(n8n, { name, nodes: [webhookTrigger(uniquePath('mm')), splitOut, node] });
	try {
		const t0 = Date.now();
		const res = await wf.call({ body: { recipients: list } });
		return { res, seconds: (Date.now() - t0) / 1000 };
	} finally {
		await wf.deactivate();
	}
}
