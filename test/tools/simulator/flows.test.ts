/**
 * The simulator's Flows API (issue 23) over HTTP: Meta's state rules with their errors, the Flow
 * JSON check in Meta's validation_errors shape, unknown Flow IDs answered like Graph, bodies
 * checked against the contract, metrics, and the flows webhooks it queues — each contract-valid —
 * posted by deliverFlowWebhooks.
 */
import { validateWebhook } from '../../../tools/contract/validate';
import { WABA_ID, TOKENS } from '../../../tools/simulator/fixtures';
import { deliverFlowWebhooks } from '../../../tools/simulator/flowAdmin';
import { flowState } from '../../../tools/simulator/flowState';
import { useSimulator } from '../../harness/simulator';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { sim } = useSimulator();

async function call(method: string, path: string, body?: { json?: unknown; form?: FormData }): Promise<{ status: number; body: Json }> {
	const response = await fetch(`${sim.url}/v23.0${path}`, {
		method,
		headers: { authorization: `Bearer ${TOKENS.valid}`, ...(body?.json === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body?.json !== undefined ? JSON.stringify(body.json) : body?.form,
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

function asset(text: string): FormData {
	const form = new FormData();
	form.append('file', new Blob([text], { type: 'application/json' }), 'flow.json');
	form.append('name', 'flow.json');
	form.append('asset_type', 'FLOW_JSON');
	return form;
}

const SIMPLE = JSON.stringify({ version: '7.0', screens: [{ id: 'ONE', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }] });

describe('simulator: Flows API', () => {
	it('create (form body), upload, publish, deprecate; each status change queues a contract-valid flows webhook', async () => {
		const form = new FormData();
		form.append('name', 'Survey');
		form.append('categories', '["SURVEY"]');
		const created = await call('POST', `/${WABA_ID}/flows`, { form });
		expect(created).toEqual({ status: 200, body: { id: expect.stringMatching(/^\d{16}$/) } });
		const id = String(created.body.id);
		expect((await call('POST', `/${id}/publish`)).body.error).toMatchObject({ code: 139002, error_data: { details: expect.stringMatching(/no Flow JSON/) } });
		expect(await call('POST', `/${id}/assets`, { form: asset(SIMPLE) })).toEqual({ status: 200, body: { success: true, validation_errors: [] } });
		expect((await call('POST', `/${id}/deprecate`)).body.error).toMatchObject({ code: 139003 });
		expect(await call('POST', `/${id}/publish`)).toEqual({ status: 200, body: { success: true } });
		expect((await call('POST', `/${id}/assets`, { form: asset(SIMPLE) })).body.error).toMatchObject({ code: 139001 });
		expect((await call('POST', `/${id}`, { json: { name: 'Other' } })).body.error).toMatchObject({ code: 139001 });
		expect(await call('POST', `/${id}/deprecate`)).toEqual({ status: 200, body: { success: true } });
		expect((await call('DELETE', `/${id}`)).body.error).toMatchObject({ code: 139004 });
		const outbox = [...flowState(sim.state).outbox] as Json[];
		expect(outbox.map((p) => [p.entry[0].id, p.entry[0].changes[0].value.old_status, p.entry[0].changes[0].value.new_status])).toEqual([
			[WABA_ID, 'DRAFT', 'PUBLISHED'],
			[WABA_ID, 'PUBLISHED', 'DEPRECATED'],
		]);
		for (const payload of outbox) expect(validateWebhook(payload)).toMatchObject({ valid: true, errors: [] });
		const received: unknown[] = [];
		const server = await import('node:http').then((http) =>
			http.createServer((req, res) => {
				let data = '';
				req.on('data', (c: Buffer) => (data += c.toString()));
				req.on('end', () => {
					received.push(JSON.parse(data));
					res.end('ok');
				});
			}),
		);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const port = (server.address() as { port: number }).port;
		expect((await deliverFlowWebhooks(sim as never, `http://127.0.0.1:${port}/hook`)).map((d) => d.status)).toEqual([200, 200]);
		await new Promise<void>((resolve) => server.close(() => resolve()));
		expect(received).toEqual(outbox);
		expect(flowState(sim.state).outbox).toEqual([]);
	});

	it('the Flow JSON check: no version, no screens, an unknown screen in navigate; a data_exchange Flow needs endpoint_uri', async () => {
		const { body } = await call('POST', `/${WABA_ID}/flows`, { json: { name: 'Broken', categories: ['OTHER'], flow_json: '{"screens": []}' } });
		expect(body.validation_errors.map((e: Json) => e.message)).toEqual(['The property "version" is required at "$root".', 'The property "screens" is required at "$root".']);
		const exchange = JSON.stringify({ version: '7.0', data_api_version: '3.0', screens: [{ id: 'A', layout: { children: [{ 'on-click-action': { name: 'data_exchange' } }] } }] });
		const needs = await call('POST', `/${WABA_ID}/flows`, { json: { name: 'Exchange', categories: ['OTHER'], flow_json: exchange, publish: true } });
		expect(needs.body).toEqual({ id: expect.any(String), success: true, validation_errors: [] });
		expect(flowState(sim.state).flows.find((f) => f.id === needs.body.id)?.status).toBe('DRAFT');
		expect((await call('POST', `/${String(needs.body.id)}/publish`)).body.error.error_data.details).toMatch(/endpoint_uri/);
		expect((await call('POST', `/${WABA_ID}/flows`, { json: { name: 'Exchange', categories: ['OTHER'] } })).body.error.error_data.details).toMatch(/not unique/);
	});

	it('contract and Graph errors: unknown category, missing name, an unknown Flow ID; metrics by day', async () => {
		expect((await call('POST', `/${WABA_ID}/flows`, { json: { name: 'X', categories: ['GAMES'] } })).body.error).toMatchObject({ code: 100, message: '(#100) Invalid parameter' });
		expect((await call('POST', `/${WABA_ID}/flows`, { json: { categories: ['OTHER'] } })).body.error).toMatchObject({ code: 100 });
		expect((await call('GET', '/7000000000000001')).body.error).toMatchObject({ code: 100, error_subcode: 33 });
		const { body } = await call('POST', `/${WABA_ID}/flows`, { json: { name: 'M', categories: ['OTHER'] } });
		const metric = await call('GET', `/${String(body.id)}?fields=id,metric.name(ENDPOINT_AVAILABILITY).granularity(DAY).since(2026-02-27).until(2026-03-01)`);
		expect(metric.body.metric.data_points.map((p: Json) => [p.timestamp, p.data.map((d: Json) => d.key)])).toEqual([
			['2026-02-27T08:00:00+0000', ['succeeded', 'failed']],
			['2026-02-28T08:00:00+0000', ['succeeded', 'failed']],
			['2026-03-01T08:00:00+0000', ['succeeded', 'failed']],
		]);
		expect((await call('GET', `/${String(body.id)}?fields=metric.name(NOPE).since(2026-01-01).until(2026-01-02)`)).body.error.error_data.details).toMatch(/metric name/);
	});
});
