/**
 * Examples that stay invalid against the (rewritten) contract are listed in
 * KNOWN_INVALID_EXAMPLES with the reason; examples.json carries that list under `knownInvalid`
 * and the tests assert that exactly those fail, for exactly that reason.
 */
export const KNOWN_INVALID_EXAMPLES: {
	messages: Record<string, { reason: string; expectError: string }>;
	webhooks: Record<string, { reason: string; expectError: string }>;
} = {
	messages: {
		'Send Reply to List Message': {
			reason:
				'has an `interactive` object but no `type`; a message without type is a text message ' +
				"(Meta's default, and `type` is required in Meta's schema), so it lacks `text` and " +
				'`interactive` is not allowed',
			expectError: "must have required property 'text'",
		},
		'Send Multi-Product Message': {
			reason:
				'interactive.header.type is the placeholder "<HEADER_TYPE>"; Meta\'s HeaderObject.type ' +
				'is an enum (text, video, image, document)',
			expectError: '/interactive/header/type must be equal to one of the allowed values',
		},
		'Send Sample Issue Resolution Template': {
			reason:
				'the quick-reply button parameters are {"type":"text","text":true} / false: booleans ' +
				"where Meta's ButtonTextParameter.text is a string",
			expectError: '/template/components/1/parameters/0/text must be string',
		},
	},
	webhooks: {},
};
