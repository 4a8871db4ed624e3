/**
 * Usernames and business-scoped user IDs (BSUIDs) in the e2e suites: the two customers (one who
 * adopted a username, so Meta withholds the phone number, one known by phone), Meta's webhook
 * deliveries for them (messages, a reply-button tap, statuses of a BSUID send, group statuses in
 * Meta's layout) and the Trigger → Send Text workflow that answers `{{ $json.recipient }}`.
 * Shapes follow Meta's page "Business-scoped user IDs"
 * (developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids):
 * a username customer's contact has `user_id` and `profile.username` and no `wa_id`, the message
 * `from_user_id` and no `from`; statuses carry `recipient_user_id` and `contacts[]` (the username
 * on delivered and read only; failed statuses have no `contacts[]`).
 */
import assert from 'node:assert/strict';

import { validateWebhook } from '../../contract/validate';
import type { SentMessage } from '../../simulator/customer';
import { CUSTOMER_WA_ID, PHONE_NUMBERS, PHONE_NUMBER_ID, WABA_ID } from '../../simulator/fixtures';
import { waNode } from '../cases';
import type { CredentialRef } from './credential';
import { runItems, type Execution, type ItemJson } from './executions';
import { TRIGGER, triggerNode } from './trigger';
import { noOp, type WorkflowNode } from './workflows';

/** A WhatsApp user as Meta names them in webhooks: a BSUID always, a phone number when Meta gives one. */
export interface Person {
	name: string;
	userId: string;
	waId?: string;
	username?: string;
}

/** Adopted a username: Meta withholds the phone number. */
export const USERNAME_CUSTOMER: Person = { name: 'Ana Lima', userId: 'US.13491208655302741918', username: 'ana.rides' };
/** Another username customer (taps that must not count as the first one's answer). */
export const OTHER_USERNAME_CUSTOMER: Person = { name: 'Bo Chen', userId: 'US.99001122334455667788', username: 'bo.c' };
/** No username: Meta sends the phone number and, as for everyone now, the BSUID. */
export const PHONE_CUSTOMER: Person = { name: 'Sim Customer', userId: 'US.55500099990000000001', waId: CUSTOMER_WA_ID };

/** A group the business posts to, and three members' phone numbers. */
export const GROUP = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
export const MEMBERS = ['15550004001', '15550004002', '15550004003'];

export const REPLY = 'Reply';
export const STATUSES = 'Statuses';
export const OTHER = 'Other';

const METADATA = { display_phone_number: PHONE_NUMBERS[0].displayPhoneNumber.replace(/\D/g, ''), phone_number_id: PHONE_NUMBER_ID };
const now = () => String(Math.floor(Date.now() / 1000));

/** One delivery of the messages field with `value`'s fields, checked against Meta's contract (as extended for usernames). */
export function messagesField(value: Record<string, unknown>) {
	const delivery = {
		object: 'whatsapp_business_account',
		entry: [{ id: WABA_ID, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: METADATA, ...value } }] }],
	};
	const check = validateWebhook(delivery);
	assert.ok(check.valid, `the test's own delivery breaks the webhook contract: ${check.errors.join('; ')}\n${JSON.stringify(delivery)}`);
	return delivery;
}

/** The `contacts[]` entry Meta sends for `who` (no `wa_id` when it withholds the number). */
export function contactOf(who: Person, withUsername = true): Record<string, unknown> {
	const profile: Record<string, unknown> = { name: who.name };
	if (who.username && withUsername) profile.username = who.username;
	return { profile, ...(who.waId ? { wa_id: who.waId } : {}), user_id: who.userId };
}

/** One incoming message from `who` (`message` holds id, type and its part). */
export function incoming(who: Person, message: Record<string, unknown>) {
	return messagesField({
		contacts: [contactOf(who)],
		messages: [{ ...(who.waId ? { from: who.waId } : {}), from_user_id: who.userId, timestamp: now(), ...message }],
	});
}

export const textFrom = (who: Person, id: string, body: string) => incoming(who, { id, type: 'text', text: { body } });

