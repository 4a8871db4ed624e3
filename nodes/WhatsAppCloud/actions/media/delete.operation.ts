import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../transport';
import { mediaIdParameter, ownerCheckOption, ownerQuery, readMediaId } from './shared';
import { optionsCollection } from '../common';

export const description: INodeProperties[] = [mediaIdParameter(), optionsCollection([ownerCheckOption()])];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mediaId = readMediaId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'DELETE',
		path: encodeURIComponent(mediaId),
		qs: ownerQuery(options.ownerPhoneNumberId),
		itemIndex,
	})) as IDataObject;
	return [{ json: { mediaId, success: response?.success === true, ...response } }];
}
