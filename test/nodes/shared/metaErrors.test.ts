import { NodeApiError } from 'n8n-workflow';

import { errorItemJson, graphError, metaErrorHint } from '../../../nodes/shared/transport/metaErrors';
import { ACTION_NODE } from '../../fixtures/node';

const node = ACTION_NODE;

describe('metaErrorHint', () => {
	it.each([
		[190, undefined, /expired or is invalid/],
		[190, 463, /has expired/],
		[3, undefined, /whatsapp_business_management/],
		[10, undefined, /permission/],
		[200, undefined, /permission/],
		[299, undefined, /permission/],
		[100, undefined, /details/],
		[131047, undefined, /24 hours.*template/],
		[131026, undefined, /undeliverable/],
		[132001, undefined, /not approved/],
		[133010, undefined, /Register/],
		[131009, undefined, /not belong to this WhatsApp Business Account/],
		[130429, undefined, /80 messages per second/],
		[131056, undefined, /pair rate limit/],
		[368, undefined, /policy/],
	])('code %p subcode %p', (code, subcode, hint) => {
		expect(metaErrorHint(code, subcode)).toMatch(hint);
	});

	it('has no hint for an unknown code', () => {
		expect(metaErrorHint(999999)).toBeUndefined();
		expect(metaErrorHint(undefined)).toBeUndefined();
	});
});

describe('graphError', () => {
	const body = {
		error: {
			message: '(#131047) Re-engagement message',
			type: 'OAuthException',
			code: 131047,
			error_data: {
				messaging_product: 'whatsapp',
				details: 'Message failed to send because more than 24 hours have passed',
			},
			fbtrace_id: 'AbCdEf123',
		},
	};

	it('keeps Meta code, details, fbtrace_id and adds the hint', () => {
		const error = graphError(node, 400, body, 4);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('WhatsApp Cloud API error (code 131047): (#131047) Re-engagement message');
		expect(error.description).toContain('Details: Message failed to send because more than 24 hours have passed');
		expect(error.description).toContain('Hint: More than 24 hours');
		expect(error.description).toContain('fbtrace_id: AbCdEf123');
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(4);
		expect(errorItemJson(error)).toMatchObject({
			error: error.message,
			httpStatus: 400,
			code: 131047,
			subcode: null,
			fbtraceId: 'AbCdEf123',
			details: 'Message failed to send because more than 24 hours have passed',
			hint: expect.stringMatching(/template/),
		});
	});

	it('copes with a body that is not a Meta error', () => {
		const error = graphError(node, 502, '<html>Bad gateway</html>');
		expect(error.message).toBe('WhatsApp Cloud API answered HTTP 502 without an error description');
		expect(errorItemJson(error)).toMatchObject({ httpStatus: 502, code: null, hint: null });
	});

	it('reads subcodes', () => {
		const error = graphError(node, 401, {
			error: { message: 'Error validating access token: Session has expired', code: 190, error_subcode: 463 },
		});
		expect(error.message).toContain('(code 190, subcode 463)');
		expect(errorItemJson(error).hint).toMatch(/has expired/);
	});
});

describe('hints for recipient, account and template problems', () => {
	it.each([
		[
			131030,
			undefined,
			"The recipient is not in the test number's allowed list. Add the number in App Dashboard → WhatsApp → API Setup → To, or send from a production number.",
		],
		[
			131037,
			undefined,
			"The phone number's display name is not approved yet. Wait for Meta's review or fix the name in WhatsApp Manager → Phone numbers; messages can be sent once it is approved.",
		],
		[
			33,
			undefined,
			'The object does not exist or this token has no permission on it: check the ID (Phone Number ID, WABA ID, template or media ID) and that the System User has that asset assigned in Business Settings.',
		],
		[
			132018,
			undefined,
			'A template parameter is not valid: check each variable value (not empty, no new lines, tabs or more than four spaces in a row) and its type against the template.',
		],
		[
			131031,
			undefined,
			'The business account is locked: for a policy violation or failed verification (check WhatsApp Manager → Account Quality), or after wrong two-step verification PIN attempts (wait, then use the right PIN or reset it in WhatsApp Manager → Phone numbers → Two-step verification).',
		],
		[
			100,
			2388023,
			'A template with this name already exists in this language, or the name of a deleted template is still held (about four weeks). Use another name, or add the new language to the existing template.',
		],
		[
			100,
			2388024,
			'A template with this name and language already exists. Use another name or language, or edit the existing template in WhatsApp Manager.',
		],
		[
			100,
			2388040,
			'A template field is longer than Meta allows (body, header, footer or button text): read "details" for which one.',
		],
		[
			100,
			2388047,
			'The template header is not in a format Meta accepts: check the header type and its text (no new lines, emoji or formatting) or sample file.',
		],
	])('code %p subcode %p', (code, subcode, hint) => {
		expect(metaErrorHint(code, subcode)).toBe(hint);
	});

	it('a template subcode under another code keeps that code’s hint', () => {
		expect(metaErrorHint(131009, 2388023)).toBe(
			'A parameter value is not valid. Often the phone number ID does not belong to this WhatsApp Business Account, or a value has the wrong format: read "details".',
		);
	});

	it('code 100 with an unlisted subcode falls back to the code 100 hint', () => {
		expect(metaErrorHint(100, 2388999)).toBe(
			'A parameter is missing, unsupported or has a wrong value: read "details" for which one.',
		);
	});
});

describe('graphError on hostile answers (objects where Meta sends strings and numbers)', () => {
	// An object whose toString is not a function: String(), template literals and `+ ''` throw on it.
	const poison = () => ({ toString: 1, valueOf: 1 });

	it('never throws, and keeps only fields of the documented types', () => {
		const body = {
			error: {
				message: poison(),
				type: poison(),
				code: poison(),
				error_subcode: poison(),
				error_user_title: poison(),
				error_user_msg: poison(),
				error_data: { details: poison() },
				fbtrace_id: poison(),
			},
		};
		const error = graphError(node, 400, body, 0);
		expect(error.message).toBe('WhatsApp Cloud API answered HTTP 400 without an error description');
		expect(errorItemJson(error)).toEqual({
			error: 'WhatsApp Cloud API answered HTTP 400 without an error description',
			httpStatus: 400,
			code: null,
			subcode: null,
			type: null,
			title: null,
			details: null,
			fbtraceId: null,
			hint: null,
		});
	});

	it('a poisoned error_data, huge or fractional codes: dropped, the message kept', () => {
		const error = graphError(node, 500, { error: { message: 'Boom', code: 1e300, error_subcode: 1.5, error_data: poison() } });
		expect(error.message).toBe('WhatsApp Cloud API error: Boom');
		expect(errorItemJson(error)).toMatchObject({ code: null, subcode: null, details: null });
	});

	it('an array or a poisoned object as the error itself', () => {
		expect(graphError(node, 400, { error: [poison()] }).message).toBe('WhatsApp Cloud API answered HTTP 400 without an error description');
		expect(graphError(node, 400, { error: poison() }).message).toBe('WhatsApp Cloud API answered HTTP 400 without an error description');
	});

	it('string error_data is still the details', () => {
		expect(errorItemJson(graphError(node, 400, { error: { message: 'x', code: 100, error_data: 'field y' } })).details).toBe('field y');
	});
});
