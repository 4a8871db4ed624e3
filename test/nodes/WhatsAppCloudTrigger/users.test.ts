/**
 * Who each item is about (issue 18): `waId`, `userId`, `parentUserId`, `username` and `recipient`
 * (the identifier to answer with) on messages, statuses, group statuses, identity system
 * messages, contact-info answers and other events.
 */
import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import {
	bsuidStatusesPayload,
	contactInfoAnswer,
	coordinatesOnlyLocation,
	GROUP_ID,
	GROUP_PARTICIPANTS,
	identitySystemMessages,
	messagesChange,
	metaGroupStatusesPayload,
	PARENT_USER_ID,
	payload,
	PHONE_A,
	PHONE_USER,
	statusesChange,
	status,
	USERNAME_USER,
	usernamesPayload,
	usernameTextMessage,
} from '../../fixtures/webhookPayloads';
import { emitted, HarnessTrigger, signedJson } from '../../harness/triggerWebhook';

const fp = (value: unknown) => JSON.stringify(value);
const one = (messages: unknown[], contacts: unknown[] = []) =>
	fanOut(payload([{ id: '419561257915477', changes: [messagesChange(PHONE_A, messages, contacts as never)] }]), fp);

describe('messages name their sender', () => {
	it('a username customer: waId null, userId and username from the contact matched by user_id, recipient = the BSUID', () => {
		const [username, phone] = fanOut(usernamesPayload(), fp);
		expect(username.json).toMatchObject({
			contactName: USERNAME_USER.name,
			waId: null,
			userId: USERNAME_USER.userId,
			parentUserId: null,
			username: USERNAME_USER.username,
			recipient: USERNAME_USER.userId,
		});
		expect(phone.json).toMatchObject({
			contactName: PHONE_USER.name,
			waId: PHONE_USER.waId,
			userId: PHONE_USER.userId,
			username: null,
			recipient: PHONE_USER.waId,
		});
	});

	it('a username sender never gets the lone contact of another sender', () => {
		const [event] = one([usernameTextMessage('wamid.lone', 'hi')], [{ profile: { name: 'Someone Else' }, wa_id: '16505550000', user_id: 'US.1111' }]);
		expect(event.json).toMatchObject({ contactName: null, waId: null, userId: USERNAME_USER.userId, recipient: USERNAME_USER.userId });
	});

	it('a parent BSUID only: recipient = the parent BSUID', () => {
		const [event] = one([{ from_parent_user_id: PARENT_USER_ID, id: 'wamid.parent', timestamp: '1750000000', type: 'text', text: { body: 'x' } }]);
		expect(event.json).toMatchObject({ waId: null, userId: null, parentUserId: PARENT_USER_ID, recipient: PARENT_USER_ID });
	});

	it('a location with only coordinates gets them as its text', () => {
		const [event] = one([coordinatesOnlyLocation('wamid.loc')]);
		expect(event.json.text).toBe('37.4421, -122.1615');
	});

	it('identity system messages name the old and the new identifiers', () => {
		const [number, userId] = one(identitySystemMessages());
		expect(number.json).toMatchObject({
			type: 'system',
			waId: '16505551234',
			recipient: '16505551234',
			previousWaId: '16505551234',
			newWaId: '12195555358',
			previousUserId: 'US.13491208655302741918',
			newUserId: 'US.99887766554433221100',
			previousParentUserId: null,
			newParentUserId: null,
		});
		expect(userId.json).toMatchObject({
			waId: null,
			userId: 'US.13491208655302741918',
			previousWaId: null,
			newWaId: null,
			previousUserId: 'US.13491208655302741918',
			newUserId: 'US.55554444333322221111',
		});
		const [text] = one([usernameTextMessage('wamid.plain', 'hi')]);
		expect(text.json).not.toHaveProperty('newUserId');
	});

	it('the answer to REQUEST_CONTACT_INFO carries the shared phone number; a card shared by hand does not', () => {
		const [answer, card] = one([contactInfoAnswer('wamid.share'), contactInfoAnswer('wamid.card', 'other')]);
		expect(answer.json).toMatchObject({ type: 'contacts', sharedPhoneNumber: '16505551234', waId: null, recipient: USERNAME_USER.userId });
		expect(card.json).not.toHaveProperty('sharedPhoneNumber');
	});
});

