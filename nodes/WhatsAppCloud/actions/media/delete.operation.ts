import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/optionsCollection';
import { graphRequest } from '../../../shared/transport/graphRequest';
import { mediaIdCheck, mediaIdParameter, ownerCheckOption, ownerQuery, readMediaId } from '../../media/mediaId';

export const description: INodeProperties[] = [mediaIdParameter(), optionsCollection([ownerCheckOption()])];

export const inputs = [mediaIdCheck];

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
