import { beforeEach, describe, expect, it } from '@jest/globals';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { errorItemJson } from '../../../nodes/shared/transport/metaErrors';
import { PHONE_NUMBERS, TOKENS } from '../../../tools/simulator/fixtures';
import { runListSearch, runNode } from '../../harness/runNode';
import { useSimulator } from '../../harness/simulator';

const PHONE_NUMBER_ID = PHONE_NUMBERS[0].id;
const { sim, credentials } = useSimulator();

function sendText(parameters: Record<string, unknown>, input = [{ json: {} }], continueOnFail = false, creds = credentials()) {
	return runNode({
		nodeType: new WhatsAppCloud(),
		credentialTypes: [new WhatsAppCloudApi()],
		credentials: creds,
		parameters: {
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
			...parameters,
		},
		input,
		continueOnFail,
	});
}

beforeEach(() => {
	sim.clearFaults();
});

describe('Message → Send Text, in-process through n8n-core', () => {
	it('sends a contract-valid text with the Bearer token and returns the wamid', async () => {
		const result = await sendText(
			{ to: '={{ $json.phone }}', body: '=Hello {{ $json.name }}', previewUrl: true, options: { replyTo: 'wamid.ABC123' } },
			[{ json: { phone: '+1 (555) 123-4567', name: 'Ada' } }],
		);
		expect(result.error).toBeUndefined();
		const requests = sim.requests({ pathIncludes: '/messages' });
		expect(requests).toHaveLength(1);
		const [request] = requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/v23.0/${PHONE_NUMBER_ID}/messages`);
		expect(request.headers.authorization).toBe(`Bearer ${TOKENS.valid}`);
		expect(request.contract).toMatchObject({ checked: true, valid: true });
		expect(request.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '15551234567',
			type: 'text',
			text: { body: 'Hello Ada', preview_url: true },
			context: { message_id: 'wamid.ABC123' },
		});
		const [item] = result.items[0];
		expect(item.json.messageId).toMatch(/^wamid\./);
		expect(item.json.waId).toBe('15551234567');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('keeps item order and pairing over several items', async () => {
		const phones = ['15550000001', '15550000002', '15550000003'];
		const result = await sendText({ to: '={{ $json.phone }}', body: 'Hi' }, phones.map((phone) => ({ json: { phone } })));
		expect(result.items[0].map((i) => i.json.waId)).toEqual(phones);
		expect(result.items[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('stops before any request on an impossible number, naming parameter and item', async () => {
		const result = await sendText({ to: '={{ $json.phone }}', body: 'Hi' }, [{ json: { phone: '15551234567' } }, { json: { phone: '07911 123456' } }]);
		expect(result.error?.message).toMatch(/^"Recipient Phone Number or User ID": "07911 123456" is neither a phone number with country code \(\+1 555 123 4567\) nor a WhatsApp user ID \(US\.13491208655302741918\): .*\(item 2\)$/);
		expect(sim.requests({ pathIncludes: '/messages' })).toHaveLength(1);
	});

	it('On Error: Continue (using error output) puts the failed item on the error output, Meta details under details', async () => {
		sim.addFault({ pathIncludes: '/messages', times: 1, status: 400, error: { message: '(#131047) Re-engagement message', type: 'OAuthException', code: 131047 } });
		const result = await runNode({
			nodeType: new WhatsAppCloud(),
			credentialTypes: [new WhatsAppCloudApi()],
			credentials: credentials(),
			parameters: { resource: 'message', operation: 'sendText', phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID }, to: '={{ $json.phone }}', body: 'Hi' },
			input: [{ json: { phone: '15550000001' } }, { json: { phone: '15550000002' } }],
			onError: 'continueErrorOutput',
		});
		expect(result.error).toBeUndefined();
		const [success, failed] = result.items;
		expect(success).toHaveLength(1);
		expect(success[0].json.messageId).toMatch(/^wamid\./);
		expect(success[0].pairedItem).toEqual({ item: 1 });
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({ phone: '15550000001', error: expect.stringContaining('131047'), details: { code: 131047, httpStatus: 400, hint: expect.stringMatching(/template/) } });
	});

	it('with Continue On Fail returns a Meta error item with code, fbtrace_id and hint, and goes on', async () => {
		sim.addFault({
			pathIncludes: '/messages',
			times: 1,
			status: 400,
			error: {
				message: '(#131047) Re-engagement message',
				type: 'OAuthException',
				code: 131047,
				error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
			},
		});
		const result = await sendText({ to: '={{ $json.phone }}', body: 'Hi' }, [{ json: { phone: '15550000001' } }, { json: { phone: '15550000002' } }], true);
		expect(result.error).toBeUndefined();
		const [failed, sent] = result.items[0];
		expect(failed.json).toMatchObject({ code: 131047, httpStatus: 400, hint: expect.stringMatching(/template/) });
		expect(failed.json.fbtraceId).toEqual(expect.any(String));
		expect(failed.json.details).toMatch(/24 hours/);
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(sent.json.messageId).toMatch(/^wamid\./);
		expect(sent.pairedItem).toEqual({ item: 1 });
	});

	it('turns an expired token into a NodeApiError with the hint, without the token in it', async () => {
		const result = await sendText({ to: '15550000001', body: 'Hi' }, undefined, false, credentials({ accessToken: TOKENS.expired }));
		expect(result.error?.message).toMatch(/code 190, subcode 463/);
		const json = errorItemJson(result.error as Error);
		expect(json.hint).toMatch(/expired/);
		expect(JSON.stringify(json)).not.toContain(TOKENS.expired);
	});

	it('reports an unreachable Graph API clearly', async () => {
		// Connection refused means nothing was sent, so bulk sending would retry it: not here.
		const result = await sendText(
			{ to: '15550000001', body: 'Hi', sending: { maxRetries: 0 } },
			undefined,
			false,
			credentials({ graphBaseUrl: 'http://127.0.0.1:1' }),
		);
		expect(result.error?.message).toMatch(/^Could not reach the WhatsApp Cloud API \(ECONNREFUSED\)/);
	});
});

describe('Sender Phone Number picker', () => {
	it('lists the WABA numbers with name and quality', async () => {
		const result = await runListSearch({
			nodeType: new WhatsAppCloud(),
			method: 'searchPhoneNumbers',
			credentials: credentials(),
			credentialTypes: [new WhatsAppCloudApi()],
		});
		expect(result.results.map((r) => r.value)).toEqual(PHONE_NUMBERS.map((p) => p.id));
		expect(String(result.results[0].name)).toContain(PHONE_NUMBERS[0].displayPhoneNumber);
		expect(String(result.results[0].name)).toMatch(/quality/);
	});
});
