/**
 * Every item the trigger emits carries `dedupeKey`: the one key its in-memory redelivery dedupe
 * remembers (dedupe.ts), so a Remove Duplicates node on `{{ $json.dedupeKey }}` drops exactly what
 * the trigger would drop, across restarts and n8n processes. The keys are literal here: a key that
 * changed between versions would let every redelivery after an upgrade through a check users keep
 * in n8n's database.
 */
import { dedupeWindowFor, messageKey, otherKey, statusKey } from '../../../nodes/WhatsAppCloudTrigger/dedupe';
import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { fingerprint } from '../../../nodes/WhatsAppCloudTrigger/fingerprint';
import {
	batchedPayloadWithOther,
	GROUP_ID,
	GROUP_PARTICIPANTS,
	groupStatus,
	groupStatusesPayload,
	messagesChange,
	payload,
	PHONE_A,
	PHONE_B,
	status,
	statusesChange,
	textMessage,
	WEBHOOK_EXAMPLES,
} from '../../fixtures/webhookPayloads';
import { emitted, HarnessTrigger, signedJson } from '../../harness/triggerWebhook';

const keys = (p: unknown) => fanOut(p).map((e) => e.json.dedupeKey);

/** A message and a status without an ID (Meta always sends one; the key falls back to a hash). */
const withoutIds = payload([
	{
		id: '419561257915477',
		changes: [
			{
				field: 'messages',
				value: {
					metadata: { phone_number_id: 'p' },
					messages: [{ type: 'text', from: '1', text: { body: 'hi' } }],
					statuses: [{ status: 'sent', recipient_id: '1' }],
				},
			},
		],
	},
]);

describe('dedupeKey on every item', () => {
	it('messages: phone number ID, message ID and type', () => {
		expect(keys(batchedPayloadWithOther('k')).slice(0, 2)).toEqual([
			'message|["106540352242922","wamid.k.m1","text"]',
			'message|["106540352242922","wamid.k.m2","text"]',
		]);
		expect(keys(WEBHOOK_EXAMPLES['Text Message'])).toEqual([
			'message|["106540352242922","wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","text"]',
		]);
		expect(keys(WEBHOOK_EXAMPLES['Unsupported Message'])).toEqual([
			'message|["106540352242922","wamid.HBgLMTQyMDU1NTA3NDkVAgASGBI5N0MwRjg0RTVBNUI1RDA2OTkA","unsupported"]',
		]);
	});

	it('statuses: phone number ID, message ID, status, recipient and group', () => {
		expect(keys(batchedPayloadWithOther('k')).slice(2, 6)).toEqual([
			'status|["106540352242922","wamid.k.out1","sent","16505551234",null]',
			'status|["106540352242922","wamid.k.out1","delivered","16505551234",null]',
			'status|["106540352242923","wamid.k.out1","read","16505551234",null]',
			'status|["106540352242923","wamid.k.out2","failed","16505551234",null]',
		]);
		expect(keys(groupStatusesPayload('wamid.g', 'read', GROUP_PARTICIPANTS))).toEqual(
			GROUP_PARTICIPANTS.map((p) => `status|["106540352242922","wamid.g","read","${p}","${GROUP_ID}"]`),
		);
	});

	it('other events: WABA, field and the fingerprint of the change', () => {
		expect(keys(batchedPayloadWithOther('k'))[8]).toBe(
			'other|["419561257915478","group_lifecycle_update","Yh7ZNYJ2IugJYs9GKUM4o1e+PFm7WvdfNoBsmE37B90="]',
		);
		expect(keys(WEBHOOK_EXAMPLES['Group Settings Update'])).toEqual([
			'other|["102290129340398","group_settings_update","wqsmTs+krGWz3Sem0qVZ9KE41pnjHRFLFd3P1TQ+Ank="]',
		]);
	});

	it('a message or status without an ID: keyed by the fingerprint of its content', () => {
		expect(keys(withoutIds)).toEqual([
			'message|["p",null,"text","gQ2h4QIoyIKd+BjnfrUgOVK54gYgwEbFM1PzGRr/OtY="]',
			'status|["p",null,"sent","1",null,"ayk2+qHwP3fnpWMK0Al1LsHFESN7lG7xdKEHKwPGLGI="]',
		]);
	});

	it('is present on every item of the 16 contract examples, and is the key the trigger dedupes on', () => {
		const all = [
			...Object.values(WEBHOOK_EXAMPLES),
			batchedPayloadWithOther('all'),
			groupStatusesPayload('wamid.all', 'delivered', GROUP_PARTICIPANTS),
			withoutIds,
		].flatMap((p) => fanOut(p));
		expect(all).toHaveLength(16 + 9 + 3 + 2);
		for (const event of all) {
			expect(typeof event.json.dedupeKey).toBe('string');
			expect(event.json.dedupeKey).toBe(event.dedupeKey);
			expect(event.json.dedupeKey).toMatch(new RegExp(`^${event.kind}\\|\\[`));
		}
	});

	it('is computed by one function per kind (the one dedupe.ts exports)', () => {
		const message = textMessage('wamid.f', 'hi');
		const st = groupStatus('wamid.f', 'read', GROUP_PARTICIPANTS[0]);
		const value = {
			messaging_product: 'whatsapp',
			metadata: PHONE_A,
			groups: [{ timestamp: 1750000200, group_id: 'g', type: 'group_create' }],
		};
		const p = payload([
			{
				id: '419561257915477',
				changes: [
					messagesChange(PHONE_A, [message]),
					statusesChange(PHONE_A, [st]),
					{ field: 'group_lifecycle_update', value },
				],
			},
		]);
		expect(keys(p)).toEqual([
			messageKey(PHONE_A.phone_number_id, message, fingerprint),
			statusKey(PHONE_A.phone_number_id, st, fingerprint),
			otherKey('419561257915477', 'group_lifecycle_update', fingerprint({ time: null, value })),
		]);
	});
});

