/**
 * Which message answers a waiting question (answer.ts), rule by rule, on bodies shaped as Meta
 * sends them, and the item the node outputs for it. Pure: the resume handler in n8n is in
 * resume.test.ts and the e2e suites.
 */
import type { IDataObject } from 'n8n-workflow';

import { answerJson, findAnswer, type Answer } from '../../../../../nodes/WhatsAppCloud/actions/message/sendAndWait/answer';
import type { Question } from '../../../../../nodes/WhatsAppCloud/actions/message/sendAndWait/question';
import type { WaitBinding } from '../../../../../nodes/shared/sendAndWait/binding';
import { buildReference, type AnswerReference } from '../../../../../nodes/shared/sendAndWait/reference';

import { PHONE_NUMBER_ID, REFERENCE, SECRET } from './referenceFixture';

const CUSTOMER = '15550001111';
const SENT_AT = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const AFTER = String(SENT_AT / 1000 + 5);

const reference: AnswerReference = { ...REFERENCE, executionId: '77', option: 0 };
const ref = (change: Partial<AnswerReference> = {}) => buildReference({ ...reference, ...change }, SECRET);
const binding: WaitBinding = { wait: reference.wait, questionId: 'wamid.Q1', sentAt: SENT_AT, answerers: [CUSTOMER, 'US.1'] };
const target = (b: WaitBinding | null = binding) => ({ executionId: reference.executionId, nodeId: reference.nodeId, binding: b });

/** A reply-button tap on the question, from the customer, replying to the question's message. */
function tap(id: string, change: IDataObject = {}): IDataObject {
	return {
		from: CUSTOMER,
		id: 'wamid.A1',
		timestamp: AFTER,
		type: 'interactive',
		context: { from: PHONE_NUMBER_ID, id: 'wamid.Q1' },
		interactive: { type: 'button_reply', button_reply: { id, title: 'Approve' } },
		...change,
	};
}
const text = (body: unknown, change: IDataObject = {}): IDataObject => ({ from: CUSTOMER, id: 'wamid.T1', timestamp: AFTER, type: 'text', text: { body }, ...change });

/** A webhook body with `messages` on the business number `phoneNumberId`. */
function body(messages: IDataObject[], phoneNumberId = PHONE_NUMBER_ID, contacts: IDataObject[] = [{ wa_id: CUSTOMER, profile: { name: 'Ana' } }]) {
	return {
		object: 'whatsapp_business_account',
		entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: phoneNumberId }, contacts, messages } }] }],
	};
}

const find = (messages: IDataObject[], b: WaitBinding | null = binding, relayed?: string) => findAnswer(body(messages), SECRET, target(b), relayed);
const accepted = (found: ReturnType<typeof findAnswer>): Answer => {
	if (typeof found === 'string') throw new Error(`refused: ${found}`);
	return found;
};

describe('findAnswer: a tap answers only its own wait', () => {
	it('accepts the addressed customer’s tap on this wait’s question', () => {
		const found = accepted(find([tap(ref())]));
		expect(found.reference).toEqual(reference);
		expect(found.incoming.message.id).toBe('wamid.A1');
		expect(found.incoming.profileName).toBe('Ana');
	});

	it('reads list rows and template quick-reply payloads too', () => {
		expect(accepted(find([tap('', { interactive: { type: 'list_reply', list_reply: { id: ref({ option: 1 }), title: 'B' } } })])).reference.option).toBe(1);
		expect(accepted(find([{ from: CUSTOMER, timestamp: AFTER, type: 'button', button: { payload: ref(), text: 'Approve' } }])).reference.option).toBe(0);
	});

	// Rows build their messages when they run: a reference made at load time would fail the whole file.
	it.each([
		['no reference', () => [text('yes')], 'no answer to this question in the body'],
		['a reference of another execution', () => [tap(ref({ executionId: '78' }))], 'no answer to this question in the body'],
		['a reference of another node', () => [tap(ref({ nodeId: 'Other' }))], 'no answer to this question in the body'],
		['a reference signed with another secret', () => [tap(buildReference(reference, 'other'))], 'no answer to this question in the body'],
		['a tap on an earlier question of this node', () => [tap(ref({ wait: 'EarlierWait1' }))], 'the answer is to an earlier question of this node'],
		['a tap replying to another message', () => [tap(ref(), { context: { id: 'wamid.OTHER' } })], 'the answer replies to another message'],
		['a tap from someone else', () => [tap(ref(), { from: '15559999999' })], 'the answer is not from the contact the question was sent to'],
	] as Array<[string, () => IDataObject[], string]>)('refuses %s', (_what, messages, why) => {
		expect(find(messages())).toBe(why);
	});

	it('takes a tap whatever its timestamp: its reference binds it, not the time', () => {
		expect(accepted(find([tap(ref(), { timestamp: String(SENT_AT / 1000 - 60) })])).incoming.message.id).toBe('wamid.A1');
	});

	it('refuses everything while the execution has no binding', () => {
		expect(find([tap(ref())], null)).toBe('the waiting execution has no question to bind an answer to');
	});

	it('refuses an answer that reached another business number', () => {
		expect(findAnswer(body([tap(ref())], '100000000000002'), SECRET, target())).toBe('the answer reached another phone number');
	});

	it('accepts a tap without context, or when the question’s message ID is unknown', () => {
		expect(accepted(find([tap(ref(), { context: undefined })])).incoming.message.id).toBe('wamid.A1');
		expect(accepted(find([tap(ref(), { context: { id: 'wamid.OTHER' } })], { ...binding, questionId: null })).incoming.message.id).toBe('wamid.A1');
	});

	it('knows the customer by BSUID, from the message or from the contact', () => {
		expect(accepted(find([tap(ref(), { from: undefined, from_user_id: 'US.1' })])).incoming.message.id).toBe('wamid.A1');
		const byContact = findAnswer(body([tap(ref(), { from: '15550003333' })], PHONE_NUMBER_ID, [{ wa_id: '15550003333', user_id: 'US.1' }]), SECRET, target());
		expect(accepted(byContact).incoming.message.id).toBe('wamid.A1');
	});

	it('goes on past a refused message to the answer after it', () => {
		const found = accepted(find([tap(ref({ wait: 'EarlierWait1' }), { id: 'wamid.OLD' }), tap(ref(), { id: 'wamid.NEW' })]));
		expect(found.incoming.message.id).toBe('wamid.NEW');
		// …and reports the last refusal when nothing answers.
		expect(find([tap(ref({ wait: 'EarlierWait1' })), tap(ref(), { from: '15559999999' })])).toBe('the answer is not from the contact the question was sent to');
	});
});

