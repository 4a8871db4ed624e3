/**
 * The trigger's side of Send and Wait: which deliveries register an open Free Text question (in
 * the trigger's workflow static data, through a real n8n-core WebhookContext), which question a
 * text answers, and that answers are not emitted as items by default.
 */
import { buildReference } from '../../../../../nodes/shared/sendAndWait/reference';
import {
	candidatesFor,
	PENDING_KEY,
	registerFreeTextQuestions,
} from '../../../../../nodes/WhatsAppCloudTrigger/sendAndWaitRelay';
import { APP_SECRET, HarnessTrigger, signedJson } from '../../../../harness/triggerWebhook';

const PHONE = '100000000000001';
const CUSTOMER = '15550009999';

const freeTextReference = (executionId: string) =>
	buildReference(
		{
			executionId,
			nodeId: '6b0f3c1e-2a4d-4e8b-9c7f-0d1e2f3a4b5c',
			signature: 'ef'.repeat(32),
			waitingPath: '/webhook-waiting',
			recipient: CUSTOMER,
			phoneNumberId: PHONE,
			option: null,
		},
		APP_SECRET,
	);

function statusDelivery(messageId: string, callback: string | undefined, status = 'sent', phone = PHONE) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '1',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: '15550100001', phone_number_id: phone },
							statuses: [
								{
									id: messageId,
									status,
									timestamp: '1750000100',
									recipient_id: CUSTOMER,
									...(callback ? { biz_opaque_callback_data: callback } : {}),
								},
							],
						},
					},
				],
			},
		],
	};
}

describe('Free Text questions in the trigger', () => {
	it('registers a question once per message, from any of its statuses, only with a valid reference', () => {
		const data: Record<string, unknown> = {};
		expect(registerFreeTextQuestions(data, statusDelivery('wamid.Q1', freeTextReference('5')), APP_SECRET, 1000)).toBe(
			1,
		);
		expect(
			registerFreeTextQuestions(data, statusDelivery('wamid.Q1', freeTextReference('5'), 'read'), APP_SECRET, 2000),
		).toBe(1);
		expect(registerFreeTextQuestions(data, statusDelivery('wamid.Q2', 'some-other-callback'), APP_SECRET, 3000)).toBe(
			0,
		);
		expect(
			registerFreeTextQuestions(data, statusDelivery('wamid.Q3', freeTextReference('6'), 'failed'), APP_SECRET, 3000),
		).toBe(0);
		expect(
			registerFreeTextQuestions(
				data,
				statusDelivery('wamid.Q4', freeTextReference('7'), 'sent', '100000000000002'),
				APP_SECRET,
				3000,
			),
		).toBe(0);
		expect(data[PENDING_KEY]).toEqual({
			[`${PHONE}:${CUSTOMER}`]: [{ messageId: 'wamid.Q1', reference: freeTextReference('5'), at: 1000 }],
		});
	});

	it('offers the question a text swipe-replies to first, then the oldest', () => {
		const data: Record<string, unknown> = {};
		registerFreeTextQuestions(data, statusDelivery('wamid.Q1', freeTextReference('5')), APP_SECRET, 1000);
		registerFreeTextQuestions(data, statusDelivery('wamid.Q2', freeTextReference('6')), APP_SECRET, 2000);
		const text = { from: CUSTOMER, id: 'wamid.IN', type: 'text', text: { body: 'x' } };
		expect(candidatesFor(data, PHONE, text).map((q) => q.messageId)).toEqual(['wamid.Q1', 'wamid.Q2']);
		expect(candidatesFor(data, PHONE, { ...text, context: { id: 'wamid.Q2' } }).map((q) => q.messageId)).toEqual([
			'wamid.Q2',
			'wamid.Q1',
		]);
		expect(candidatesFor(data, PHONE, { ...text, from: '15550001111' })).toEqual([]);
		expect(candidatesFor(data, PHONE, { ...text, type: 'image' })).toEqual([]);
	});

	it('keeps the registration in the workflow static data n8n saves after the request', async () => {
		const trigger = new HarnessTrigger();
		const outcome = await trigger.deliver(signedJson(statusDelivery('wamid.Q1', freeTextReference('5'))));
		expect(outcome.status).toBe(200);
		const staticData = trigger.workflow.staticData as Record<string, unknown> & { __dataChanged?: boolean };
		expect(staticData.__dataChanged).toBe(true);
		expect(JSON.parse(JSON.stringify(staticData))).toEqual({
			'node:WhatsApp Cloud Trigger': {
				[PENDING_KEY]: {
					[`${PHONE}:${CUSTOMER}`]: [
						{ messageId: 'wamid.Q1', reference: freeTextReference('5'), at: expect.any(Number) },
					],
				},
			},
		});
	});
});
