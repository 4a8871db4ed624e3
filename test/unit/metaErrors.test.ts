import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorItemJson, graphError, metaErrorHint } from '../../nodes/WhatsAppCloud/transport/metaErrors';

const node: INode = {
	id: '1',
	name: 'WhatsApp Cloud',
	type: 'n8n-nodes-whatsapp-cloud.whatsAppCloud',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

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
			error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because more than 24 hours have passed' },
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
		const error = graphError(node, 401, { error: { message: 'Error validating access token: Session has expired', code: 190, error_subcode: 463 } });
		expect(error.message).toContain('(code 190, subcode 463)');
		expect(errorItemJson(error).hint).toMatch(/has expired/);
	});
});