describe('statuses name the user they are about', () => {
	it('statuses of a send to a BSUID: userId from recipient_user_id, username from contacts[]', () => {
		const events = fanOut(bsuidStatusesPayload('wamid.to-bsuid', ['sent', 'delivered', 'read']), fp);
		expect(events.map((e) => e.json.recipient)).toEqual(Array(3).fill(USERNAME_USER.userId));
		expect(events[1].json).toMatchObject({ waId: null, userId: USERNAME_USER.userId, username: USERNAME_USER.username, contactName: USERNAME_USER.name, recipientId: USERNAME_USER.userId });
	});

	it('a failed status keeps what Meta sent (no contacts[])', () => {
		const [toBsuid] = fanOut(bsuidStatusesPayload('wamid.failed-bsuid', ['failed']), fp);
		expect(toBsuid.json).toMatchObject({ status: 'failed', waId: null, userId: USERNAME_USER.userId, username: null, recipient: USERNAME_USER.userId });
		const [toPhone] = fanOut(payload([{ id: 'w', changes: [statusesChange(PHONE_A, [status('wamid.failed-phone', 'failed')])] }]), fp);
		expect(toPhone.json).toMatchObject({ waId: '16505551234', userId: null, recipient: '16505551234' });
	});

	it("group statuses in Meta's layout: groupId = the group, recipientId = the member, one item each", () => {
		const events = fanOut(metaGroupStatusesPayload('wamid.group', 'delivered', GROUP_PARTICIPANTS), fp);
		expect(events.map((e) => [e.json.groupId, e.json.recipientId, e.json.waId, e.json.userId, e.json.contactName])).toEqual(
			GROUP_PARTICIPANTS.map((m, i) => [GROUP_ID, m, m, `US.${m}`, `Member ${i + 1}`]),
		);
		expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(3);
	});

	it("3 members' delivered of one group message are 3 events through webhook(), and a redelivery none", async () => {
		const trigger = new HarnessTrigger();
		const raw = JSON.stringify(metaGroupStatusesPayload('wamid.group-3', 'delivered', GROUP_PARTICIPANTS));
		const items = emitted(await trigger.deliver(signedJson(null, { raw })));
		expect(items.map((i) => i.recipientId)).toEqual(GROUP_PARTICIPANTS);
		expect(items.every((i) => i.signatureVerified === true)).toBe(true);
		expect(emitted(await trigger.deliver(signedJson(null, { raw })))).toHaveLength(0);
	});
});

describe('other events name the user when their value names one', () => {
	it('user_preferences', () => {
		const value = {
			messaging_product: 'whatsapp',
			metadata: PHONE_A,
			contacts: [{ profile: { name: 'Sheena Nelson', username: USERNAME_USER.username }, user_id: USERNAME_USER.userId }],
			user_preferences: [{ user_id: USERNAME_USER.userId, detail: 'User requested to stop marketing messages', category: 'marketing_messages', value: 'stop', timestamp: 1750000600 }],
		};
		const [event] = fanOut(payload([{ id: 'w', changes: [{ field: 'user_preferences', value }] }]), fp);
		expect(event.json).toMatchObject({ event: 'user_preferences', waId: null, userId: USERNAME_USER.userId, username: USERNAME_USER.username, recipient: USERNAME_USER.userId });
	});

	it('an echo of a message the business sent from the app names its addressee', () => {
		const value = { messaging_product: 'whatsapp', metadata: PHONE_A, message_echoes: [{ from: '15550783881', to: '16505551234', to_user_id: 'US.42', id: 'wamid.echo', timestamp: '1750000700', type: 'text', text: { body: 'hi' } }] };
		const [event] = fanOut(payload([{ id: 'w', changes: [{ field: 'smb_message_echoes', value }] }]), fp);
		expect(event.json).toMatchObject({ waId: '16505551234', userId: 'US.42', recipient: '16505551234' });
	});

	it('a value naming nobody (or several) gets null user fields', () => {
		const [event] = fanOut(payload([{ id: 'w', changes: [{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }] }]), fp);
		expect(event.json).toMatchObject({ waId: null, userId: null, parentUserId: null, username: null, recipient: null });
	});
});
