/**
 * WhatsApp Flows (issue 23, managing them) in a real n8n, the simulator playing Meta: Flow → Create
 * from a flow.json file that arrives over HTTP (Webhook → Convert to File → Create, published at
 * once) with the `flows` webhook (FLOW_STATUS_CHANGE) reaching the trigger, Update Flow JSON with
 * a Flow JSON Meta rejects → one readable item per validation error, Send Interactive → Flow with
 * the Flow picked from the list, Get Metrics, Deprecate (its webhook too) and Delete — every
 * request contract-checked.
 */
import assert from 'node:assert/strict';

import { PHONE_NUMBER_ID } from '../../simulator/fixtures';
import { byId, onlyValidSend, runByWebhook, waNode, messagesSent, type SendEnv } from '../cases';
import { createCredential, simulatorCredentialData } from '../kit/credential';
import { runItems, type ItemJson } from '../kit/executions';
import { BOOKING_FLOW_JSON, deliverFlowsToTrigger, deployFlowTrigger, simFlows } from '../kit/flows';
import { deactivate, type DeployedTrigger } from '../kit/trigger';
import { convertToFile } from '../kit/workflows';
import { defineSuite } from '../runner';

interface State extends SendEnv {
	trigger: DeployedTrigger;
	/** the booking Flow (published in the first case) */
	flowId?: string;
}

const ENDPOINT = 'https://n8n.example.com/webhook/booking-flow';
const flow = (operation: string, extra: Record<string, unknown> = {}) => ({ resource: 'flow', operation, ...extra });

/** Runs Webhook → [before] → WhatsApp Cloud; it must succeed with contract-valid requests; returns the node's items. */
async function runFlow(ctx: Parameters<typeof runByWebhook>[0], s: State, name: string, parameters: Record<string, unknown>, before: ReturnType<typeof convertToFile>[] = [], body: unknown = {}): Promise<ItemJson[]> {
	const since = s.sim.requests().length;
	const { res, wf } = await runByWebhook(ctx, s.n8n, name, [...before, waNode(s.cred, parameters)], body);
	assert.equal(res.status, 200, `${name} failed: ${JSON.stringify(res.body)}`);
	const requests = s.sim.requests().slice(since);
	assert.ok(requests.length > 0, `${name} sent nothing`);
	for (const request of requests) {
		assert.deepEqual({ valid: request.contract?.valid, errors: request.contract?.errors }, { valid: true, errors: [] }, `${request.method} ${request.path}`);
	}
	const output = runItems((await wf.executions()).at(-1), 'WhatsApp Cloud');
	assert.ok(output, `no output of ${name}`);
	return output;
}

/** The flows item of a trigger execution (third output). */
function flowItem(execution: Parameters<typeof runItems>[0]): ItemJson {
	const items = runItems(execution, 'WhatsApp Cloud Trigger', 2);
	assert.ok(items && items.length === 1, 'one item on the trigger\'s other-fields output');
	return items[0];
}

