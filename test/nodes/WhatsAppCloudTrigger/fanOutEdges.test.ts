/**
 * fanOut at its edges: what makes a `messages` change messages (and what leaves it one "other"
 * item), the fields only some messages get, who a group status is about, the parent BSUID's
 * three spellings, and what the key of an "other" item is made of (seen through a readable hashOf).
 */
import { describe, expect, it } from '@jest/globals';

import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { HISTORY, METADATA, USER_PHONE, WABA } from '../../fixtures/userFieldPayloads';

const change = (field: string | undefined, value: unknown, time?: unknown) => ({
	object: 'whatsapp_business_account',
	entry: [{ id: WABA, ...(time === undefined ? {} : { time }), changes: [{ ...(field === undefined ? {} : { field }), value }] }],
});
const text = (id: string) => ({ from: USER_PHONE, id, timestamp: '1750000000', type: 'text', text: { body: 'hi' } });
const readable = (value: unknown) => JSON.stringify(value);

describe('a messages change', () => {
	it('without messages or statuses (Meta reports webhook errors so) is one "other" item with the untouched value', () => {
		const value = { messaging_product: 'whatsapp', metadata: METADATA, errors: [{ code: 131000, title: 'Something went wrong' }] };
		const events = fanOut(change('messages', value));
		expect(events.map((e) => [e.kind, e.json.event, e.json.value])).toEqual([['other', 'messages', value]]);
		expect(fanOut(change('messages', { ...value, messages: [], statuses: [] })).map((e) => e.kind)).toEqual(['other']);
	});

	it('entries that are not objects are skipped; one real message or status is enough', () => {
		const events = fanOut(change('messages', { metadata: METADATA, messages: [null, 5, 'x', text('wamid.1')], statuses: [null] }));
		expect(events.map((e) => [e.kind, e.json.messageId])).toEqual([['message', 'wamid.1']]);
		const statusOnly = fanOut(change('messages', { metadata: METADATA, messages: [7], statuses: [{ id: 'wamid.S', status: 'sent', timestamp: '1750000000', recipient_id: USER_PHONE }] }));
		expect(statusOnly.map((e) => e.kind)).toEqual(['status']);
	});

	it('a plain text message gets none of the fields only some messages have', () => {
		const [event] = fanOut(change('messages', { metadata: METADATA, messages: [text('wamid.2')] }));
		for (const key of ['errors', 'order', 'sharedPhoneNumber', 'previousWaId', 'newWaId']) expect(event.json).not.toHaveProperty(key);
	});

	it('a message Meta could not read keeps its errors, each with our hint', () => {
		const unsupported = { ...text('wamid.3'), type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] };
		const [event] = fanOut(change('messages', { metadata: METADATA, messages: [unsupported] }));
		expect(event.json.errors).toEqual([expect.objectContaining({ code: 131051, hint: expect.stringMatching(/\S/) })]);
	});

	it('a phone number shared on request becomes sharedPhoneNumber; a card shared by hand does not', () => {
		const card = (origin: string) => ({
			...text('wamid.4'),
			type: 'contacts',
			contacts: [{ origin, name: { formatted_name: 'Ann' }, phones: [{ phone: '+1 555 000 0001', wa_id: '15550000001' }] }],
		});
		const [asked] = fanOut(change('messages', { metadata: METADATA, messages: [card('contact_request')] }));
		expect(asked.json.sharedPhoneNumber).toBe('15550000001');
		const [byHand] = fanOut(change('messages', { metadata: METADATA, messages: [card('other')] }));
		expect(byHand.json).not.toHaveProperty('sharedPhoneNumber');
	});

	it('an identity system message names the old and the new identifiers', () => {
		const changed = { from: USER_PHONE, id: 'wamid.5', timestamp: '1750000000', type: 'system', system: { body: 'changed', type: 'user_changed_number', wa_id: '15550000099' } };
		const [event] = fanOut(change('messages', { metadata: METADATA, messages: [changed] }));
		expect(event.json).toMatchObject({ previousWaId: USER_PHONE, newWaId: '15550000099' });
	});
});

describe('who a status is about', () => {
	const status = (fields: Record<string, unknown>) => fanOut(change('messages', { metadata: METADATA, statuses: [{ id: 'wamid.S', status: 'delivered', timestamp: '1750000000', ...fields }] }))[0].json;

	it('a group status: the member in recipient_participant_*, the group in recipient_id', () => {
		const json = status({
			recipient_type: 'group',
			recipient_id: 'Y2FwaV9ncm91cDox',
			recipient_participant_id: '15550000001',
			recipient_participant_user_id: 'US.1',
			recipient_participant_parent_user_id: 'US.ENT.1',
		});
		expect(json).toMatchObject({ groupId: 'Y2FwaV9ncm91cDox', waId: '15550000001', userId: 'US.1', parentUserId: 'US.ENT.1', recipient: '15550000001' });
	});

	it('the parent BSUID under each of the three names Meta has used, the first one winning', () => {
		expect(status({ recipient_user_id: 'US.1', parent_recipient_user_id: 'US.ENT.2' }).parentUserId).toBe('US.ENT.2');
		expect(status({ recipient_user_id: 'US.1', parent_user_id: 'US.ENT.3' }).parentUserId).toBe('US.ENT.3');
		expect(status({ recipient_parent_user_id: 'US.ENT.1', parent_recipient_user_id: 'US.ENT.2', parent_user_id: 'US.ENT.3' }).parentUserId).toBe('US.ENT.1');
	});
});

describe('"other" items', () => {
	it('a change without a field name is the field "unknown"', () => {
		expect(fanOut(change(undefined, { a: 1 }))[0].json.event).toBe('unknown');
	});

	it("the change's own timestamp comes before the entry's time", () => {
		const [event] = fanOut(change('some_new_field', { timestamp: 1750000000 }, 1760000000));
		expect(event.json.timestamp).toBe('2025-06-15T15:06:40.000Z');
	});

	it('one item per change keys on the entry time and the whole value', () => {
		const value = { a: 1 };
		const [event] = fanOut(change('some_new_field', value, 1760000000), readable);
		expect(event.dedupeKey).toBe(`other|${JSON.stringify([WABA, 'some_new_field', readable({ time: 1760000000, value })])}`);
		const [untimed] = fanOut(change('some_new_field', value), readable);
		expect(untimed.dedupeKey).toBe(`other|${JSON.stringify([WABA, 'some_new_field', readable({ time: null, value })])}`);
	});

	it('items split from one change key on the entry time and their own part', () => {
		const history = HISTORY.entry[0].changes[0].value;
		const events = fanOut(change('history', history, 1760000000), readable);
		expect(events).toHaveLength(2);
		for (const event of events) {
			expect(event.dedupeKey).toBe(`other|${JSON.stringify([WABA, 'history', readable({ time: 1760000000, part: event.json.value })])}`);
		}
	});

	it('a lone item that stands for a part of its change (an automatic event) keys on that part', () => {
		const purchase = { id: 'wamid.P1', event_name: 'Purchase', timestamp: 1750000000, custom_data: { currency: 'EUR', value: 42000 } };
		const value = { metadata: METADATA, automatic_events: [purchase] };
		const [event] = fanOut(change('automatic_events', value, 1760000000), readable);
		expect(event.dedupeKey).toBe(`other|${JSON.stringify([WABA, 'automatic_events', readable({ time: 1760000000, part: purchase })])}`);
		expect(event.json.value).toEqual(purchase);
	});
});