describe('dedupeKey is stable across redeliveries and apart for different events', () => {
	it('the same event redelivered — re-serialised, batched differently, with other contacts — has the same key', () => {
		const alone = payload([
			{ id: '419561257915477', changes: [messagesChange(PHONE_A, [textMessage('wamid.k.m1', 'first')])] },
		]);
		const [aloneKey] = keys(alone);
		expect(keys(JSON.parse(JSON.stringify(alone)))).toEqual([aloneKey]);
		expect(keys(batchedPayloadWithOther('k'))[0]).toBe(aloneKey);
		const otherContacts = payload([
			{ id: '419561257915477', changes: [messagesChange(PHONE_A, [textMessage('wamid.k.m1', 'first')], [])] },
		]);
		expect(keys(otherContacts)).toEqual([aloneKey]);
		const statusAlone = payload([
			{
				id: '419561257915477',
				changes: [statusesChange(PHONE_A, [status('wamid.k.out1', 'sent', '16505551234', '1750009999')])],
			},
		]);
		expect(keys(statusAlone)).toEqual([keys(batchedPayloadWithOther('k'))[2]]);
		expect(keys(batchedPayloadWithOther('k'))).toEqual(keys(JSON.parse(JSON.stringify(batchedPayloadWithOther('k')))));
		expect(keys(withoutIds)).toEqual(keys(JSON.parse(JSON.stringify(withoutIds))));
	});

	it('sent / delivered / read, participants, numbers and message types all get keys of their own', () => {
		const batch = keys(batchedPayloadWithOther('k'));
		expect(new Set(batch).size).toBe(9);
		const sameIdTwoNumbers = [
			...keys(payload([{ id: '1', changes: [messagesChange(PHONE_A, [textMessage('wamid.same', 'x')])] }])),
			...keys(payload([{ id: '1', changes: [messagesChange(PHONE_B, [textMessage('wamid.same', 'x')])] }])),
		];
		expect(new Set(sameIdTwoNumbers).size).toBe(2);
		expect(new Set(keys(groupStatusesPayload('wamid.g', 'read', GROUP_PARTICIPANTS))).size).toBe(3);
		// The contract's examples reuse one message ID for a text, a reaction, an image and a contact card.
		const reused = ['Text Message', 'Reaction Message', 'Image Message', 'Contact Sharing Message'].flatMap((n) =>
			keys(WEBHOOK_EXAMPLES[n]),
		);
		expect(new Set(reused).size).toBe(4);
	});
});

describe('the items a delivery emits carry exactly the keys the trigger remembered', () => {
	it("each emitted dedupeKey is in the trigger's window; the redelivery is dropped", async () => {
		const trigger = new HarnessTrigger();
		const first = await trigger.deliver(signedJson(batchedPayloadWithOther('win')));
		const items = emitted(first);
		expect(items).toHaveLength(9);
		const window = dedupeWindowFor(`${trigger.workflow.id}:${trigger.node.id}`, 24 * 60 * 60_000);
		expect(window.size).toBe(9);
		// Already claimed: every item's own key is a repeat for the trigger's memory …
		expect(window.claim(items.map((i) => i.dedupeKey as string))).toEqual(Array(9).fill(false));
		expect(window.size).toBe(9);
		// … and the redelivery emits nothing.
		expect((await trigger.deliver(signedJson(batchedPayloadWithOther('win')))).executionStarted).toBe(false);
	});

	it('with Drop Redeliveries off the items still carry the key (for Remove Duplicates alone)', async () => {
		const trigger = new HarnessTrigger({ parameters: { options: { dedupe: false } } });
		const runs = [
			await trigger.deliver(signedJson(batchedPayloadWithOther('off'))),
			await trigger.deliver(signedJson(batchedPayloadWithOther('off'))),
		];
		expect(runs.map((r) => emitted(r).map((i) => i.dedupeKey))).toEqual([
			keys(batchedPayloadWithOther('off')),
			keys(batchedPayloadWithOther('off')),
		]);
	});

	it("separate outputs: every output's items carry it", async () => {
		const trigger = new HarnessTrigger({ parameters: { outputMode: 'separate' } });
		const outcome = await trigger.deliver(signedJson(batchedPayloadWithOther('sep')));
		const perOutput = (outcome.items ?? []).map((output) => output.map((i) => String(i.json.dedupeKey).split('|')[0]));
		expect(perOutput).toEqual([
			['message', 'message', 'message', 'message'],
			['status', 'status', 'status', 'status'],
			['other'],
		]);
	});
});
