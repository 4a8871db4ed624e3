/** One answer reference and the secret it is signed with, for the reference and answer-rule tests. */
import { DEFAULT_WAITING_PATH, type AnswerReference } from '../../../../../nodes/shared/sendAndWait/reference';

export const SECRET = 'app-secret-1';
export const SIGNATURE = 'ab'.repeat(32);
export const NODE_ID = '0f54df86-4764-4fae-bd55-7bc70c3f181f';
export const PHONE_NUMBER_ID = '100000000000001';

export const REFERENCE: AnswerReference = {
	executionId: '1234567',
	nodeId: NODE_ID,
	signature: SIGNATURE,
	waitingPath: DEFAULT_WAITING_PATH,
	phoneNumberId: PHONE_NUMBER_ID,
	wait: 'Wq3x9_Zk-2A',
	option: 2,
};
