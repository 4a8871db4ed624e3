/**
 * The trigger's app lookup (tokenApp.ts): debug_token asked inside a Graph batch POST, so the
 * access token travels in the Authorization header and a form body, never in a URL. Through
 * n8n-core's HookContext against the simulator (every request it got is in its log), and against
 * a raw stand-in for batch answers the simulator never gives.
 */
import { describe, expect, it } from '@jest/globals';
import type { INode } from 'n8n-workflow';

import { graphTrouble } from '../../../nodes/WhatsAppCloudTrigger/graphTrouble';
import { forgetTriggerMemory } from '../../../nodes/WhatsAppCloudTrigger/memory';
import { batchOperation } from '../../../nodes/WhatsAppCloudTrigger/tokenApp';
import { graphError } from '../../../nodes/shared/transport/metaErrors';
import { APP_ID, APP_SECRET, APP_TOKEN, OTHER_APP_ID, TOKENS, VERIFY_TOKEN, WABA_ID } from '../../../tools/simulator/fixtures';
import type { RecordedRequest } from '../../../tools/simulator/server';
import { useSimulator } from '../../harness/simulator';
import { TriggerHooks, useCallbackServer } from '../../harness/triggerHooks';
import { useRawServer } from '../shared/rawGraph';

const { sim, credential } = useSimulator({ credential: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN } });
const graph = useRawServer();
const callback = useCallbackServer();
beforeEach(() => forgetTriggerMemory());

const overrideTrigger = (webhookId: string, extra: Record<string, string> = {}) =>
	new TriggerHooks({ parameters: { events: ['messages'] }, credentials: credential(extra), callback, webhookId });

/** Every secret value as it could appear in a URL: as is and percent-encoded. */
const urlForms = (secrets: string[]) => secrets.flatMap((s) => [s, encodeURIComponent(s)]);