describe('findAnswer: Free Text, with the reference the trigger relayed', () => {
	let relayed: string;
	beforeAll(() => {
		relayed = ref({ option: null });
	});

	it('accepts a text from the customer written at or after the question', () => {
		expect(accepted(find([text('fine')], binding, relayed)).reference.option).toBeNull();
		expect(accepted(find([text('fine', { timestamp: String(SENT_AT / 1000) })], binding, relayed)).incoming.message.id).toBe('wamid.T1');
		expect(accepted(find([text('fine', { timestamp: SENT_AT / 1000 + 1 })], binding, relayed)).incoming.message.id).toBe('wamid.T1');
	});

	it.each([
		['written before the question', String(SENT_AT / 1000 - 1)],
		['with a timestamp that is an object', { seconds: 1 }],
		['with a timestamp of letters', '17672256O5'],
		['with a timestamp past the year 9999', '253402300800'],
		['with a negative timestamp', -5],
		['with a fractional timestamp', SENT_AT / 1000 + 0.5],
	])('refuses a text %s', (_what, timestamp) => {
		expect(find([text('fine', { timestamp })], binding, relayed)).toBe('the answer was written before the question was sent');
	});

	it('refuses a relayed reference of a tap, a non-text message, and a text without any reference', () => {
		expect(find([text('fine')], binding, ref())).toBe('no answer to this question in the body');
		expect(find([{ ...text('fine'), type: 'image' }], binding, relayed)).toBe('no answer to this question in the body');
		expect(find([text('fine')], binding)).toBe('no answer to this question in the body');
		expect(find([text('fine')], binding, 'not a reference')).toBe('no answer to this question in the body');
	});

	it('accepts a text that swipe-replies to another message (only taps name their question)', () => {
		expect(accepted(find([text('fine', { context: { id: 'wamid.OTHER' } })], binding, relayed)).incoming.message.id).toBe('wamid.T1');
	});

	it.each([' 1767225605', '1767225605 ', '0x69560205'])('refuses a text whose timestamp %j is not plain digits', (timestamp) => {
		expect(find([text('fine', { timestamp })], binding, relayed)).toBe('the answer was written before the question was sent');
	});

	it('refuses a text from someone else', () => {
		expect(find([text('fine', { from: '15559999999' })], binding, relayed)).toBe('the answer is not from the contact the question was sent to');
	});
});

