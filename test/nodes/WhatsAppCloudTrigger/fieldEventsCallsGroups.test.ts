import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { BSUID, CALL_BSUID, CALL_CONNECT, CALL_ID, CALL_STATUS, CALL_TERMINATE, delivery, GROUP_JOIN_BSUID, GROUP_SUSPEND, USER_PHONE } from '../../fixtures/userFieldPayloads';
import { GROUP_ID, WEBHOOK_EXAMPLES } from '../../fixtures/webhookPayloads';

const items = (payload: unknown) => fanOut(payload).map((e) => e.json);

describe('typed items of calls and groups', () => {
	it('calls: a user calls the business (connect), the caller is the user', () => {
		const [item] = items(CALL_CONNECT);
		expect(item).toMatchObject({ event: 'calls', type: 'connect', callEvent: 'connect', callId: CALL_ID, direction: 'USER_INITIATED', waId: USER_PHONE, recipient: USER_PHONE, from: USER_PHONE, to: '15550783881', duration: null, callStatus: null, errorCode: null });
	});

	it('calls: terminate carries status, start, end and duration', () => {
		const [item] = items(CALL_TERMINATE);
		expect(item).toMatchObject({ type: 'terminate', callStatus: 'COMPLETED', duration: 120, startTime: '2022-12-21T17:47:04.000Z', endTime: '2022-12-21T17:49:04.000Z', waId: USER_PHONE });
	});

	it('calls: a business-initiated call to a BSUID-only user names the callee', () => {
		const [item] = items(CALL_BSUID);
		expect(item).toMatchObject({ direction: 'BUSINESS_INITIATED', waId: null, userId: BSUID, recipient: BSUID, bizOpaqueCallbackData: 'TRx334DUDFTI4Mj' });
	});

	it('calls: without a direction the user is the side that is not the business number', () => {
		const [item] = items(delivery('calls', { calls: [{ id: 'wacid.x', from: '15550783881', to: USER_PHONE, event: 'terminate', timestamp: '1' }] }));
		expect(item.waId).toBe(USER_PHONE);
	});

	it('calls: a call status (ringing) and a failed call with a hint', () => {
		const [ringing] = items(CALL_STATUS);
		expect(ringing).toMatchObject({ type: 'ringing', callStatus: 'RINGING', callEvent: 'status', waId: '12185552828' });
		const [failed] = items(delivery('calls', { calls: [{ id: 'wacid.f', from: USER_PHONE, event: 'terminate', status: 'FAILED', timestamp: '1', errors: [{ code: 138006, title: 'No call permission' }] }] }));
		expect(failed).toMatchObject({ callStatus: 'FAILED', errorCode: 138006, errorTitle: 'No call permission' });
		expect(failed.errorHint).toMatch(/permission/);
	});

	it('groups: the contract\'s "Group Create Message": group, subject, participants', () => {
		const [item] = items(WEBHOOK_EXAMPLES['Group Create Message']);
		expect(item).toMatchObject({
			event: 'group_lifecycle_update',
			type: 'group_create',
			groupId: 'Y2FwaV9ncm91cDoxODA1NTU1MDE3MjoxMjAzNjMyMjI3NzE5NjMwNjcZD',
			subject: 'your-group-subject',
			description: 'your-group-description',
			requestId: '784D93D0C468593037EA0B1ECA245D9C',
			addedParticipants: [
				{ waId: '16505551234', userId: null, parentUserId: null, input: '16505551234' },
				{ waId: '16505551235', userId: null, parentUserId: null, input: '16505551235' },
			],
			removedParticipants: [],
			// two people: the item is about no one user
			waId: null,
			recipient: null,
		});
	});

	it('groups: "Group Remove Participants" and "Group Settings Update"', () => {
		const [removed] = items(WEBHOOK_EXAMPLES['Group Remove Participants']);
		expect(removed).toMatchObject({ event: 'group_participants_update', removedParticipants: [{ waId: '16505551234' }, { waId: '16505551235' }] });
		const [settings] = items(WEBHOOK_EXAMPLES['Group Settings Update']);
		expect(settings).toMatchObject({ event: 'group_settings_update', type: 'group_settings_update', subject: null, errorCode: null });
	});

	it('groups: one BSUID-only participant joins by invite link: the item is about them', () => {
		const [item] = items(GROUP_JOIN_BSUID);
		expect(item).toMatchObject({ type: 'group_participants_add', reason: 'invite_link', groupId: GROUP_ID, userId: BSUID, waId: null, recipient: BSUID, addedParticipants: [{ userId: BSUID, waId: null }] });
	});

	it('groups: a suspension (group_status_update) and a settings update with a wrapped subject', () => {
		const [suspended] = items(GROUP_SUSPEND);
		expect(suspended).toMatchObject({ event: 'group_status_update', type: 'group_suspend', groupId: GROUP_ID, timestamp: '2025-06-18T17:56:40.000Z' });
		const [settings] = items(delivery('group_settings_update', { groups: [{ timestamp: '1', group_id: 'g', type: 'group_settings_update', group_subject: { text: 'New name', update_successful: true } }] }));
		expect(settings.subject).toBe('New name');
	});

	it('groups: several events of one change are several items', () => {
		const payload = delivery('group_lifecycle_update', { groups: [{ timestamp: '1', group_id: 'a', type: 'group_create' }, { timestamp: '2', group_id: 'b', type: 'group_delete' }] });
		const [a, b] = items(payload);
		expect([a.groupId, a.type, b.groupId, b.type]).toEqual(['a', 'group_create', 'b', 'group_delete']);
		expect(a.value).toEqual({ timestamp: '1', group_id: 'a', type: 'group_create' });
		expect(a.dedupeKey).not.toBe(b.dedupeKey);
	});
});
