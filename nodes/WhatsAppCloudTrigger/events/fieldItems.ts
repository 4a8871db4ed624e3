/**
 * What a change of a webhook field other than messages becomes: typed items. A field's mapper
 * reads Meta's `value` (untrusted: read it with ../../shared/jsonValues) and returns one
 * FieldItem per thing a workflow acts on (a preference, an echo, a synced message …); fanOut.ts
 * adds the fields every item has (event, phone number, WABA, user fields, dedupeKey, value).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Obj } from '../../shared/jsonValues';
import type { UserIds } from '../userFields';

export interface FieldItem {
	/** Flat, named fields (camelCase) of this item, beside the common ones. */
	fields: IDataObject;
	/** The one user the item is about; without it the item names the change's lone contact, preference or echo (if any). */
	user?: { ids: UserIds; contact?: Obj };
	/**
	 * The element of `value` this item stands for, when a change yields several items (one per
	 * synced message …): it keys the item's redelivery dedupe and is the item's `value`, so a sync
	 * of N messages stays N items of one message each, not N copies of the whole change.
	 */
	part?: unknown;
	/** Meta's time of this item (Unix seconds or ISO); the change's or the entry's time otherwise. */
	timestamp?: unknown;
	/** The item's `type` (what happened); the field name otherwise. */
	type?: string | null;
	/** A human-readable text, when the event has one (an echo's text …). */
	text?: string | null;
}

/** A field's reader: no items (an empty list) means "one untyped item with the raw value", as before. */
export type FieldMapper = (value: Obj) => FieldItem[];
