import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCredentials } from './credentials';
import { graphRequest } from './transport/graphRequest';
import { resolveWabaId, WABA_FIELD_LABEL } from './waba';

interface PhoneNumber {
	id: string;
	display_phone_number?: string;
	verified_name?: string;
	quality_rating?: string;
}

interface Page<T> {
	data?: T[];
	paging?: { cursors?: { after?: string }; next?: string };
}

/**
 * The WABA a picker lists from: the node's "WhatsApp Business Account ID" when the node has one
 * and it is filled, else the credential's (waba.ts, the rule every caller uses). The
 * editor sends the node's current parameters unresolved, so an expression cannot be used here.
 * `purpose` finishes the sentence "… so <purpose>"; `hint` is appended to every problem.
 */
export async function requireBusinessAccountId(
	this: ILoadOptionsFunctions,
	purpose = 'the list cannot be loaded',
	hint = ', or switch this field to "By ID"',
): Promise<string> {
	const override = this.getCurrentNodeParameter('businessAccountId') as unknown;
	if (typeof override === 'string' && override.startsWith('=')) {
		throw new NodeOperationError(
			this.getNode(),
			`"${WABA_FIELD_LABEL}" is an expression, so ${purpose} in the editor: enter the ID itself${hint}`,
		);
	}
	const credentials = await readCredentials(this);
	const resolved = resolveWabaId(override, credentials.businessAccountId, purpose);
	if ('problem' in resolved) throw new NodeOperationError(this.getNode(), `${resolved.problem}${hint}`);
	return resolved.wabaId;
}

/** Phone numbers of the WABA (the node's or the credential's), with their verified name and quality. */
export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const waba = await requireBusinessAccountId.call(this, 'the phone numbers cannot be listed');
	const qs: IDataObject = { fields: 'id,display_phone_number,verified_name,quality_rating', limit: 100 };
	if (paginationToken) qs.after = paginationToken;
	const page = (await graphRequest.call(this, {
		method: 'GET',
		path: `${encodeURIComponent(waba)}/phone_numbers`,
		qs,
	})) as Page<PhoneNumber>;
	const needle = (filter ?? '').toLowerCase();
	const results = (page.data ?? [])
		.map((number) => ({
			name: `${number.display_phone_number ?? number.id}${number.verified_name ? ` — ${number.verified_name}` : ''}${number.quality_rating ? ` (quality ${number.quality_rating})` : ''}`,
			value: number.id,
		}))
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle) || entry.value.includes(needle));
	return {
		results,
		paginationToken: page.paging?.next ? page.paging.cursors?.after : undefined,
	};
}

/**
 * Every phone number of the credential's WABA as options (the trigger's "Only Phone Numbers"),
 * following Graph's paging for up to 10 pages of 100.
 */
export async function getPhoneNumberOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	let after: string | undefined;
	for (let page = 0; page < 10; page++) {
		const result = await searchPhoneNumbers.call(this, undefined, after);
		options.push(...result.results.map((entry) => ({ name: entry.name, value: String(entry.value) })));
		if (!result.paginationToken || result.paginationToken === after) break;
		after = String(result.paginationToken);
	}
	return options;
}
