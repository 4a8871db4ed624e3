import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { runNode } from '../../harness/runNode';
import { takeLogs } from '../../harness/triggerWebhook';
import { signedJson } from '../../harness/webhookRequest';
import { businessKeyPair, decryptFlowAnswer, encryptFlowRequest, type FlowClientRequest } from '../../../tools/simulator/flowEncryption';
import { FlowTriggerHarness } from './flowTriggerHarness';

const keys = businessKeyPair();
const otherKeys = businessKeyPair();
const trigger = new FlowTriggerHarness({ flowPrivateKey: keys.privateKey });

function post(request: FlowClientRequest, secret?: string) {
	return signedJson(request.body, { secret });
}

beforeEach(() => takeLogs());

describe('WhatsApp Flow Endpoint Trigger', () => {
	it('emits one item per data-exchange request, with the key reference and no secret', async () => {
		const request = encryptFlowRequest(
			{ version: '3.0', action: 'data_exchange', screen: 'DATE', data: { date: '2026-12-08' }, flow_token: 'booking-42' },
			keys.publicKey,
		);
		const outcome = await trigger.deliver(post(request));
		expect(outcome.executionStarted).toBe(true);
		expect(outcome.items).toHaveLength(1);
		const item = outcome.items[0];
		expect(item).toMatchObject({
			action: 'data_exchange',
			screen: 'DATE',
			data: { date: '2026-12-08' },
			flowToken: 'booking-42',
			version: '3.0',
			errorNotification: false,
			flowResponseKey: `wafr1.${request.body.encrypted_aes_key}.${request.body.initial_vector}.${Buffer.from('booking-42').toString('base64url')}`,
		});
		const text = JSON.stringify(item);
		expect(text).not.toContain(request.aesKey.toString('base64'));
		expect(text).not.toContain('PRIVATE KEY');
	});

	it('flags Meta\'s error notification and passes INIT with null screen', async () => {
		const notice = encryptFlowRequest(
			{ version: '3.0', action: 'data_exchange', screen: 'DATE', data: { error: 'invalid-screen', error_message: 'x' }, flow_token: 't' },
			keys.publicKey,
		);
		expect((await trigger.deliver(post(notice))).items[0].errorNotification).toBe(true);
		const init = encryptFlowRequest({ version: '3.0', action: 'INIT', flow_token: 't' }, keys.publicKey);
		expect((await trigger.deliver(post(init))).items[0]).toMatchObject({ action: 'INIT', screen: null, data: {} });
	});

	it('answers the health check itself, encrypted, without an execution', async () => {
		const ping = encryptFlowRequest({ version: '3.0', action: 'ping' }, keys.publicKey);
		const outcome = await trigger.deliver(post(ping));
		expect(outcome.executionStarted).toBe(false);
		expect(outcome.status).toBe(200);
		expect(decryptFlowAnswer(String(outcome.body), ping.aesKey, ping.iv)).toEqual({ data: { status: 'active' } });
	});

	it('answers 432 to a forged or missing signature, before decrypting anything', async () => {
		const request = encryptFlowRequest({ version: '3.0', action: 'INIT', flow_token: 't' }, keys.publicKey);
		for (const spec of [post(request, 'forged-secret'), { ...post(request), headers: { 'content-type': 'application/json' } }]) {
			const outcome = await trigger.deliver(spec);
			expect(outcome).toMatchObject({ status: 432, executionStarted: false, items: [] });
		}
		const logs = takeLogs().map((l) => l.message);
		expect(logs.some((l) => l.includes('refused with 432'))).toBe(true);
	});

	it('answers 421 to a body for another key, a tampered body or a credential without a key, and logs no secret', async () => {
		const forOther = encryptFlowRequest({ version: '3.0', action: 'INIT', flow_token: 't' }, otherKeys.publicKey);
		const tampered = encryptFlowRequest({ version: '3.0', action: 'INIT', flow_token: 't' }, keys.publicKey);
		tampered.body.encrypted_flow_data = Buffer.from('garbage-garbage-garbage').toString('base64');
		for (const request of [forOther, tampered]) {
			expect(await trigger.deliver(post(request))).toMatchObject({ status: 421, executionStarted: false });
		}
		const noKey = new FlowTriggerHarness({});
		expect(await noKey.deliver(post(forOther))).toMatchObject({ status: 421, executionStarted: false });
		const logs = takeLogs().map((l) => l.message).join('\n');
		expect(logs).toContain('refused with 421, the AES key does not decrypt');
		expect(logs).toContain('the credential has no Flow Endpoint Private Key');
		expect(logs).not.toContain('PRIVATE KEY-----');
		expect(logs).not.toContain(tampered.body.encrypted_aes_key);
	});
});

