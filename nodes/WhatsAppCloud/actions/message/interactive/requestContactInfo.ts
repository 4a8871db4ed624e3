import { defineKind } from './kind';
import { bodyPart, replyToPart } from './parts';

/**
 * A contact request: a body text and WhatsApp's "Share phone number" button, for a user who
 * writes under a username (Meta withholds their number); the answer comes back as a `contacts`
 * message with `origin: "contact_request"`. Meta's pages reachable here show the button only in
 * templates; the interactive form (type and action name `request_contact_info`) is the one
 * providers that pass the Cloud API through document (kapso, gupshup; docs/usernames-facts.md).
 */
export const requestContactInfo = defineKind({
	value: 'requestContactInfo',
	name: 'Request Contact Info',
	description: 'Asks the contact to share their phone number',
	parts: [bodyPart, replyToPart],
	shape: {},
	read: () => ({}),
	interactive: () => ({ type: 'request_contact_info', action: { name: 'request_contact_info' } }),
});
