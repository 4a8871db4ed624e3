/**
 * Flow resource (issue 23), in-process through n8n-core against the simulator, whose contract
 * checks every body (Meta's Flows API operations, patches/flows.ts): a Flow's life from Create to
 * Deprecate, Meta's validation errors as readable items, Meta's state rules answered as errors,
 * input refused before any request with the field named, and Send Interactive → Flow with a
 * picked Flow and with the plain Flow ID string older workflows saved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { flowState } from '../../../../tools/simulator/flowState';
import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { storeBinary } from '../../../harness/runNode';
import { byId, errorMessage, outputJson, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const BOOKING = readFileSync(join(__dirname, '../../../../examples/flows/booking.flow.json'), 'utf8');
const ENDPOINT = 'https://n8n.example.com/webhook/flow-endpoint';
const flow = (operation: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'flow', operation, ...extra });

function contractValid(): void {
	const requests = sim.requests();
	expect(requests.length).toBeGreaterThan(0);
	for (const request of requests) expect(request.contract).toMatchObject({ valid: true, errors: [] });
}

async function createdDraft(name = 'Booking'): Promise<string> {
	const [item] = outputJson(await run(flow('create', { name, categories: ['APPOINTMENT_BOOKING'] })));
	return String(item.flowId);
}

describe('Flow resource', () => {
	it('Create from a binary flow.json with endpoint URI and Publish: published at once, the flows webhook queued', async () => {
		const file = await storeBinary(Buffer.from(BOOKING), { fileName: 'booking.flow.json', mimeType: 'application/json' });
		const result = await run(
			flow('create', { name: 'Booking', categories: ['APPOINTMENT_BOOKING', 'OTHER'], flowJsonSource: 'binary', binaryPropertyName: 'data', endpointUri: ENDPOINT, publish: true }),
			{ input: [{ json: {}, binary: { data: file } }] },
		);
		const [item] = outputJson(result);
		expect(item).toMatchObject({ flowId: expect.stringMatching(/^\d{16}$/), status: 'PUBLISHED', published: true, validationErrors: [], categories: ['APPOINTMENT_BOOKING', 'OTHER'] });
		const [request] = sim.requests({ method: 'POST', pathIncludes: '/flows' });
		expect(request.body).toEqual({ name: 'Booking', categories: ['APPOINTMENT_BOOKING', 'OTHER'], flow_json: BOOKING, publish: true, endpoint_uri: ENDPOINT });
		expect(flowState(sim.state).flows[0]).toMatchObject({ id: item.flowId, status: 'PUBLISHED', endpointUri: ENDPOINT });
		const [webhook] = flowState(sim.state).outbox as Array<{ entry: Array<{ changes: Array<{ field: string; value: Record<string, unknown> }> }> }>;
		expect(webhook.entry[0].changes[0]).toEqual({
			field: 'flows',
			value: expect.objectContaining({ event: 'FLOW_STATUS_CHANGE', flow_id: item.flowId, old_status: 'DRAFT', new_status: 'PUBLISHED' }),
		});
		contractValid();
	});

	it('Update Flow JSON: Meta\'s validation errors come out one item each, with line, column and a sentence', async () => {
		const flowId = await createdDraft();
		const broken = '{\n  "version": "7.0",\n  "screens": [\n    { "id": "A", "layout": { "children": [ { "on-click-action": { "name": "navigate", "next": { "type": "screen", "name": "NOWHERE" } } } ] } }\n  ]\n}';
		const items = outputJson(await run(flow('updateJson', { flowId: byId(flowId), flowJsonSource: 'text', flowJson: broken })));
		expect(items).toEqual([
			expect.objectContaining({ flowId, valid: false, error: 'INVALID_NAVIGATION', line: 4, column: 123, summary: expect.stringMatching(/^Line 4, column 123: Screen "NOWHERE" does not exist/) }),
		]);
		const [upload] = sim.requests({ method: 'POST', pathIncludes: '/assets' });
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.body).toMatchObject({ name: 'flow.json', asset_type: 'FLOW_JSON', file: { filename: 'flow.json', contentType: 'application/json', size: Buffer.byteLength(broken) } });

		const publish = await run(flow('publish', { flowId: byId(flowId) }));
		expect(errorMessage(publish)).toMatch(/\(#139002\) Publishing Flow in invalid state/);
		expect((publish.error as { description?: string }).description).toMatch(/1 validation error/);
		expect(flowState(sim.state).flows[0].status).toBe('DRAFT');

		const fixed = outputJson(await run(flow('updateJson', { flowId: byId(flowId), flowJsonSource: 'text', flowJson: BOOKING })));
		expect(fixed).toEqual([{ flowId, success: true, valid: true, validationErrors: [] }]);
		const needsEndpoint = await run(flow('publish', { flowId: byId(flowId) }));
		expect((needsEndpoint.error as { description?: string }).description).toMatch(/endpoint_uri/);
		expect(outputJson(await run(flow('updateMetadata', { flowId: byId(flowId), updateFields: { endpointUri: ENDPOINT, name: 'Booking v2' } })))).toEqual([
			{ success: true, flowId, updated: true, endpointUri: ENDPOINT, name: 'Booking v2' },
		]);
		expect(outputJson(await run(flow('publish', { flowId: byId(flowId) })))).toEqual([{ success: true, flowId, published: true }]);
		contractValid();
	});

	it('Get, Get Many, Get Metrics, then Meta\'s state rules: a published Flow cannot change or be deleted; Deprecate', async () => {
		const flowId = await createdDraft();
		await run(flow('updateJson', { flowId: byId(flowId), flowJsonSource: 'text', flowJson: BOOKING }));
		await run(flow('updateMetadata', { flowId: byId(flowId), updateFields: { endpointUri: ENDPOINT } }));
		const [got] = outputJson(await run(flow('get', { flowId: byId(flowId) })));
		expect(got).toMatchObject({ flowId, name: 'Booking', status: 'DRAFT', json_version: '7.0', endpoint_uri: ENDPOINT, validationErrors: [], previewUrl: expect.stringContaining(`/flows/${flowId}/preview/`) });
		expect(sim.requests({ method: 'GET' }).at(-1)?.query).toEqual({ fields: 'id,name,categories,status,validation_errors,preview,endpoint_uri,json_version' });

		await createdDraft('Survey');
		const many = outputJson(await run(flow('getAll', { returnAll: true })));
		expect(many.map((f) => f.name)).toEqual(['Booking', 'Survey']);

		const metrics = outputJson(await run(flow('getMetrics', { flowId: byId(flowId), metric: 'ENDPOINT_REQUEST_COUNT', since: '2026-01-01T00:00:00', until: '2026-01-03T00:00:00' })));
		expect(metrics.map((m) => m.timestamp)).toEqual(['2026-01-01T08:00:00+0000', '2026-01-02T08:00:00+0000', '2026-01-03T08:00:00+0000']);
		expect(metrics[0]).toMatchObject({ flowId, metric: 'ENDPOINT_REQUEST_COUNT', granularity: 'DAY', value: expect.any(Number) });
		expect(sim.requests({ method: 'GET' }).at(-1)?.query.fields).toBe('id,metric.name(ENDPOINT_REQUEST_COUNT).granularity(DAY).since(2026-01-01).until(2026-01-03)');

		await run(flow('publish', { flowId: byId(flowId) }));
		expect(errorMessage(await run(flow('updateJson', { flowId: byId(flowId), flowJsonSource: 'text', flowJson: BOOKING })))).toMatch(/\(#139001\) Flow can't be updated/);
		expect(errorMessage(await run(flow('delete', { flowId: byId(flowId) })))).toMatch(/\(#139004\) Flow can't be deleted/);
		expect(outputJson(await run(flow('deprecate', { flowId: byId(flowId) })))).toEqual([{ success: true, flowId, deprecated: true }]);
		expect(flowState(sim.state).outbox.map((d) => (d as { entry: Array<{ changes: Array<{ value: { new_status: string } }> }> }).entry[0].changes[0].value.new_status)).toEqual(['PUBLISHED', 'DEPRECATED']);
		const survey = flowState(sim.state).flows.find((f) => f.name === 'Survey');
		expect(outputJson(await run(flow('delete', { flowId: byId(String(survey?.id)) })))).toEqual([{ success: true, flowId: survey?.id, deleted: true }]);
		contractValid();
	});

	it('refuses before any request: no category, a long name, Flow JSON that does not parse (line and column), http endpoint', async () => {
		expect(errorMessage(await run(flow('create', { name: 'Booking', categories: '={{ [] }}' })))).toMatch(/^"Categories" needs at least 1 entry \(item 1\)/);
		expect(errorMessage(await run(flow('create', { name: 'x'.repeat(201), categories: ['OTHER'] })))).toMatch(/^"Name" is too long: 201 characters; WhatsApp allows at most 200/);
		expect(errorMessage(await run(flow('create', { name: 'B', categories: ['OTHER'], flowJsonSource: 'text', flowJson: '{\n  "version": "7.0",\n  "screens": [}\n' })))).toMatch(
			/^"Flow JSON" is not valid JSON at line 3, column 15 \(item 1\)$/,
		);
		expect(errorMessage(await run(flow('create', { name: 'B', categories: ['OTHER'], endpointUri: 'http://example.com/x' })))).toMatch(/^"Endpoint URI": must be an https:\/\/ URL/);
		expect(errorMessage(await run(flow('updateMetadata', { flowId: byId('123'), updateFields: {} })))).toMatch(/^"Update Fields": is empty/);
		expect(errorMessage(await run(flow('publish', { flowId: { __rl: true, mode: 'id', value: '={{ "12a" }}' } })))).toMatch(/^"Flow":? must be an ID made of digits only/);
		expect(sim.requests()).toEqual([]);
	});

	it('Send Interactive → Flow: a picked Flow and the plain Flow ID string older workflows saved send the same flow_id', async () => {
		const flowId = await createdDraft();
		const message = { resource: 'message', operation: 'sendInteractive', phoneNumberId: byId(PHONE_NUMBER_ID), to: '15551234567', interactiveType: 'flow' };
		const send = (flowIdValue: unknown) =>
			run({ ...message, bodyText: 'Book your visit', flowBy: 'id', flowId: flowIdValue, flowCta: 'Book', flowAction: 'data_exchange', options: { flowMode: 'draft' } } as INodeParameters);
		for (const value of [{ __rl: true, mode: 'list', value: flowId, cachedResultName: 'Booking (DRAFT)' }, flowId]) {
			expect((await send(value)).error).toBeUndefined();
		}
		const sends = sim.requests({ method: 'POST', pathIncludes: '/messages' });
		expect(sends.map((r) => (r.body as { interactive: { action: { parameters: { flow_id: string } } } }).interactive.action.parameters.flow_id)).toEqual([flowId, flowId]);
		contractValid();
	});
});
