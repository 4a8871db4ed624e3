import { validateWebhook } from '../../../tools/contract/validate';
import { CALL_CONNECT, CALL_STATUS, delivery, echo, GROUP_SUSPEND, HISTORY, preference, SMB_ECHO, STATE_SYNC, USER_PREFERENCES } from '../../fixtures/userFieldPayloads';

const errors = (payload: unknown) => validateWebhook(payload).errors;

describe('contract: the customer webhook fields (R7v-x)', () => {
	it('accepts Meta\'s examples', () => {
		for (const example of [USER_PREFERENCES, SMB_ECHO, HISTORY, STATE_SYNC, CALL_CONNECT, CALL_STATUS, GROUP_SUSPEND]) expect(errors(example)).toEqual([]);
	});

	it('rejects a field Meta does not have', () => {
		expect(validateWebhook(delivery('user_preference', { user_preferences: [preference('stop')] })).valid).toBe(false);
	});

	it('rejects what Meta does not send', () => {
		const bad = [
			// a preference other than stop / resume, and one naming no user
			delivery('user_preferences', { user_preferences: [{ ...preference('stop'), value: 'pause' }] }),
			delivery('user_preferences', { user_preferences: [{ category: 'marketing_messages', value: 'stop' }] }),
			// an echo to no one, or to a malformed BSUID
			delivery('smb_message_echoes', { message_echoes: [{ ...echo(), to: undefined }] }),
			delivery('smb_message_echoes', { message_echoes: [echo({ to_user_id: 'not a bsuid' })] }),
			// a contact change that is neither add nor remove
			delivery('smb_app_state_sync', { state_sync: [{ type: 'contact', contact: {}, action: 'edit' }] }),
			// a call without its event
			delivery('calls', { calls: [{ id: 'wacid.x', timestamp: '1' }] }),
			// a value with none of the fields' arrays
			delivery('history', { threads: [] }),
		];
		for (const payload of bad) expect(validateWebhook(JSON.parse(JSON.stringify(payload))).valid).toBe(false);
	});
});
