/**
 * What a wait keeps and accepts (binding.ts), rule by rule: the answerers taken from Meta's send
 * response, the stored binding read back only when intact, every identifier an answer's sender has.
 */
import { bindingFor, newWaitId, readBinding, senderIds, WAIT_KEY } from '../../../../../nodes/shared/sendAndWait/binding';

const SENT_AT = 1_767_225_600_000;

describe('a new wait ID', () => {
	it('is 11 URL-safe base64 characters, new every time', () => {
		const ids = new Set(Array.from({ length: 50 }, () => newWaitId()));
		expect(ids.size).toBe(50);
		for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{11}$/);
	});

	it('lives under one key beside the item’s json', () => {
		expect(WAIT_KEY).toBe('whatsAppCloudWait');
	});
});

describe('bindingFor: who may answer, from the recipient and Meta’s send response', () => {
	it('takes the number as entered, the wa_id Meta returned and the contact’s user IDs, once each', () => {
		const sent = {
			messageId: 'wamid.Q1',
			waId: '5511987654321',
			contacts: [{ input: '551187654321', wa_id: '5511987654321', user_id: 'US.1', parent_user_id: 'US.ENT.2' }],
		};
		expect(bindingFor('w1', '551187654321', sent, SENT_AT)).toEqual({
			wait: 'w1',
			questionId: 'wamid.Q1',
			sentAt: SENT_AT,
			answerers: ['551187654321', '5511987654321', 'US.1', 'US.ENT.2'],
		});
	});

	it('skips empty and non-text IDs, and has no question ID without Meta’s message ID', () => {
		const sent = { waId: '', messageId: 42, contacts: [{ wa_id: 7, user_id: '', parent_user_id: null }] };
		expect(bindingFor('w1', 'US.9', sent as never, SENT_AT)).toStrictEqual({ wait: 'w1', questionId: null, sentAt: SENT_AT, answerers: ['US.9'] });
	});

	it('reads a send response without contacts', () => {
		expect(bindingFor('w1', '15550001111', {}, SENT_AT).answerers).toStrictEqual(['15550001111']);
		expect(bindingFor('w1', '15550001111', { contacts: 'none' }, SENT_AT).answerers).toEqual(['15550001111']);
	});
});

describe('readBinding: the stored binding, only when intact', () => {
	const good = { wait: 'w1', questionId: 'wamid.Q1', sentAt: SENT_AT, answerers: ['15550001111', 'US.1'] };

	it('reads it back', () => {
		expect(readBinding(good)).toEqual(good);
		expect(readBinding({ ...good, questionId: 5 })).toEqual({ ...good, questionId: null });
	});

	it.each([
		['nothing', undefined],
		['a text', 'w1'],
		['no wait', { ...good, wait: undefined }],
		['an empty wait', { ...good, wait: '' }],
		['a wait that is a number', { ...good, wait: 12 }],
		['sentAt as text', { ...good, sentAt: String(SENT_AT) }],
		['sentAt NaN', { ...good, sentAt: Number.NaN }],
		['sentAt infinite', { ...good, sentAt: Number.POSITIVE_INFINITY }],
		['no answerers', { ...good, answerers: [] }],
		['answerers that are no IDs', { ...good, answerers: ['', 5, null] }],
		['answerers not a list', { ...good, answerers: '15550001111' }],
	])('refuses %s', (_what, value) => {
		expect(readBinding(value)).toBeNull();
	});

	it('keeps only the text answerers', () => {
		expect(readBinding({ ...good, answerers: ['', 'US.1', 7] })?.answerers).toEqual(['US.1']);
	});
});

describe('senderIds: every identifier the sender has in the delivery', () => {
	it('takes the message’s from / from_user_id / from_parent_user_id and the contact’s IDs, in that order', () => {
		const message = { from: '15550001111', from_user_id: 'US.1', from_parent_user_id: 'US.ENT.1' };
		const contact = { wa_id: '15550002222', user_id: 'US.2', parent_user_id: 'US.ENT.2' };
		expect(senderIds(message, contact)).toEqual(['15550001111', 'US.1', 'US.ENT.1', '15550002222', 'US.2', 'US.ENT.2']);
	});

	it('drops what is empty or no text, and reads no contact', () => {
		expect(senderIds({ from: '', from_user_id: 5, from_parent_user_id: 'US.ENT.1' }, undefined)).toEqual(['US.ENT.1']);
		expect(senderIds({}, { wa_id: {}, user_id: 'US.2' })).toEqual(['US.2']);
	});
});
