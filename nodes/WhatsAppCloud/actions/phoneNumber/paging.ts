import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { LIMITS } from '../../validation/limits';

interface Page {
	data?: IDataObject[];
	paging?: { cursors?: { after?: string }; next?: string };
}

/**
 * GETs a Graph edge page by page with the `after` cursor until `limit` entries are collected
 * (or all of them with returnAll). Each page asks for at most LIMITS.pageSize entries, and for
 * no more than are still wanted.
 */
export async function collectPages(
	this: IExecuteFunctions,
	request: {
		path: string;
		qs: IDataObject;
		itemIndex: number;
		returnAll: boolean;
		limit: number;
		/** Most entries Meta returns a page on this edge (default LIMITS.pageSize). */
		pageSize?: number;
	},
): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	let after: string | undefined;
	do {
		const pageSize = request.pageSize ?? LIMITS.pageSize;
		const wanted = request.returnAll ? pageSize : Math.min(pageSize, request.limit - entries.length);
		const qs: IDataObject = { ...request.qs, limit: wanted };
		if (after) qs.after = after;
		const page = (await graphRequest.call(this, {
			method: 'GET',
			path: request.path,
			qs,
			itemIndex: request.itemIndex,
		})) as Page;
		entries.push(...(page.data ?? []));
		after = page.paging?.next ? page.paging.cursors?.after : undefined;
	} while (after && (request.returnAll || entries.length < request.limit));
	return request.returnAll ? entries : entries.slice(0, request.limit);
}
