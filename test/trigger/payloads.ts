/**
 * Webhook payloads for the trigger's tests (unit and e2e): the contract's 16 examples, and
 * hand-made ones in the contract's shapes (StatusMessageValue / Statuses) where the contract
 * has no example — it has none for statuses.
 */
import examples from '../../tools/contract/examples.json';

export const WEBHOOK_EXAMPLES = (examples as { webhooks: Record<string, unknown> }).webhooks;

/** What each of the contract's 16 webhook examples must become (worked out by hand from the examples). */
export const EXPECTED: Record<string, { event: string; type: string; text: string | null; extra?: Record<string, unknown> }> = {
	'Text Message': { event: 'message', type: 'text', text: 'Does it come in another color?', extra: { timestamp: '2025-06-08T20:59:43.000Z' } },
	'Text Message with Context (Product Inquiry)': {
		event: 'message',
		type: 'text',
		text: 'Is this still available?',
		extra: { replyToMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGA9wcm9kdWN0X2lucXVpcnkA', wabaId: '102290129340398' },
	},
	'Text Message from Click to WhatsApp Ad': { event: 'message', type: 'text', text: 'Hello! Can I get more info on this?' },
	'Reaction Message': { event: 'message', type: 'reaction', text: '\u{1F44D}', extra: { timestamp: '2025-06-08T21:52:24.000Z' } },
	'Image Message': { event: 'message', type: 'image', text: 'Taj Mahal' },
	'Location Message': { event: 'message', type: 'location', text: 'Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301' },
	'Contact Sharing Message': { event: 'message', type: 'contacts', text: 'Lucía Gómez' },
	'Unsupported Message': { event: 'message', type: 'unsupported', text: null },
	'Button Message': { event: 'message', type: 'button', text: 'Unsubscribe', extra: { replyId: 'Unsubscribe' } },
	'Interactive List Reply Message': {
		event: 'message',
		type: 'interactive',
		text: 'Priority Mail Express',
		extra: { replyId: 'priority_express', timestamp: '2025-06-13T22:42:55.000Z' },
	},
	'Interactive Button Reply Message': { event: 'message', type: 'interactive', text: 'Cancel', extra: { replyId: 'cancel-button' } },
	'Order Message': {
		event: 'message',
		type: 'order',
		text: null,
		extra: {
			order: {
				catalogId: '194836987003835',
				products: [
					{ productRetailerId: 'di9ozbzfi4', quantity: 2, itemPrice: 30, currency: 'USD', lineTotal: 60 },
					{ productRetailerId: 'nqryix03ez', quantity: 1, itemPrice: 25, currency: 'USD', lineTotal: 25 },
				],
				productCount: 2,
				itemCount: 3,
				total: 85,
				currency: 'USD',
			},
		},
	},
	'System Message': {
		event: 'message',
		type: 'system',
		text: 'User Sheena Nelson changed from 16505551234 to 12195555358',
		extra: { contactName: null, waId: '16505551234' },
	},
	'Group Create Message': { event: 'group_lifecycle_update', type: 'group_create', text: null, extra: { timestamp: '2025-06-18T17:55:42.000Z' } },
	'Group Settings Update': { event: 'group_settings_update', type: 'group_settings_update', text: null },
	'Group Remove Participants': { event: 'group_participants_update', type: 'group_create', text: null },
};

export const PHONE_A = { phone_number_id: '106540352242922', display_phone_number: '15550783881' };
export const PHONE_B = { phone_number_id: '106540352242923', display_phone_number: '15550783882' };

export function textMessage(id: string, body: string, from = '16505551234', timestamp = '1750000000') {
	return { from, id, timestamp, type: 'text', text: { body } };
}

export function status(id: string, value: 'sent' | 'delivered' | 'read' | 'failed', recipient = '16505551234', timestamp = '1750000100') {
	const s: Record<string, unknown> = {
		id,
		status: value,
		timestamp,
		recipient_id: recipient,
		pricing: { billable: true, pricing_model: 'PMP', category: 'service' },
		conversation: { id: 'c0a7b1d2e3f4', origin: { type: 'service' } },
	};
	if (value === 'failed') {
		s.errors = [
			{
				code: 131047,
				title: 'Re-engagement message',
				message: 'Re-engagement message',
				error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
			},
		];
	}
	return s;
}

export function messagesChange(phone: typeof PHONE_A, messages: unknown[], contacts = [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }]) {
	return { field: 'messages', value: { messaging_product: 'whatsapp', metadata: phone, contacts, messages } };
}

export function statusesChange(phone: typeof PHONE_A, statuses: unknown[]) {
	return { field: 'messages', value: { messaging_product: 'whatsapp', metadata: phone, statuses } };
}

export function payload(entries: Array<{ id: string; changes: unknown[] }>) {
	return { object: 'whatsapp_business_account', entry: entries };
}

/**
 * 2 entries × 2 changes: 4 messages (two numbers, two senders) and 4 statuses (one message
 * going sent → delivered → read, one failed), each exactly once.
 */
export function batchedPayload(tag = 'batch') {
	return payload([
		{
			id: '419561257915477',
			changes: [
				messagesChange(
					PHONE_A,
					[textMessage(`wamid.${tag}.m1`, 'first'), textMessage(`wamid.${tag}.m2`, 'second', '16505559999', '1750000001')],
					[
						{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' },
						{ profile: { name: 'Luc\u00eda G\u00f3mez' }, wa_id: '16505559999' },
					],
				),
				statusesChange(PHONE_A, [status(`wamid.${tag}.out1`, 'sent'), status(`wamid.${tag}.out1`, 'delivered')]),
			],
		},
		{
			id: '419561257915478',
			changes: [
				statusesChange(PHONE_B, [status(`wamid.${tag}.out1`, 'read'), status(`wamid.${tag}.out2`, 'failed')]),
				messagesChange(PHONE_B, [textMessage(`wamid.${tag}.m3`, 'third'), textMessage(`wamid.${tag}.m4`, 'fourth \u{1F44D}')]),
			],
		},
	]);
}

/** The batch of batchedPayload() plus one group event for number B (for separate outputs). */
export function batchedPayloadWithOther(tag = 'batch') {
	const p = batchedPayload(tag);
	(p.entry[1].changes as unknown[]).push({
		field: 'group_lifecycle_update',
		value: {
			messaging_product: 'whatsapp',
			metadata: PHONE_B,
			groups: [{ timestamp: 1750000200, group_id: `group-${tag}`, type: 'group_create', request_id: `req-${tag}`, subject: 'Team' }],
		},
	});
	return p;
}

export const GROUP_ID = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
export const GROUP_PARTICIPANTS = ['16505550001', '16505550002', '16505550003'];

/** A status of a message the business sent to a group, as the contract's Statuses has it: recipient_id = the participant, group_id = the group. */
export function groupStatus(id: string, value: 'sent' | 'delivered' | 'read', recipient: string, groupId = GROUP_ID) {
	return { ...status(id, value, recipient), group_id: groupId };
}

/** One change with the statuses of a group message for some participants. */
export function groupStatusesPayload(id: string, value: 'sent' | 'delivered' | 'read', recipients: string[]) {
	return payload([{ id: '419561257915477', changes: [statusesChange(PHONE_A, recipients.map((r) => groupStatus(id, value, r)))] }]);
}