/** `who` taps reply button `index` of a question the business sent. */
export function tapFrom(who: Person, sent: SentMessage, index: number) {
	const button = sent.body.interactive?.action?.buttons?.[index]?.reply;
	assert.ok(button, `the question has no reply button ${index}: ${JSON.stringify(sent.body)}`);
	return incoming(who, {
		id: `wamid.tap.${Date.now()}.${index}`,
		context: { from: METADATA.display_phone_number, id: sent.id },
		type: 'interactive',
		interactive: { type: 'button_reply', button_reply: { id: button.id, title: button.title } },
	});
}

/**
 * The statuses of a message sent to `who` by BSUID: each carries `recipient_user_id`; sent,
 * delivered and read come with `contacts[]` (the username on delivered and read), failed without.
 */
export function bsuidStatuses(messageId: string, who: Person, values: Array<'sent' | 'delivered' | 'read' | 'failed'>) {
	return values.map((value) => {
		const status: Record<string, unknown> = {
			id: messageId,
			status: value,
			timestamp: now(),
			...(who.waId ? { recipient_id: who.waId } : {}),
			recipient_user_id: who.userId,
		};
		if (value === 'failed') status.errors = [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message' }];
		else status.pricing = { billable: true, pricing_model: 'PMP', category: 'service' };
		return status;
	});
}

/** One delivery per status, as Meta sends them, each with the `contacts[]` it has. */
export function statusDelivery(status: Record<string, unknown>, who: Person) {
	const value = String(status.status);
	return messagesField({
		statuses: [status],
		...(value === 'failed' ? {} : { contacts: [contactOf(who, value !== 'sent')] }),
	});
}

/** Statuses of one group message in Meta's layout: the group in `recipient_id`, the member in `recipient_participant_id`. */
export function groupStatuses(messageId: string, value: 'sent' | 'delivered' | 'read', members: string[]) {
	return messagesField({
		statuses: members.map((member) => ({
			id: messageId,
			status: value,
			timestamp: now(),
			recipient_type: 'group',
			recipient_id: GROUP,
			recipient_participant_id: member,
			pricing: { billable: true, pricing_model: 'PMP', category: 'service' },
		})),
	});
}

/**
 * Trigger (separate outputs) → messages: Send Text to `{{ $json.recipient }}` quoting the text;
 * statuses and other events land in No Operation nodes.
 */
export function replyWorkflow(cred: CredentialRef, trigger: Partial<WorkflowNode> = {}, parameters: Record<string, unknown> = {}) {
	const trig = triggerNode(cred, { events: ['messages', 'statuses', 'other'], outputMode: 'separate', ...parameters }, trigger);
	const reply = waNode(
		cred,
		{
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.phoneNumberId }}' },
			to: '={{ $json.recipient }}',
			body: '=You said: {{ $json.text }}',
			options: { replyTo: '={{ $json.messageId }}' },
		},
		REPLY,
	);
	const nodes = [trig, reply, noOp(STATUSES), noOp(OTHER)];
	const connections = {
		[TRIGGER]: {
			main: [[{ node: REPLY, type: 'main', index: 0 }], [{ node: STATUSES, type: 'main', index: 0 }], [{ node: OTHER, type: 'main', index: 0 }]],
		},
	};
	return { nodes, connections };
}

/** The body Send Text must record for a reply to `message` (text `body`) from `who`. */
export function expectedReply(who: Person, messageId: string, body: string): Record<string, unknown> {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		...(who.waId ? { to: who.waId } : { recipient: who.userId }),
		type: 'text',
		text: { body: `You said: ${body}`, preview_url: false },
		context: { message_id: messageId },
	};
}

/** The trigger's items on output `index` (0 messages, 1 statuses, 2 other) of an execution. */
export function triggerOutput(execution: Execution | undefined, index: number): ItemJson[] {
	const items = runItems(execution, TRIGGER, index);
	assert.ok(items, `the trigger did not run in execution ${execution?.id}`);
	return items;
}

/** The identity fields of an item, for one deepEqual per item. */
export const identity = (item: ItemJson) => ({
	waId: item.waId,
	userId: item.userId,
	parentUserId: item.parentUserId,
	username: item.username,
	recipient: item.recipient,
});
