/**
 * The trigger's side of Send and Wait: which deliveries register an open Free Text question (in
 * the trigger's workflow static data, through a real n8n-core WebhookContext), which question a
 * text answers, and that answers are not emitted as items by default.
 */
import { buildReference } from '../../../../../nodes/shared/sendAndWait/reference';
import {
	candidatesFor,
	MAX_PENDING_CONTACTS,
	PENDING_KEY,
	PENDING_TTL_MS,
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
			phoneNumberId: PHONE,
			wait: `wait-000${executionId}`,
			option: null,
		},
		APP_SECRET,
	);

function statusDelivery(
	messageId: string,
	callback: string | undefined,
	status = 'sent',
	phone = PHONE,
	user: Record<string, string> = { recipient_id: CUSTOMER },
) {
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
									...user,
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
		expect(candidatesFor(data, PHONE, text, 3000).map((q) => q.messageId)).toEqual(['wamid.Q1', 'wamid.Q2']);
		expect(candidatesFor(data, PHONE, { ...text, context: { id: 'wamid.Q2' } }, 3000).map((q) => q.messageId)).toEqual([
			'wamid.Q2',
			'wamid.Q1',
		]);
		expect(candidatesFor(data, PHONE, { ...text, from: '15550001111' }, 3000)).toEqual([]);
		expect(candidatesFor(data, PHONE, { ...text, type: 'image' }, 3000)).toEqual([]);
	});

	it('a username customer: a question to a BSUID is found by the text’s from_user_id', () => {
		const data: Record<string, unknown> = {};
		const bsuid = 'US.13491208655302741918';
		registerFreeTextQuestions(
			data,
			statusDelivery('wamid.Q1', freeTextReference('5'), 'sent', PHONE, { recipient_user_id: bsuid }),
			APP_SECRET,
			1000,
		);
		const text = { from_user_id: bsuid, id: 'wamid.IN', type: 'text', text: { body: 'x' } };
		expect(candidatesFor(data, PHONE, text, 2000).map((q) => q.messageId)).toEqual(['wamid.Q1']);
		// A phone customer's status names both: one question, found by either identifier.
		registerFreeTextQuestions(
			data,
			statusDelivery('wamid.Q2', freeTextReference('6'), 'sent', PHONE, { recipient_id: CUSTOMER, recipient_user_id: 'US.2' }),
			APP_SECRET,
			1500,
		);
		expect(candidatesFor(data, PHONE, { ...text, from_user_id: 'US.2' }, 2000).map((q) => q.messageId)).toEqual(['wamid.Q2']);
		expect(candidatesFor(data, PHONE, { ...text, from: CUSTOMER, from_user_id: 'US.2' }, 2000).map((q) => q.messageId)).toEqual([
			'wamid.Q2',
		]);
	});

	it('forgets questions to contacts who never answer: after 7 days, and beyond the contact cap', () => {
		const data: Record<string, unknown> = {};
		registerFreeTextQuestions(data, statusDelivery('wamid.OLD', freeTextReference('5')), APP_SECRET, 0);
		const text = { from: CUSTOMER, id: 'wamid.IN', type: 'text', text: { body: 'x' } };
		expect(candidatesFor(data, PHONE, text, PENDING_TTL_MS - 1)).toHaveLength(1);
		expect(candidatesFor(data, PHONE, text, PENDING_TTL_MS)).toEqual([]);
		for (let i = 0; i <= MAX_PENDING_CONTACTS; i++) {
			registerFreeTextQuestions(
				data,
				statusDelivery(`wamid.N${i}`, freeTextReference('6'), 'sent', PHONE, { recipient_id: String(15550100000 + i) }),
				APP_SECRET,
				PENDING_TTL_MS + i,
			);
		}
		const pending = data[PENDING_KEY] as Record<string, unknown>;
		expect(Object.keys(pending)).toHaveLength(MAX_PENDING_CONTACTS);
		expect(pending[`${PHONE}:${CUSTOMER}`]).toBeUndefined();
		expect(pending[`${PHONE}:15550100000`]).toBeUndefined();
		expect(pending[`${PHONE}:${15550100000 + MAX_PENDING_CONTACTS}`]).toBeDefined();
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
