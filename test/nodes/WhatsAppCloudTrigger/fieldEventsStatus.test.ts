import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { delivery } from '../../fixtures/userFieldPayloads';
import { PHONE_A, payload, status, statusesChange } from '../../fixtures/webhookPayloads';

const statusItem = (s: Record<string, unknown>) => fanOut(payload([{ id: 'waba', changes: [statusesChange(PHONE_A, [s])] }]))[0].json;

describe('status items: what users filter on, flat', () => {
	it('a delivered status: pricing category, type, model and billable; no error', () => {
		const s = { ...status('wamid.d', 'delivered'), pricing: { billable: false, pricing_model: 'PMP', category: 'utility', type: 'free_customer_service' } };
		const item = statusItem(s);
		expect(item).toMatchObject({ pricingCategory: 'utility', pricingType: 'free_customer_service', pricingModel: 'PMP', billable: false, errorCode: null, errorTitle: null, errorHint: null });
		// the nested objects stay as they were
		expect(item.pricing).toEqual(s.pricing);
		expect(item.errors).toEqual([]);
	});

	it('a failed status: code, title and a hint saying what to do', () => {
		const item = statusItem(status('wamid.f', 'failed'));
		expect(item).toMatchObject({ errorCode: 131047, errorTitle: 'Re-engagement message', pricingCategory: 'service', billable: true, pricingType: null });
		expect(item.errorHint).toMatch(/24 hours.*template/);
		expect((item.errors as Array<{ hint: string }>)[0].hint).toBe(item.errorHint);
	});

	it.each([
		[131026, /undeliverable/],
		[131049, /healthy/],
		[131050, /stopped marketing.*resume/],
		[131051, /not supported/],
		[131056, /pair rate limit/],
		[130472, /experiment.*do not retry/],
	])('failure %p gets its hint', (code, hint) => {
		const item = statusItem({ ...status('wamid.x', 'failed'), errors: [{ code: String(code), title: 't' }] });
		expect(item.errorCode).toBe(code);
		expect(item.errorHint).toMatch(hint);
	});

	it('an unknown code: the code and title, no hint; a message instead of a title', () => {
		expect(statusItem({ ...status('wamid.u', 'failed'), errors: [{ code: 999999, message: 'Something new' }] })).toMatchObject({ errorCode: 999999, errorTitle: 'Something new', errorHint: null });
	});

	it('hostile pricing and errors never throw and read as absent', () => {
		const toxic = { toString: 'x', valueOf: 'y' };
		for (const pricing of [null, 'PMP', 7, [], toxic, { category: toxic, type: [], billable: 'yes', pricing_model: {} }]) {
			for (const errors of [null, 'boom', [null, 1, 'x'], [{ code: toxic, title: toxic }], [{ code: 1.5 }], [{ code: '12abc' }], toxic]) {
				const item = statusItem({ ...status('wamid.h', 'failed'), pricing, errors });
				expect(item).toMatchObject({ pricingCategory: null, pricingType: null, pricingModel: null, billable: null, errorCode: null, errorTitle: null, errorHint: null });
			}
		}
	});
});

describe('customer fields with hostile values never throw', () => {
	const toxic = { toString: 'x', valueOf: 'y', length: 'z' };
	const junk: unknown[] = [null, 0, 'text', true, [], [null, 3, 'x', []], toxic, [toxic], [{ contact: toxic, metadata: toxic, threads: toxic, messages: toxic }]];
	const arrays: Record<string, string[]> = {
		user_preferences: ['user_preferences', 'contacts'],
		smb_message_echoes: ['message_echoes', 'contacts'],
		message_echoes: ['message_echoes'],
		history: ['history'],
		smb_app_state_sync: ['state_sync'],
		calls: ['calls', 'statuses', 'metadata'],
		group_lifecycle_update: ['groups'],
		group_participants_update: ['groups'],
		group_settings_update: ['groups'],
		group_status_update: ['groups'],
	};
	for (const [field, keys] of Object.entries(arrays)) {
		it(field, () => {
			for (const key of keys) {
				for (const value of junk) {
					const events = fanOut(delivery(field, { [key]: value }));
					expect(events.length).toBeGreaterThan(0);
					for (const { json } of events) {
						expect(json.field).toBe(field);
						expect(typeof json.dedupeKey).toBe('string');
						expect(() => JSON.stringify(json)).not.toThrow();
					}
				}
			}
			// wrong types inside an otherwise well-formed element
			const element = { wa_id: toxic, user_id: 7, to: [], to_user_id: toxic, from: {}, id: toxic, timestamp: 'soon', type: toxic, value: 1, contact: { phone_number: toxic }, group_id: [], added_participants: [toxic, null], errors: [{ code: toxic }], duration: 'long', start_time: toxic };
			expect(() => fanOut(delivery(field, { [keys[0]]: [element, element] }))).not.toThrow();
			// a whole value that is not an object
			expect(fanOut({ object: 'whatsapp_business_account', entry: [{ id: 'w', changes: [{ field, value: 'nope' }] }] })).toHaveLength(1);
		});
	}

	it('an element without identifiers yields an item about no one, not the change\'s lone contact by accident', () => {
		const [item] = fanOut(delivery('calls', { contacts: [{ profile: { name: 'X' }, wa_id: '1' }], calls: [{ id: 'c', event: 'connect', timestamp: '1' }] })).map((e) => e.json);
		expect(item).toMatchObject({ waId: null, userId: null, recipient: null, contactName: null });
	});
});
