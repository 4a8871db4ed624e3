import { NodeOperationError } from 'n8n-workflow';

import { description as labels } from '../../../../nodes/WhatsAppCloud/actions/message/sendText.operation';
import { textMessageInput } from '../../../../nodes/WhatsAppCloud/validation/schemas';
import { validateInput } from '../../../../nodes/WhatsAppCloud/validation/validateInput';
import { ACTION_NODE } from '../../../fixtures/node';

const node = ACTION_NODE;

function errorOf(input: unknown, itemIndex = 0): NodeOperationError {
	try {
		validateInput(node, textMessageInput, input, labels, itemIndex);
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected a validation error');
}

describe('validateInput with the text message schema', () => {
	it('returns the normalised input', () => {
		expect(
			validateInput(node, textMessageInput, { to: '+1 (555) 123-4567', body: 'Hi', previewUrl: false }, labels, 0),
		).toEqual({ to: '15551234567', body: 'Hi', previewUrl: false });
	});

	it('names the parameter, the limit and the item for a too long text', () => {
		const error = errorOf({ to: '15551234567', body: 'x'.repeat(4097), previewUrl: false }, 2);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('"Message Text" is too long: 4097 characters; WhatsApp allows at most 4096 (item 3)');
		expect(error.context.itemIndex).toBe(2);
	});

	it('explains an impossible recipient number', () => {
		const error = errorOf({ to: '07911 123456', body: 'Hi', previewUrl: false });
		expect(error.message).toBe(
			'"Recipient Phone Number or User ID": "07911 123456" is neither a phone number with country code (+1 555 123 4567) nor a WhatsApp user ID (US.13491208655302741918): as a phone number, it starts with a single 0, so it looks like a national number: write it with the country code, e.g. +44 7911 123456 (item 1)',
		);
	});

	it('rejects an empty text and a reply-to id with spaces', () => {
		expect(errorOf({ to: '15551234567', body: '   ', previewUrl: false }).message).toBe(
			'"Message Text" is empty; enter a value (item 1)',
		);
		expect(errorOf({ to: '15551234567', body: 'ok', previewUrl: false, replyTo: 'wamid 1' }).message).toBe(
			'"Reply To Message ID": a message ID has no spaces (it looks like wamid.HBgL…) (item 1)',
		);
	});

	it('lists further problems in the description', () => {
		const error = errorOf({ to: 'abc', body: '', previewUrl: false });
		expect(error.description).toBe('Also:\n"Message Text" is empty; enter a value');
	});
});