describe('answerJson: the item the node outputs', () => {
	const approval = { responseType: 'approval', approvalType: 'double', approveLabel: 'Yes', disapproveLabel: 'No' } as Question;
	const answer = (message: IDataObject, option: number | null, contact?: IDataObject, profileName?: string): Answer => ({
		incoming: { message, phoneNumberId: PHONE_NUMBER_ID, profileName, contact },
		reference: { ...reference, option },
	});

	it('approval: the first button approves, the second declines, with the title WhatsApp showed', () => {
		const message = tap('x', { interactive: { type: 'button_reply', button_reply: { id: 'x', title: 'Yes!' } } });
		expect(answerJson(answer(message, 0, undefined, 'Ana'), approval)).toEqual({
			approved: true,
			option: { index: 0, value: 'approve', title: 'Yes!' },
			timedOut: false,
			responseType: 'approval',
			answeredBy: { waId: CUSTOMER, userId: null, name: 'Ana' },
			answeredAt: new Date(Number(AFTER) * 1000).toISOString(),
			message,
		});
		const declined = answerJson(answer(tap('x', { interactive: { type: 'button_reply', button_reply: { id: 'x' } } }), 1), approval);
		expect(declined).toMatchObject({ approved: false, option: { index: 1, value: 'decline', title: 'No' }, answeredBy: { name: null } });
	});

	it('choice: the value (or the title when it has none), from a list row or a template button', () => {
		const choice = { responseType: 'choice', choices: [{ title: 'Red', value: 'r' }, { title: 'Blue', value: ' ' }] } as Question;
		const row = tap('x', { interactive: { type: 'list_reply', list_reply: { id: 'x', title: 'Red' } } });
		expect(answerJson(answer(row, 0), choice)).toMatchObject({ approved: true, option: { index: 0, value: 'r', title: 'Red' } });
		const button = { from: CUSTOMER, timestamp: AFTER, type: 'button', button: { payload: 'x', text: 'Blue' } };
		expect(answerJson(answer(button, 1), choice)).toMatchObject({ option: { index: 1, value: 'Blue', title: 'Blue' } });
		expect(answerJson(answer(button, 5), choice)).toMatchObject({ approved: true, option: { index: 5, value: null, title: 'Blue' } });
		expect(answerJson(answer({ from: CUSTOMER, timestamp: AFTER }, null), choice)).toMatchObject({ option: { index: -1, value: null, title: null } });
	});

	it('free text: the text, or "" when Meta sent none', () => {
		const freeText = { responseType: 'freeText' } as Question;
		expect(answerJson(answer(text('See you at 5'), null), freeText)).toMatchObject({ approved: true, text: 'See you at 5', responseType: 'freeText' });
		expect(answerJson(answer(text({ rich: true }), null), freeText)).toMatchObject({ text: '' });
	});

	it('names a username customer by BSUID, and a phone customer by the contact’s wa_id when the message has no from', () => {
		expect(answerJson(answer({ from_user_id: 'US.1', timestamp: AFTER }, 0, { user_id: 'US.1' }), approval).answeredBy).toEqual({ waId: null, userId: 'US.1', name: null });
		expect(answerJson(answer({ timestamp: AFTER }, 0, { wa_id: CUSTOMER, user_id: 'US.1' }), approval).answeredBy).toEqual({ waId: CUSTOMER, userId: 'US.1', name: null });
		expect(answerJson(answer({ from: '', from_user_id: '', timestamp: AFTER }, 0, { wa_id: '', user_id: '' }), approval).answeredBy).toEqual({ waId: null, userId: null, name: null });
	});

	it('falls back to the option’s own title when WhatsApp’s is no text', () => {
		const message = tap('x', { interactive: { type: 'button_reply', button_reply: { id: 'x', title: 5 } } });
		expect(answerJson(answer(message, 1), approval)).toMatchObject({ option: { index: 1, value: 'decline', title: 'No' } });
	});

	it('reads an answer without sender, contact or text', () => {
		expect(answerJson(answer({ timestamp: AFTER }, 0), approval).answeredBy).toEqual({ waId: null, userId: null, name: null });
		expect(answerJson(answer({ from: CUSTOMER, timestamp: AFTER, type: 'text' }, null), { responseType: 'freeText' } as Question)).toMatchObject({ text: '' });
	});

	it('answers at the epoch when Meta says 0, and now for a negative time', () => {
		expect(answerJson(answer({ from: CUSTOMER, timestamp: '0' }, 0), approval).answeredAt).toBe('1970-01-01T00:00:00.000Z');
		const before = Date.now();
		expect(Date.parse(String(answerJson(answer({ from: CUSTOMER, timestamp: -5 }, 0), approval).answeredAt))).toBeGreaterThanOrEqual(before);
	});

	it('answers at the time Meta gives, or now when it gives none that is a time', () => {
		const before = Date.now();
		const at = Date.parse(String(answerJson(answer({ from: CUSTOMER, timestamp: { x: 1 } }, 0), approval).answeredAt));
		expect(at).toBeGreaterThanOrEqual(before);
		expect(at).toBeLessThanOrEqual(Date.now());
		expect(answerJson(answer({ from: CUSTOMER, timestamp: '253402300799' }, 0), approval).answeredAt).toBe('9999-12-31T23:59:59.000Z');
	});
});
