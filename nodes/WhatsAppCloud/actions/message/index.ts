import type { INodeProperties } from 'n8n-workflow';

import type { Resource } from '../types';
import * as markAsRead from './markAsRead.operation';
import * as sendContacts from './sendContacts.operation';
import * as sendInteractive from './sendInteractive.operation';
import * as sendLocation from './sendLocation.operation';
import * as sendMedia from './sendMedia.operation';
import * as sendReaction from './sendReaction.operation';
import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['message'] } },
	options: [
		{
			name: 'Mark as Read',
			value: 'markAsRead',
			action: 'Mark a message as read',
			description: 'Show blue ticks for a received message, optionally with a typing indicator',
		},
		{
			name: 'Send Contacts',
			value: 'sendContacts',
			action: 'Send contact cards',
			description: 'Send one or more contact cards',
		},
		{
			name: 'Send Interactive',
			value: 'sendInteractive',
			action: 'Send an interactive message',
			description: 'Send reply buttons, a list, a CTA URL button, a location request or a Flow',
		},
		{
			name: 'Send Location',
			value: 'sendLocation',
			action: 'Send a location',
			description: 'Send a map pin with an optional name and address',
		},
		{
			name: 'Send Media',
			value: 'sendMedia',
			action: 'Send a media message',
			description: 'Send an image, audio, video, document or sticker by URL, media ID or from a binary file',
		},
		{
			name: 'Send Reaction',
			value: 'sendReaction',
			action: 'React to a message',
			description: 'React to a message with an emoji, or remove the reaction',
		},
		{
			name: 'Send Template',
			value: 'sendTemplate',
			action: 'Send a template message',
			description: 'Send an approved message template, filling in its variables',
		},
		{
			name: 'Send Text',
			value: 'sendText',
			action: 'Send a text message',
			description: 'Send a text message, optionally as a reply',
		},
	],
	default: 'sendText',
};

export const message: Resource = {
	description: [
		operationSelector,
		...sendText.description,
		...sendTemplate.description,
		...sendMedia.description,
		...sendInteractive.description,
		...sendLocation.description,
		...sendContacts.description,
		...sendReaction.description,
		...markAsRead.description,
	],
	operations: { sendText, sendTemplate, sendMedia, sendInteractive, sendLocation, sendContacts, sendReaction, markAsRead },
};
