import { defineKind } from './kind';
import { bodyPart, replyToPart } from './parts';

/** A location request: a body text and a "Send location" button; Meta allows no header or footer. */
export const locationRequest = defineKind({
	value: 'locationRequest',
	name: 'Location Request',
	description: 'Asks the contact to share their location',
	parts: [bodyPart, replyToPart],
	shape: {},
	read: () => ({}),
	interactive: () => ({ type: 'location_request_message', action: { name: 'send_location' } }),
});
