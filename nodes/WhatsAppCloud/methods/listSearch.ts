import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { graphCredentials, graphRequest } from '../transport';

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

/** The WABA ID from the credential, or an error that tells the user where to put it. */
export async function requireBusinessAccountId(this: ILoadOptionsFunctions): Promise<string> {
	const credentials = await graphCredentials.call(this);
	const waba = (credentials.businessAccountId ?? '').trim();
	if (!waba) {
		throw new NodeOperationError(
			this.getNode(),
			'The credential has no WhatsApp Business Account ID, so the list cannot be loaded. Add the WABA ID to the credential, or switch this field to "By ID".',
		);
	}
	return waba;
}

/** Phone numbers of the credential's WABA, with their verified name and quality. */
export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const waba = await requireBusinessAccountId.call(this);
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
