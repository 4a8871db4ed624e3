import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { graphIdSchema, pagingSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { returnAllParameters } from '../parameters';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import { GROUP_LIMITS } from './groupFields';

export const description: INodeProperties[] = [accountPhoneNumberParameter(), ...returnAllParameters()];

const input = defineInput('group.getAll', pagingSchema.extend({ phoneNumberId: graphIdSchema }), description);

export const inputs: InputDefinition[] = [input];

interface GroupsPage {
	data?: { groups?: IDataObject[] };
	paging?: { cursors?: { after?: string }; next?: string };
}

/** GET /{Phone-Number-ID}/groups page by page (Meta nests the list: data.groups); one item per active group. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const { phoneNumberId, limit } = input.parse(
		this.getNode(),
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex), returnAll, limit: returnAll ? 1 : this.getNodeParameter('limit', itemIndex, 50) },
		itemIndex,
	);
	const groups: IDataObject[] = [];
	let after: string | undefined;
	do {
		const wanted = returnAll ? GROUP_LIMITS.pageSize : Math.min(GROUP_LIMITS.pageSize, limit - groups.length);
		const page = (await graphRequest.call(this, {
			method: 'GET',
			path: `${phoneNumberId}/groups`,
			qs: { limit: wanted, ...(after ? { after } : {}) },
			itemIndex,
		})) as GroupsPage;
		groups.push(...(page.data?.groups ?? []));
		after = page.paging?.next ? page.paging.cursors?.after : undefined;
	} while (after && (returnAll || groups.length < limit));
	return (returnAll ? groups : groups.slice(0, limit)).map((group) => ({
		json: { ...group, groupId: group.id ?? null, phoneNumberId },
	}));
}
