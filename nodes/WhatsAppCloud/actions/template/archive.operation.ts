import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { InputDefinition } from '../../validation/validateInput';
import { changeArchive, templateIdsDescription, templateIdsInput } from './templateIds';

export const description: INodeProperties[] = templateIdsDescription('archive');

const archiveInput = templateIdsInput('template.archive', description);

export const inputs: InputDefinition[] = [archiveInput];

/** POST /{WABA-ID}/message_templates/archive {hsm_ids}: one item with what Meta archived and what failed, and why. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { templateIds } = archiveInput.parse(
		this.getNode(),
		{ templateIds: this.getNodeParameter('templateIds', itemIndex, '') },
		itemIndex,
	);
	return [{ json: await changeArchive.call(this, itemIndex, 'archive', templateIds) }];
}