export const flows = defineSuite<State>({
	name: 'flows',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, flows)', simulatorCredentialData(sim.url));
		return { n8n, sim, cred, trigger: await deployFlowTrigger(n8n, cred) };
	},
	async teardown(_ctx, s) {
		await deactivate(s.n8n, s.trigger.workflowId).catch(() => undefined);
	},
	cases: [
		{
			name: 'Flow → Create from a flow.json file (binary), published at once; the flows webhook reaches the trigger',
			async run(ctx, s) {
				const t0 = Date.now();
				const [out] = await runFlow(
					ctx,
					s,
					'create booking flow from a file',
					flow('create', { name: 'Booking', categories: ['APPOINTMENT_BOOKING'], flowJsonSource: 'binary', binaryPropertyName: 'data', endpointUri: ENDPOINT, publish: true }),
					[convertToFile('booking.flow.json', 'application/json')],
					{ b64: Buffer.from(BOOKING_FLOW_JSON).toString('base64') },
				);
				assert.deepEqual({ status: out.status, published: out.published, validationErrors: out.validationErrors }, { status: 'PUBLISHED', published: true, validationErrors: [] });
				const flowId = String(out.flowId);
				const known = simFlows(s.sim).find((f) => f.id === flowId);
				assert.equal(known?.json, BOOKING_FLOW_JSON, 'the file reached Meta byte for byte');
				const [execution] = await deliverFlowsToTrigger(s.n8n, s.sim, s.trigger, 1);
				const item = flowItem(execution);
				assert.deepEqual(
					{ event: item.event, flowId: item.flowId, flowEvent: item.flowEvent, oldStatus: item.oldStatus, newStatus: item.newStatus },
					{ event: 'flows', flowId, flowEvent: 'FLOW_STATUS_CHANGE', oldStatus: 'DRAFT', newStatus: 'PUBLISHED' },
				);
				s.flowId = flowId;
				ctx.note(`flows · n8n ${ctx.major}: Create (file, publish) → ${flowId} PUBLISHED, flows item ${String(item.flowEvent)} (${Date.now() - t0} ms)`);
			},
		},
		{
			name: 'Update Flow JSON with a Flow JSON Meta rejects → one readable item per validation error; Publish refused',
			async run(ctx, s) {
				const [draft] = await runFlow(ctx, s, 'create draft', flow('create', { name: 'Booking draft', categories: ['OTHER'] }));
				const broken = JSON.stringify({ screens: [{ id: 'START', layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Go', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'MISSING' } } }] } }] }, null, 2);
				const items = await runFlow(ctx, s, 'update flow json', flow('updateJson', { flowId: byId(String(draft.flowId)), flowJsonSource: 'text', flowJson: broken }));
				assert.deepEqual(
					items.map((i) => [i.valid, i.error, i.line, i.summary]),
					[
						[false, 'REQUIRED_PROPERTY_MISSING', 1, 'Line 1, column 1: The property "version" is required at "$root".'],
						[false, 'INVALID_NAVIGATION', 15, `Line 15, column 25: Screen "MISSING" does not exist; navigate at "$root/screens/0/layout/children/0/on-click-action/next/name" needs one of the screens' ids.`],
					],
				);
				const since = s.sim.requests().length;
				const { res } = await runByWebhook(ctx, s.n8n, 'publish invalid', [waNode(s.cred, flow('publish', { flowId: byId(String(draft.flowId)) }))]);
				assert.notEqual(res.status, 200, 'publishing a Flow with validation errors fails');
				assert.equal(s.sim.requests().slice(since).at(-1)?.response?.status, 400);
				assert.equal(simFlows(s.sim).find((f) => f.id === draft.flowId)?.status, 'DRAFT');
				ctx.note(`flows · n8n ${ctx.major}: Update Flow JSON → ${items.length} validation items: ${String(items[1].summary).slice(0, 60)}…`);
			},
		},
		{
			name: 'A draft: Update Metadata, Update Flow JSON (valid), Get, Get Many, Publish',
			async run(ctx, s) {
				const [draft] = await runFlow(ctx, s, 'create empty draft', flow('create', { name: 'Booking v2', categories: ['OTHER'] }));
				const flowId = String(draft.flowId);
				const [updated] = await runFlow(ctx, s, 'update metadata', flow('updateMetadata', { flowId: byId(flowId), updateFields: { name: 'Booking v2 (spring)', categories: ['APPOINTMENT_BOOKING'], endpointUri: ENDPOINT } }));
				assert.equal(updated.updated, true);
				const [valid] = await runFlow(ctx, s, 'update flow json (valid)', flow('updateJson', { flowId: byId(flowId), flowJsonSource: 'text', flowJson: BOOKING_FLOW_JSON }));
				assert.equal(valid.valid, true, JSON.stringify(valid));
				const [got] = await runFlow(ctx, s, 'get flow', flow('get', { flowId: byId(flowId) }));
				assert.deepEqual({ name: got.name, status: got.status }, { name: 'Booking v2 (spring)', status: 'DRAFT' });
				const all = await runFlow(ctx, s, 'get many flows', flow('getAll', { returnAll: true }));
				assert.ok(all.some((f) => f.flowId === flowId || f.id === flowId), JSON.stringify(all[0]));
				const [published] = await runFlow(ctx, s, 'publish', flow('publish', { flowId: byId(flowId) }));
				assert.equal(published.published, true);
				assert.equal(simFlows(s.sim).find((f) => f.id === flowId)?.status, 'PUBLISHED');
				await deliverFlowsToTrigger(s.n8n, s.sim, s.trigger, 1);
				ctx.note(`flows · n8n ${ctx.major}: draft ${flowId} renamed, JSON valid, ${all.length} flows listed, published`);
			},
		},
		{
			name: 'Send Interactive → Flow with the Flow picked from the list → contract-valid flow message',
			async run(ctx, s) {
				const flowId = String(s.flowId);
				const since = messagesSent(s.sim).length;
				await runFlow(ctx, s, 'send the booking flow', {
					resource: 'message',
					operation: 'sendInteractive',
					phoneNumberId: byId(PHONE_NUMBER_ID),
					to: '15551234567',
					interactiveType: 'flow',
					bodyText: 'Book your visit',
					flowBy: 'id',
					flowId: { __rl: true, mode: 'list', value: flowId, cachedResultName: 'Booking (PUBLISHED)' },
					flowCta: 'Book now',
					flowAction: 'data_exchange',
					options: { flowSession: 'booking-42' },
				});
				const sent = onlyValidSend(s.sim, since);
				const parameters = (sent.body as { interactive: { action: { parameters: Record<string, unknown> } } }).interactive.action.parameters;
				assert.deepEqual(parameters, { flow_message_version: '3', flow_cta: 'Book now', flow_action: 'data_exchange', flow_id: flowId, flow_token: 'booking-42' });
				ctx.note(`flows · n8n ${ctx.major}: Send Interactive → Flow ${flowId} (picked), flow_token booking-42`);
			},
		},
		{
			name: 'Get Metrics → one item per day; Deprecate → DEPRECATED and its flows webhook; Delete a draft',
			async run(ctx, s) {
				const flowId = String(s.flowId);
				const metrics = await runFlow(ctx, s, 'flow metrics', flow('getMetrics', { flowId: byId(flowId), metric: 'ENDPOINT_REQUEST_COUNT', granularity: 'DAY', since: '2026-03-01T00:00:00', until: '2026-03-07T00:00:00' }));
				assert.equal(metrics.length, 7);
				assert.ok(metrics.every((m) => m.metric === 'ENDPOINT_REQUEST_COUNT' && typeof m.value === 'number'), JSON.stringify(metrics[0]));
				const [deprecated] = await runFlow(ctx, s, 'deprecate', flow('deprecate', { flowId: byId(flowId) }));
				assert.equal(deprecated.deprecated, true);
				const [execution] = await deliverFlowsToTrigger(s.n8n, s.sim, s.trigger, 1);
				const item = flowItem(execution);
				assert.deepEqual({ flowId: item.flowId, oldStatus: item.oldStatus, newStatus: item.newStatus }, { flowId, oldStatus: 'PUBLISHED', newStatus: 'DEPRECATED' });
				const draft = simFlows(s.sim).find((f) => f.status === 'DRAFT');
				assert.ok(draft, 'the draft of the second case');
				const [deleted] = await runFlow(ctx, s, 'delete draft', flow('delete', { flowId: byId(draft.id) }));
				assert.equal(deleted.deleted, true);
				assert.equal(simFlows(s.sim).some((f) => f.id === draft.id), false);
				ctx.note(`flows · n8n ${ctx.major}: metrics ${metrics.length} days; Deprecate → flows item ${String(item.newStatus)}; Delete draft`);
			},
		},
	],
});
