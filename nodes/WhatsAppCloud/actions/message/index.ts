import { phoneNumberIdParameter, sendToParameter } from '../parameters';
import { defineResource } from '../types';
import * as markAsRead from './markAsRead.operation';
import * as sendAndWait from './sendAndWait';
import * as sendCallPermissionRequest from './sendCallPermissionRequest.operation';
import * as sendContacts from './sendContacts.operation';
import * as sendInteractive from './sendInteractive.operation';
import * as sendLocation from './sendLocation.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendReaction from './sendReaction.operation';
import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

export const message = defineResource({
	value: 'message',
	displayName: 'Message',
	bulk: true,
	defaultOperation: 'sendText',
	shared: [
		phoneNumberIdParameter(),
		sendToParameter(['sendText', 'sendMedia', 'sendTemplate', 'sendInteractive', 'sendLocation', 'sendContacts', 'sendReaction']),
	],
	operations: {
		sendText,
		sendTemplate,
		sendMedia,
		sendInteractive,
		sendLocation,
		sendContacts,
		sendReaction,
		markAsRead,
		sendAndWait,
		sendCallPermissionRequest,
	},
	options: {
		markAsRead: {
			name: 'Mark as Read',
			action: 'Mark a message as read',
			description: 'Show blue ticks for a received message, optionally with a typing indicator',
		},
		sendAndWait: {
			name: 'Send and Wait for Response',
			action: 'Send message and wait for response',
			description:
				'Ask a question with reply buttons, a list or free text and pause the workflow until the contact answers (needs an active WhatsApp Cloud Trigger)',
		},
		sendCallPermissionRequest: {
			name: 'Send Call Permission Request',
			action: 'Ask a user to allow calls',
			description: 'Ask the user to allow the business to call them; their answer arrives at the WhatsApp Cloud Trigger',
		},
		sendContacts: {
			name: 'Send Contacts',
			action: 'Send contact cards',
			description: 'Send one or more contact cards',
		},
		sendInteractive: {
			name: 'Send Interactive',
			action: 'Send an interactive message',
			description: 'Send reply buttons, a list, a CTA URL button, a location or contact request, a Flow, products or your catalog',
		},
		sendLocation: {
			name: 'Send Location',
			action: 'Send a location',
			description: 'Send a map pin with an optional name and address',
		},
		sendMedia: {
			name: 'Send Media',
			action: 'Send a media message',
			description: 'Send an image, audio, video, document or sticker by URL, media ID or from a binary file',
		},
		sendReaction: {
			name: 'Send Reaction',
			action: 'Send a reaction to a message',
			description: 'React to a message with an emoji, or remove the reaction',
		},
		sendTemplate: {
			name: 'Send Template',
			action: 'Send a template message',
			description: 'Send an approved message template, filling in its variables',
		},
		sendText: {
			name: 'Send Text',
			action: 'Send a text message',
			description: 'Send a text message, optionally as a reply',
		},
	},
});
