import { str } from '../shared/jsonValues';
import type { EventKind, TriggerEvent } from './fanOut';

export type EventChoice = 'messages' | 'statuses' | 'other';

export interface EventFilter {
	/** Event families to emit; all three when empty. */
	events: EventChoice[];
	/** Message types (text, image, interactive …); all when empty. */
	messageTypes: string[];
	/** Status values (sent, delivered, read, failed); all when empty. */
	statusTypes: string[];
	/** Only these business phone number IDs; all when empty. Events without a number pass. */
	phoneNumberIds: string[];
	/** Only these other fields (e.g. message_template_status_update); all when empty. */
	otherFields: string[];
}

/** An item's text field, '' when it has none. */
const text = (x: unknown): string => str(x) ?? '';

const KIND_OF_CHOICE: Record<EventChoice, EventKind> = { messages: 'message', statuses: 'status', other: 'other' };

/** Splits a comma / space / newline separated list typed by a user, dropping blanks. */
export function parseList(text: unknown): string[] {
	if (Array.isArray(text)) return text.map((t) => (typeof t === 'string' || typeof t === 'number' ? `${t}`.trim() : '')).filter(Boolean);
	if (typeof text !== 'string') return [];
	return text
		.split(/[\s,;]+/)
		.map((t) => t.trim())
		.filter(Boolean);
}

/** Whether the trigger emits this event, given the user's filters. */
export function passes(event: TriggerEvent, filter: EventFilter): boolean {
	if (filter.events.length > 0 && !filter.events.some((choice) => KIND_OF_CHOICE[choice] === event.kind)) {
		return false;
	}
	const phoneNumberId = event.json.phoneNumberId as string | null;
	if (filter.phoneNumberIds.length > 0 && phoneNumberId !== null && !filter.phoneNumberIds.includes(phoneNumberId)) {
		return false;
	}
	if (event.kind === 'message' && filter.messageTypes.length > 0) {
		return filter.messageTypes.includes(text(event.json.type));
	}
	if (event.kind === 'status' && filter.statusTypes.length > 0) {
		return filter.statusTypes.includes(text(event.json.status));
	}
	if (event.kind === 'other' && filter.otherFields.length > 0) {
		return filter.otherFields.includes(text(event.json.field));
	}
	return true;
}

export function applyFilter(events: TriggerEvent[], filter: EventFilter): TriggerEvent[] {
	return events.filter((event) => passes(event, filter));
}
