import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { requireBusinessAccountId } from '../../shared/phoneNumberSearch';
import { graphRequest } from '../../shared/transport/graphRequest';

interface FlowsPage {
	data?: IDataObject[];
	paging?: { cursors?: { after?: string }; next?: string };
}

/** Only a published Flow reaches customers; a draft opens only with Flow Mode "Draft". */
const sendable = (flow: IDataObject) => flow.status === 'PUBLISHED';

/**
 * "From List" of a Flow parameter: the WABA's Flows by name and status, one Graph page at a time.
 * In Send Interactive the published ones come first and the others say why they may not open.
 */
export async function searchFlows(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const wabaId = await requireBusinessAccountId.call(this, 'the Flows cannot be listed');
	const page = (await graphRequest.call(this, {
		method: 'GET',
		path: `${wabaId}/flows`,
		qs: { limit: 100, ...(paginationToken ? { after: paginationToken } : {}) },
	})) as FlowsPage;
	const needle = (filter ?? '').trim().toLowerCase();
	const flows = (page.data ?? []).filter((flow) => typeof flow.id === 'string' && (!needle || String(flow.name ?? '').toLowerCase().includes(needle)));
	const forSending = this.getCurrentNodeParameter('resource') === 'message';
	const ordered = forSending ? [...flows.filter(sendable), ...flows.filter((f) => !sendable(f))] : flows;
	const results: INodeListSearchItems[] = ordered.map((flow) => ({
		name: `${String(flow.name ?? flow.id)} (${String(flow.status ?? 'unknown')})`,
		value: String(flow.id),
		...(forSending && !sendable(flow) ? { description: `Opens only with Flow Mode "Draft" while ${String(flow.status)}` } : {}),
	}));
	return { results, paginationToken: page.paging?.next ? page.paging.cursors?.after : undefined };
}
