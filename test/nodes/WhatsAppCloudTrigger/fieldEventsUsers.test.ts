import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import {
	BSUID,
	delivery,
	ECHO_BSUID,
	ECHO_ID,
	echo,
	HISTORY,
	HISTORY_BSUID,
	HISTORY_DECLINED,
	preference,
	SMB_ECHO,
	STATE_SYNC,
	USER_PHONE,
	USER_PREFERENCES,
	USER_PREFERENCES_BSUID,
	WABA,
} from '../../fixtures/userFieldPayloads';
import { PARENT_USER_ID, USERNAME_USER } from '../../fixtures/webhookPayloads';

const items = (payload: unknown) => fanOut(payload).map((e) => e.json);
const COMMON = { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881', wabaId: WABA };

describe('typed items of the customer webhook fields (Meta\'s examples)', () => {
	it('user_preferences: who stopped marketing messages, with the untouched value', () => {
		const [item, ...rest] = items(USER_PREFERENCES);
		expect(rest).toHaveLength(0);
		expect(item).toMatchObject({
			...COMMON,
			event: 'user_preferences',
			field: 'user_preferences',
			type: 'stop',
			category: 'marketing_messages',
			preference: 'stop',
			detail: 'User requested to stop marketing messages',
			text: 'User requested to stop marketing messages',
			waId: USER_PHONE,
			userId: null,
			recipient: USER_PHONE,
			contactName: 'Sheena Nelson',
			timestamp: '2025-02-12T00:43:44.000Z',
		});
		expect(item.value).toEqual(USER_PREFERENCES.entry[0].changes[0].value);
	});

	it('user_preferences: a user known only by BSUID resumes', () => {
		const [item] = items(USER_PREFERENCES_BSUID);
		expect(item).toMatchObject({ type: 'resume', preference: 'resume', waId: null, userId: BSUID, parentUserId: PARENT_USER_ID, recipient: BSUID, username: USERNAME_USER.username, contactName: USERNAME_USER.name });
	});

	it('user_preferences: one item per preference, each with its own user, value and dedupe key', () => {
		const payload = delivery('user_preferences', {
			contacts: [{ profile: { name: 'A' }, wa_id: '16505550001' }, { profile: { name: 'B' }, user_id: BSUID }],
			user_preferences: [preference('stop', { wa_id: '16505550001' }), preference('resume', { user_id: BSUID })],
		});
		const [a, b] = items(payload);
		expect([a.waId, a.contactName, a.preference]).toEqual(['16505550001', 'A', 'stop']);
		expect([b.userId, b.contactName, b.preference, b.recipient]).toEqual([BSUID, 'B', 'resume', BSUID]);
		expect(a.value).toEqual(preference('stop', { wa_id: '16505550001' }));
		expect(a.dedupeKey).not.toBe(b.dedupeKey);
	});

	it('smb_message_echoes: what the business sent from the app, to whom', () => {
		const [item] = items(SMB_ECHO);
		expect(item).toMatchObject({
			...COMMON,
			event: 'smb_message_echoes',
			type: 'text',
			text: "Here's the info you requested! https://www.meta.com/quest/quest-3/",
			messageId: ECHO_ID,
			from: '15550783881',
			to: USER_PHONE,
			waId: USER_PHONE,
			recipient: USER_PHONE,
			timestamp: '2025-02-12T00:43:44.000Z',
		});
	});

	it('message_echoes: an image echo to a BSUID-only user carries its caption', () => {
		const [item] = items(ECHO_BSUID);
		expect(item).toMatchObject({ event: 'message_echoes', type: 'image', text: 'Your order', waId: null, userId: BSUID, recipient: BSUID, to: BSUID, from: '15550783881' });
	});

	it('echoes: one item per echo, keyed on the echo', () => {
		const payload = delivery('smb_message_echoes', { message_echoes: [echo({ to: '16505550001' }, 'wamid.1'), echo({ to_user_id: BSUID }, 'wamid.2')] });
		const [a, b] = items(payload);
		expect([a.messageId, a.waId, b.messageId, b.userId]).toEqual(['wamid.1', '16505550001', 'wamid.2', BSUID]);
		expect(a.dedupeKey).not.toBe(b.dedupeKey);
		// the same echoes again: the same keys (redelivery dedupe)
		expect(fanOut(payload).map((e) => e.dedupeKey)).toEqual([a.dedupeKey, b.dedupeKey]);
	});

	it('history: one item per synced message, with direction, status and where the sync stands', () => {
		const [incoming, outgoing, ...rest] = items(HISTORY);
		expect(rest).toHaveLength(0);
		expect(incoming).toMatchObject({ event: 'history', type: 'text', text: 'Is the blue one in stock?', direction: 'incoming', historyStatus: 'READ', messageId: 'wamid.hist.in', waId: USER_PHONE, phase: 0, chunkOrder: 1, progress: 55, threadId: USER_PHONE });
		expect(outgoing).toMatchObject({ direction: 'outgoing', to: USER_PHONE, from: '15550783881', waId: USER_PHONE, text: 'Yes, two left.', timestamp: '2025-02-10T23:43:20.000Z' });
		expect(outgoing.value).toMatchObject({ id: 'wamid.hist.out' });
	});

	it('history: a declined sync is one error item with a hint', () => {
		const [item] = items(HISTORY_DECLINED);
		expect(item).toMatchObject({ event: 'history', type: 'error', errorCode: 2593109, errorTitle: 'History sync is turned off by the business.', waId: null, recipient: null });
		expect(item.errorHint).toMatch(/declined/);
	});

	it('history: a chunk with metadata only is one progress item', () => {
		const [item] = items(delivery('history', { history: [{ metadata: { phase: 2, chunk_order: 4, progress: 100 }, threads: [] }] }));
		expect(item).toMatchObject({ type: 'progress', phase: 2, chunkOrder: 4, progress: 100, errorCode: null });
	});

	it('history: a BSUID thread names its user by BSUID', () => {
		const [item] = items(HISTORY_BSUID);
		expect(item).toMatchObject({ waId: null, userId: BSUID, recipient: BSUID, direction: 'incoming', progress: 100 });
	});

	it('smb_app_state_sync: one item per contact change', () => {
		const [added, removed] = items(STATE_SYNC);
		expect(added).toMatchObject({ event: 'smb_app_state_sync', type: 'add', action: 'add', fullName: 'Pablo Morales', firstName: 'Pablo', phoneNumber: USER_PHONE, waId: USER_PHONE, contactName: 'Pablo Morales', text: 'Pablo Morales', timestamp: '2025-02-12T00:43:44.000Z' });
		expect(removed).toMatchObject({ type: 'remove', fullName: null, waId: '16505550000', contactName: null });
		expect(added.dedupeKey).not.toBe(removed.dedupeKey);
	});

	it('smb_app_state_sync: a contact with a BSUID only', () => {
		const [item] = items(delivery('smb_app_state_sync', { state_sync: [{ type: 'contact', contact: { full_name: 'Ana', user_id: BSUID }, action: 'add', metadata: { timestamp: '1739321024' } }] }));
		expect(item).toMatchObject({ waId: null, userId: BSUID, recipient: BSUID, contactName: 'Ana', phoneNumber: null });
	});
});
