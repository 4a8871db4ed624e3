import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { InputDefinition } from '../../validation/validateInput';
import { changeArchive, templateIdsDescription, templateIdsInput } from './templateIds';

export const description: INodeProperties[] = templateIdsDescription('unarchive');

const unarchiveInput = templateIdsInput('template.unarchive', description);

export const inputs: InputDefinition[] = [unarchiveInput];

/** POST /{WABA-ID}/message_templates/unarchive {hsm_ids}: one item with what Meta unarchived and what failed, and why. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { templateIds } = unarchiveInput.parse(
		this.getNode(),
		{ templateIds: this.getNodeParameter('templateIds', itemIndex, '') },
		itemIndex,
	);
	return [{ json: await changeArchive.call(this, itemIndex, 'unarchive', templateIds) }];
}