describe('Flow → Encrypt Flow Response', () => {
	const credentials = { whatsAppCloudApi: { accessToken: 'token', graphBaseUrl: 'http://127.0.0.1:9', flowPrivateKey: keys.privateKey } };

	async function encrypt(parameters: Record<string, unknown>, request: FlowClientRequest, key = keys.privateKey) {
		return await runNode({
			nodeType: new WhatsAppCloud(),
			parameters: { resource: 'flow', operation: 'encryptResponse', flowResponseKey: '={{ $json.flowResponseKey }}', ...parameters },
			credentials: { whatsAppCloudApi: { ...credentials.whatsAppCloudApi, flowPrivateKey: key } },
			credentialTypes: [new WhatsAppCloudApi()],
			input: [{ json: { flowResponseKey: `wafr1.${request.body.encrypted_aes_key}.${request.body.initial_vector}.${Buffer.from('booking-42').toString('base64url')}`, flowToken: 'booking-42' } }],
		});
	}

	it('encrypts each kind of answer so that the client reads it', async () => {
		const cases: Array<[Record<string, unknown>, unknown]> = [
			[{ screen: 'APPOINTMENT', screenData: '{"slots":["09:00"]}' }, { screen: 'APPOINTMENT', data: { slots: ['09:00'] } }],
			[{ answer: 'errorMessage', screen: 'DATE', errorMessage: 'Fully booked' }, { screen: 'DATE', data: { error_message: 'Fully booked' } }],
			[
				{ answer: 'complete', completionParams: '{"slot":"09:00"}' },
				{ screen: 'SUCCESS', data: { extension_message_response: { params: { slot: '09:00', flow_token: 'booking-42' } } } },
			],
			[{ answer: 'acknowledge' }, { data: { acknowledged: true } }],
			[{ answer: 'json', responseJson: '{"screen":"X","data":{"a":1}}' }, { screen: 'X', data: { a: 1 } }],
		];
		for (const [parameters, expected] of cases) {
			const request = encryptFlowRequest({ action: 'data_exchange' }, keys.publicKey);
			const result = await encrypt(parameters, request);
			expect(result.error).toBeUndefined();
			const json = result.items[0][0].json;
			expect(json.responded).toBe(true);
			expect(decryptFlowAnswer(json.encryptedResponse as string, request.aesKey, request.iv)).toEqual(expected);
		}
	});

	it('names the field that is wrong, and refuses a key reference the credential cannot open', async () => {
		const request = encryptFlowRequest({ action: 'INIT' }, keys.publicKey);
		expect((await encrypt({ screen: '={{ "  " }}' }, request)).error?.message).toBe('"Screen" is empty; enter a value');
		expect((await encrypt({ screen: 'A', screenData: '{oops' }, request)).error?.message).toMatch(/^"Screen Data" is not valid JSON/);
		expect((await encrypt({ flowResponseKey: 'nope', screen: 'A' }, request)).error?.message).toBe(
			'"Flow Response Key" is not the flowResponseKey of a WhatsApp Flow Endpoint Trigger item',
		);
		expect((await encrypt({ screen: 'A' }, request, otherKeys.privateKey)).error?.message).toBe(
			'The answer cannot be encrypted: the AES key does not decrypt with the Flow Endpoint Private Key',
		);
	});
});
