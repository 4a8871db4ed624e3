/**
 * The trigger-fields table, customer side (issue 19): each row posts Meta's documented example of
 * a webhook field about customers (preferences, echoes, history, contact sync, calls, groups) to a
 * real n8n trigger and checks the typed items, including users known only by BSUID.
 */
import assert from 'node:assert/strict';

import { GROUP_ID, PHONE_A, payload, status, statusesChange, WEBHOOK_EXAMPLES } from '../../../test/fixtures/webhookPayloads';
import {
	BSUID,
	CALL_BSUID,
	CALL_ID,
	CALL_TERMINATE,
	ECHO_BSUID,
	ECHO_ID,
	GROUP_JOIN_BSUID,
	GROUP_SUSPEND,
	HISTORY,
	SMB_ECHO,
	STATE_SYNC,
	USER_PHONE,
	USER_PREFERENCES,
	USER_PREFERENCES_BSUID,
} from '../../../test/fixtures/userFieldPayloads';
import type { ItemJson } from '../kit/executions';
import { defineSuite } from '../runner';
import { fieldCases, setUpFieldsTrigger, tearDownFieldsTrigger, type FieldRow } from '../themes/triggerFields';

/** Every listed field of the one item equals the expected value. */
function only(items: ItemJson[], expected: Record<string, unknown>): void {
	assert.equal(items.length, 1, `${items.length} items`);
	for (const [key, value] of Object.entries(expected)) assert.deepEqual(items[0][key], value, key);
}

const ROWS: FieldRow[] = [
	{
		field: 'user_preferences',
		title: 'a customer stops marketing messages',
		payload: USER_PREFERENCES,
		check: (items) => only(items, { type: 'stop', category: 'marketing_messages', preference: 'stop', waId: USER_PHONE, recipient: USER_PHONE, contactName: 'Sheena Nelson' }),
	},
	{
		field: 'user_preferences',
		title: 'a BSUID-only customer resumes them',
		payload: USER_PREFERENCES_BSUID,
		check: (items) => only(items, { type: 'resume', preference: 'resume', waId: null, userId: BSUID, recipient: BSUID }),
	},
	{
		field: 'smb_message_echoes',
		title: 'a text sent from the WhatsApp Business app',
		payload: SMB_ECHO,
		check: (items) => only(items, { type: 'text', messageId: ECHO_ID, from: '15550783881', waId: USER_PHONE, recipient: USER_PHONE, text: "Here's the info you requested! https://www.meta.com/quest/quest-3/" }),
	},
	{
		field: 'message_echoes',
		title: 'an image echo to a BSUID-only customer',
		payload: ECHO_BSUID,
		check: (items) => only(items, { type: 'image', text: 'Your order', waId: null, userId: BSUID, recipient: BSUID }),
	},
	{
		field: 'history',
		title: 'one item per synced message',
		payload: HISTORY,
		check: (items) => {
			assert.deepEqual(
				items.map((i) => [i.messageId, i.direction, i.waId, i.progress]),
				[
					['wamid.hist.in', 'incoming', USER_PHONE, 55],
					['wamid.hist.out', 'outgoing', USER_PHONE, 55],
				],
			);
		},
	},
	{
		field: 'smb_app_state_sync',
		title: 'one item per contact added or removed',
		payload: STATE_SYNC,
		check: (items) => assert.deepEqual(items.map((i) => [i.type, i.fullName, i.waId]), [['add', 'Pablo Morales', USER_PHONE], ['remove', null, '16505550000']]),
	},
	{
		field: 'calls',
		title: 'a call ends after two minutes',
		payload: CALL_TERMINATE,
		check: (items) => only(items, { type: 'terminate', callId: CALL_ID, callStatus: 'COMPLETED', duration: 120, direction: 'USER_INITIATED', waId: USER_PHONE }),
	},
	{
		field: 'calls',
		title: 'the business calls a BSUID-only customer',
		payload: CALL_BSUID,
		check: (items) => only(items, { type: 'connect', direction: 'BUSINESS_INITIATED', waId: null, userId: BSUID, recipient: BSUID }),
	},
	{
		field: 'group_lifecycle_update',
		title: 'a group is created (contract example)',
		payload: WEBHOOK_EXAMPLES['Group Create Message'],
		check: (items) => {
			only(items, { type: 'group_create', subject: 'your-group-subject', groupId: 'Y2FwaV9ncm91cDoxODA1NTU1MDE3MjoxMjAzNjMyMjI3NzE5NjMwNjcZD' });
			assert.deepEqual((items[0].addedParticipants as ItemJson[]).map((p) => p.waId), ['16505551234', '16505551235']);
		},
	},
	{
		field: 'group_participants_update',
		title: 'a BSUID-only customer joins by invite link',
		payload: GROUP_JOIN_BSUID,
		check: (items) => only(items, { type: 'group_participants_add', groupId: GROUP_ID, userId: BSUID, waId: null, recipient: BSUID }),
	},
	{
		field: 'group_settings_update',
		title: 'the group picture changes (contract example)',
		payload: WEBHOOK_EXAMPLES['Group Settings Update'],
		check: (items) => only(items, { type: 'group_settings_update', requestId: '784D93D0C468593037EA0B1ECA245D9C' }),
	},
	{
		field: 'group_status_update',
		title: 'a group is suspended',
		payload: GROUP_SUSPEND,
		check: (items) => only(items, { type: 'group_suspend', groupId: GROUP_ID }),
	},
	{
		field: 'messages',
		title: 'a delivered status: pricing flat (category, type, model, billable), no error',
		payload: payload([
			{ id: 'waba', changes: [statusesChange(PHONE_A, [{ ...status('wamid.d', 'delivered'), pricing: { billable: false, pricing_model: 'PMP', category: 'utility', type: 'free_customer_service' } }])] },
		]),
		check: (items) =>
			only(items, { event: 'status', pricingCategory: 'utility', pricingType: 'free_customer_service', pricingModel: 'PMP', billable: false, errorCode: null, errorTitle: null, errorHint: null }),
	},
	{
		field: 'messages',
		title: 'a failed status (131047): errorCode, errorTitle and a hint saying what to do',
		payload: payload([{ id: 'waba', changes: [statusesChange(PHONE_A, [status('wamid.f', 'failed')])] }]),
		check: (items) => {
			only(items, { event: 'status', status: 'failed', errorCode: 131047, errorTitle: 'Re-engagement message' });
			assert.match(String(items[0].errorHint), /24 hours.*template/);
		},
	},
];

export const triggerFieldsUsers = defineSuite({
	name: 'trigger fields',
	setup: (ctx) => setUpFieldsTrigger(ctx, 'users'),
	teardown: (_ctx, s) => tearDownFieldsTrigger(s),
	cases: fieldCases(ROWS),
});
