import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';

/** A change of `field` with `value`, as Meta wraps it. */
const delivery = (field: string, value: unknown) => ({ object: 'whatsapp_business_account', entry: [{ id: '1', time: 1767225600, changes: [{ field, value }] }] });

describe('the field readers', () => {
	// The field name is the sender's: one that names a property of every object finds no reader.
	it.each(['__proto__', 'toString', 'constructor', 'hasOwnProperty'])('gives a field named %s one untyped item', (field) => {
		const events = fanOut(delivery(field, { a: 1 }));
		expect(events).toHaveLength(1);
		expect(events[0].json).toMatchObject({ event: field, field, type: field, value: { a: 1 } });
	});
});
