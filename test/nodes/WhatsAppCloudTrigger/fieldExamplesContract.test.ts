/**
 * Every webhook example the typed-item tests use keeps to Meta's webhook contract (as extended by the
 * generator's patches), and the contract refuses what it does not describe. Kept apart from the item
 * tests, which need no schema compiled.
 */
import { validateWebhook } from '../../../tools/contract/validate';
import { BUSINESS_EXAMPLES, delivery } from '../../fixtures/businessWebhooks';
import {
	CALL_BSUID,
	CALL_CONNECT,
	CALL_STATUS,
	CALL_TERMINATE,
	ECHO_BSUID,
	GROUP_JOIN_BSUID,
	GROUP_SUSPEND,
	HISTORY,
	HISTORY_BSUID,
	HISTORY_DECLINED,
	SMB_ECHO,
	STATE_SYNC,
	USER_PREFERENCES,
	USER_PREFERENCES_BSUID,
} from '../../fixtures/userFieldPayloads';

const USER_EXAMPLES = { USER_PREFERENCES, USER_PREFERENCES_BSUID, SMB_ECHO, ECHO_BSUID, HISTORY, HISTORY_DECLINED, HISTORY_BSUID, STATE_SYNC, CALL_CONNECT, CALL_TERMINATE, CALL_BSUID, CALL_STATUS, GROUP_JOIN_BSUID, GROUP_SUSPEND };

describe('the typed-item examples and the webhook contract', () => {
	it.each(Object.keys(USER_EXAMPLES))('customer field example %s keeps to it', (name) => {
		expect(validateWebhook(USER_EXAMPLES[name as keyof typeof USER_EXAMPLES]).errors).toEqual([]);
	});

	it.each(Object.keys(BUSINESS_EXAMPLES))('business field example %s keeps to it', (name) => {
		const check = validateWebhook(BUSINESS_EXAMPLES[name].payload);
		expect(check.errors).toEqual([]);
		expect(check.valid).toBe(true);
	});

	it('refuses a change it does not describe (the schemas check something)', () => {
		const broken = delivery('account_alerts', [{ entity_type: 'BUSINESS', alert_info: { alert_severity: 7 } }]);
		expect(validateWebhook(broken).valid).toBe(false);
		const wrongType = delivery('message_template_quality_update', [{ previous_quality_score: 'GREEN', new_quality_score: 'RED', message_template_id: 'x', message_template_name: 'a', message_template_language: 'en' }]);
		expect(validateWebhook(wrongType).errors.join(' ')).toContain('message_template_id');
	});
});
