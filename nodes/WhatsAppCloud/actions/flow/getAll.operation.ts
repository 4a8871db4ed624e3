import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema, pagingSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import { returnAllParameters } from '../parameters';

export const description: INodeProperties[] = [businessAccountIdParameter(), ...returnAllParameters()];

const input = defineInput('flow.getAll', pagingSchema.extend({ businessAccountId: graphIdSchema }), description);

export const inputs: InputDefinition[] = [input];

const PAGE_SIZE = 100;

interface FlowsPage {
	data?: IDataObject[];
	paging?: { cursors?: { after?: string }; next?: string };
}

/** GET /{WABA-ID}/flows page by page; one item per Flow (id, name, status, categories, validation errors). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const { businessAccountId: wabaId, limit } = input.parse(
		this.getNode(),
		{
			businessAccountId: await getBusinessAccountId.call(this, itemIndex, 'the Flows cannot be listed'),
			returnAll,
			limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50),
		},
		itemIndex,
	);
	const flows: IDataObject[] = [];
	let after: string | undefined;
	do {
		const wanted = returnAll ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - flows.length);
		const page = (await graphRequest.call(this, {
			method: 'GET',
			path: `${wabaId}/flows`,
			qs: { limit: wanted, ...(after ? { after } : {}) },
			itemIndex,
		})) as FlowsPage;
		flows.push(...(page.data ?? []));
		after = page.paging?.next ? page.paging.cursors?.after : undefined;
	} while (after && (returnAll || flows.length < limit));
	return (returnAll ? flows : flows.slice(0, limit)).map((flow) => ({ json: { ...flow, flowId: flow.id ?? null, wabaId } }));
}
