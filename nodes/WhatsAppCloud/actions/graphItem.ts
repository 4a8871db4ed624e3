import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { graphRequest } from '../../shared/transport/graphRequest';

/**
 * POSTs `body` to `path` for item `itemIndex` and returns the item: Meta's answer plus the
 * fields `report` adds (what the change was, Meta's `success` under a name that says what
 * succeeded).
 */
export async function postForItem(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	body: IDataObject | undefined,
	report: (response: IDataObject) => IDataObject,
): Promise<INodeExecutionData[]> {
	const response = (await graphRequest.call(this, { method: 'POST', path, body, itemIndex })) as IDataObject;
	return [{ json: { ...response, ...report(response) } }];
}
