import { fanOut, isoTime, messageText } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { batchedPayload, EXPECTED, PHONE_A, payload, WEBHOOK_EXAMPLES } from '../../fixtures/webhookPayloads';

const fp = (value: unknown) => JSON.stringify(value);

describe('fan-out of webhook payloads into items', () => {
	it('covers exactly the contract\'s 16 webhook examples', () => {
		expect(Object.keys(WEBHOOK_EXAMPLES).sort()).toEqual(Object.keys(EXPECTED).sort());
		expect(Object.keys(WEBHOOK_EXAMPLES)).toHaveLength(16);
	});

	for (const [name, expected] of Object.entries(EXPECTED)) {
		it(`turns "${name}" into one ${expected.event} item`, () => {
			const example = WEBHOOK_EXAMPLES[name] as { entry: Array<{ id: string; changes: Array<{ field: string; value: { messages: Array<{ id: string }>; statuses: Array<{ id: string }> } & Record<string, unknown> }> }> };
			const before = JSON.stringify(example);
			const events = fanOut(example, fp);
			expect(events).toHaveLength(1);
			const [{ json, kind }] = events;
			const change = example.entry[0].changes[0];
			expect(json.event).toBe(expected.event);
			expect(kind).toBe(expected.event === 'message' ? 'message' : 'other');
			expect(json.type).toBe(expected.type);
			expect(json.text).toBe(expected.text);
			expect(json.wabaId).toBe(example.entry[0].id);
			expect(json.phoneNumberId).toBe('106540352242922');
			expect(json.displayPhoneNumber).toBe('15550783881');
			if (kind === 'message') {
				const message = change.value.messages[0];
				expect(json.message).toEqual(message);
				expect(json.messageId).toBe(message.id);
				if (change.value.contacts) {
					expect(json.contactName).toBe('Sheena Nelson');
					expect(json.waId).toBe('16505551234');
				}
			} else {
				expect(json.value).toEqual(change.value);
				expect(json.field).toBe(change.field);
			}
			expect(json.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
			for (const [key, value] of Object.entries(expected.extra ?? {})) expect(json[key]).toEqual(value);
			// The original is never modified.
			expect(JSON.stringify(example)).toBe(before);
		});
	}

	it('adds the transport\'s hint to the errors of an unsupported message', () => {
		const [event] = fanOut(WEBHOOK_EXAMPLES['Unsupported Message'], fp);
		expect(event.json.errors).toEqual([
			expect.objectContaining({ code: 131051, title: 'Message type unknown', hint: 'This message type is not supported.' }),
		]);
	});

	it('emits every message and status of a batched payload (2 entries × 2 changes) once, in order', () => {
		const events = fanOut(batchedPayload('t1'), fp);
		expect(events.map((e) => `${e.kind}:${e.json.messageId ?? e.json.statusId}:${e.json.status ?? e.json.text}`)).toEqual([
			'message:wamid.t1.m1:first',
			'message:wamid.t1.m2:second',
			'status:wamid.t1.out1:sent',
			'status:wamid.t1.out1:delivered',
			'status:wamid.t1.out1:read',
			'status:wamid.t1.out2:failed',
			'message:wamid.t1.m3:third',
			'message:wamid.t1.m4:fourth \u{1F44D}',
		]);
		// Sender names come from the matching contacts[] entry.
		expect(events[1].json).toMatchObject({ contactName: 'Lucía Gómez', waId: '16505559999', phoneNumberId: PHONE_A.phone_number_id });
		expect(events[6].json).toMatchObject({ phoneNumberId: '106540352242923', wabaId: '419561257915478' });
		// Dedupe keys: distinct for sent/delivered/read of one message.
		expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(8);
	});

	it('gives statuses their status, recipient, conversation, pricing and hinted errors', () => {
		const events = fanOut(batchedPayload('t2'), fp);
		const failed = events.find((e) => e.json.status === 'failed')!;
		expect(failed.kind).toBe('status');
		expect(failed.json).toMatchObject({
			event: 'status',
			statusId: 'wamid.t2.out2',
			type: 'failed',
			recipientId: '16505551234',
			waId: '16505551234',
			timestamp: '2025-06-15T15:08:20.000Z',
			pricing: { billable: true, pricing_model: 'PMP', category: 'service' },
			conversation: { id: 'c0a7b1d2e3f4', origin: { type: 'service' } },
		});
		const errors = failed.json.errors as Array<Record<string, unknown>>;
		expect(errors[0].code).toBe(131047);
		expect(errors[0].hint).toMatch(/24 hours/);
		expect((failed.json.statusObject as Record<string, unknown>).id).toBe('wamid.t2.out2');
		const sent = events.find((e) => e.json.status === 'sent')!;
		expect(sent.json.errors).toEqual([]);
	});

	it('passes unknown message types and unknown fields through untouched', () => {
		const strange = { from: '1', id: 'wamid.x', timestamp: '1750000000', type: 'hologram', hologram: { depth: 3 } };
		const events = fanOut(
			payload([
				{
					id: '1',
					changes: [
						{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: PHONE_A, messages: [strange] } },
						{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 9, message_template_name: 'hello' } },
					],
				},
			]),
			fp,
		);
		expect(events).toHaveLength(2);
		expect(events[0].json).toMatchObject({ event: 'message', type: 'hologram', text: null, message: strange });
		expect(events[1].json).toMatchObject({
			event: 'message_template_status_update',
			type: 'APPROVED',
			phoneNumberId: null,
			value: { event: 'APPROVED', message_template_id: 9, message_template_name: 'hello' },
		});
	});

	it('ignores what is not a payload', () => {
		expect(fanOut(null, fp)).toEqual([]);
		expect(fanOut('x', fp)).toEqual([]);
		expect(fanOut({ entry: [null, { id: '1', changes: [null] }] }, fp)).toEqual([]);
	});

	it('converts Unix seconds to ISO and rejects what is not a time', () => {
		expect(isoTime('1749416383')).toBe('2025-06-08T20:59:43.000Z');
		expect(isoTime(1750269342)).toBe('2025-06-18T17:55:42.000Z');
		expect(isoTime('yesterday')).toBeNull();
		expect(isoTime(undefined)).toBeNull();
	});

	it('reads the text of media captions, documents and Flow replies', () => {
		expect(messageText({ type: 'document', document: { filename: 'invoice.pdf' } }).text).toBe('invoice.pdf');
		expect(messageText({ type: 'video', video: { caption: 'clip' } }).text).toBe('clip');
		expect(messageText({ type: 'sticker', sticker: { id: '1' } }).text).toBeNull();
		expect(messageText({ type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent' } } })).toEqual({
			text: 'Sent',
			replyId: 'flow',
		});
	});
});