/** The URLs of every request the simulator got that carry one of `secrets` (path or query). */
function urlsCarrying(requests: RecordedRequest[], secrets: string[]): string[] {
	const forms = urlForms(secrets);
	return requests
		.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query).toString()} ${JSON.stringify(r.query)}`)
		.filter((url) => forms.some((secret) => url.includes(secret)));
}

describe('the app lookup keeps the token out of every URL', () => {
	it('asks debug_token in one batch POST: the token in the Authorization header and the form body only', async () => {
		const t = overrideTrigger('k1');
		await t.activate();
		const [lookup] = sim.requests().filter((r) => r.path === '/v23.0/');
		expect(lookup).toMatchObject({ method: 'POST', query: {}, contract: { checked: true, valid: true } });
		expect(lookup.headers.authorization).toBe(`Bearer ${TOKENS.valid}`);
		expect(lookup.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(lookup.body).toEqual({
			batch: [{ method: 'GET', relative_url: `debug_token?input_token=${TOKENS.valid}` }],
			include_headers: 'false',
		});
		expect(lookup.response.status).toBe(200);
		expect(t.record.subscription).toMatchObject({ appId: APP_ID, wabaId: WABA_ID });
		expect(sim.requests({ pathIncludes: 'debug_token' })).toEqual([]);
	});

	it("no request of the subscription flow (activation, republish, a token switch, deactivation, both modes) has the token or App Secret in its URL", async () => {
		const first = overrideTrigger('k2');
		await first.activate();
		await first.deactivate();
		await first.activate('update');
		first.setCredentials(credential({ accessToken: TOKENS.otherApp }));
		await first.deactivate();
		const app = new TriggerHooks({
			parameters: { subscriptionMode: 'appCallback', appFields: ['messages'], events: ['messages'] },
			credentials: credential({ appId: APP_ID }),
			callback,
			webhookId: 'k3',
		});
		await app.activate();
		await app.deactivate();

		const requests = sim.requests();
		// The flow really ran: lookups for both tokens, writes in both modes.
		expect(requests.filter((r) => r.path === '/v23.0/').length).toBeGreaterThanOrEqual(2);
		expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/subscribed_apps'))).toBe(true);
		expect(requests.some((r) => r.method === 'DELETE' && r.path.endsWith(`/${APP_ID}/subscriptions`))).toBe(true);
		expect(urlsCarrying(requests, [TOKENS.valid, TOKENS.otherApp, APP_SECRET, APP_TOKEN])).toEqual([]);
	});

	it("names another app's token's app", async () => {
		const t = overrideTrigger('k4', { accessToken: TOKENS.otherApp });
		await expect(t.activate()).resolves.toBeUndefined();
		expect(t.record.subscription).toMatchObject({ appId: OTHER_APP_ID });
	});

	it('an expired token fails with the very error the GET gives today (Meta code 190/463, seen as a token trouble)', async () => {
		const direct = await fetch(`${sim.url}/v23.0/debug_token?input_token=${TOKENS.expired}`, { headers: { authorization: `Bearer ${TOKENS.expired}` } });
		const node = { name: 'WhatsApp Cloud Trigger' } as INode;
		const expected = graphError(node, direct.status, await direct.json());
		const t = overrideTrigger('k5', { accessToken: TOKENS.expired });
		const error = await t.run('checkExists').then(() => undefined, (e: unknown) => e as Error & { context: Record<string, unknown> });
		// The message ends with Meta's clock ("The current time is …"), which may tick between the two answers.
		const withoutClock = (message: string) => message.replace(/ The current time is .*$/, '');
		expect(withoutClock(error?.message ?? '')).toBe(`Could not check the webhook subscription of WhatsApp Business Account ${WABA_ID}: ${withoutClock(expected.message)}`);
		expect(error?.message).toMatch(/code 190, subcode 463/);
		const { httpStatus, code, subcode, hint } = expected.context.meta as Record<string, unknown>;
		expect(error?.context.meta).toMatchObject({ httpStatus, code, subcode, hint });
		expect(graphTrouble(error)).toBe('token');
	});

	it('an expired token with an App ID in the credential: the App ID is used as given, as today', async () => {
		const t = overrideTrigger('k6', { accessToken: TOKENS.expired, appId: APP_ID });
		// The lookup fails as a token trouble and is passed over; the WABA read then fails on the token.
		await expect(t.run('checkExists')).rejects.toThrow(/code 190, subcode 463/);
		expect(sim.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v23.0/', `GET /v23.0/${WABA_ID}/subscribed_apps`]);
	});
});

describe('a batch answer is untrusted JSON', () => {
	it('reads {code, body: JSON text}, null for an unfinished operation, undefined for anything else', () => {
		expect(batchOperation([{ code: 200, body: '{"data":{"app_id":"1"}}' }])).toEqual({ code: 200, body: { data: { app_id: '1' } } });
		expect(batchOperation([{ code: 400, headers: [], body: 'not json' }])).toEqual({ code: 400, body: undefined });
		expect(batchOperation([{ code: 200 }])).toEqual({ code: 200, body: undefined });
		expect(batchOperation([null])).toBeNull();
		for (const hostile of [
			undefined,
			null,
			'[]',
			{ data: { app_id: '1' } },
			[],
			[{ code: 200, body: '{}' }, { code: 200, body: '{}' }],
			[{ code: '200', body: '{}' }],
			[{ code: 200.5, body: '{}' }],
			[{ code: { valueOf: 1 }, body: '{}' }],
			['{"code":200}'],
			[[200, '{}']],
		]) {
			expect(batchOperation(hostile)).toBeUndefined();
		}
	});

	const rawTrigger = (webhookId: string, extra: Record<string, string> = {}) =>
		new TriggerHooks({
			parameters: { events: ['messages'] },
			credentials: { accessToken: 'raw-token', apiVersion: 'v23.0', graphBaseUrl: graph.url, businessAccountId: WABA_ID, appSecret: 's', verifyToken: 'v', ...extra },
			callback,
			webhookId,
		});

	it('a malformed answer says it cannot tell the app, as a malformed debug_token answer does: no TypeError', async () => {
		const answers: unknown[] = [
			{ data: { app_id: '1' } },
			[],
			[{ code: 200, body: 'not json' }],
			[{ code: 200, body: { data: { app_id: '123' } } }],
			[{ code: { valueOf: 1 }, body: '{"data":{"app_id":"123"}}' }],
			[{ code: 200, body: JSON.stringify({ data: { app_id: { toString: 1 }, is_valid: true } }) }],
		];
		for (const [index, body] of answers.entries()) {
			forgetTriggerMemory();
			graph.answer('/v23.0/', { body });
			await expect(rawTrigger(`raw-${index}`).run('checkExists')).rejects.toThrow('Could not tell which Meta app the access token belongs to');
		}
		expect(graph.requests.every((r) => r.method === 'POST' && r.path === '/v23.0/' && r.headers.authorization === 'Bearer raw-token')).toBe(true);
	});

	it('an error inside the batch with hostile fields fails with our message, not a TypeError', async () => {
		graph.answer('/v23.0/', { body: [{ code: 400, body: JSON.stringify({ error: { message: { toString: 1 }, code: { valueOf: 1 } } }) }] });
		await expect(rawTrigger('raw-e').run('checkExists')).rejects.toThrow('WhatsApp Cloud API answered HTTP 400 without an error description');
	});

	it('an unfinished operation (null) is a server trouble: with an App ID the lookup is passed over', async () => {
		graph.answer('/v23.0/', { body: [null] });
		await expect(rawTrigger('raw-n').run('checkExists')).rejects.toThrow("Graph's batch request did not finish the debug_token lookup in time");
		forgetTriggerMemory();
		graph.answer(`/v23.0/${WABA_ID}/subscribed_apps`, { body: { data: [] } });
		await expect(rawTrigger('raw-m', { appId: '900000000000009' }).run('checkExists')).resolves.toBe(false);
		expect(graph.requests.map((r) => `${r.method} ${r.path}`).slice(-2)).toEqual(['POST /v23.0/', `GET /v23.0/${WABA_ID}/subscribed_apps`]);
	});
});
