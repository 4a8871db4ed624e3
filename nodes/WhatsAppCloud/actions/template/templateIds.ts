import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { defineInput } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';

/**
 * "Template IDs" of Archive, Unarchive and Delete Many: Meta takes up to 100 template IDs per
 * request as `hsm_ids` ("Template archival",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-archival;
 * bulk delete in Meta's changelog).
 */
export const MAX_TEMPLATE_IDS = 100;

export function templateIdsDescription(action: string): INodeProperties[] {
	return [
		businessAccountIdParameter(),
		{
			displayName: 'Template IDs',
			name: 'templateIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1387372356726668, 1387372356726669',
			description: `The IDs of the templates to ${action}, separated by commas, spaces or new lines (or a list from an expression); at most ${MAX_TEMPLATE_IDS}`,
		},
	];
}

const idList = z.preprocess(
	(value) =>
		(Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,;]+/))
			.map((id) => id.trim().replace(/^["']|["']$/g, ''))
			.filter(Boolean),
	z
		.array(z.string().regex(/^[0-9]{1,20}$/, 'must be numeric template IDs'))
		.min(1)
		.max(MAX_TEMPLATE_IDS)
		.refine((ids) => new Set(ids).size === ids.length, 'lists an ID twice'),
);

export function templateIdsInput(id: string, description: INodeProperties[]) {
	return defineInput(id, z.object({ templateIds: idList }), description);
}

/** POST /{WABA-ID}/message_templates/{archive|unarchive} with the IDs; one item: what was done, each failure with its reason. */
export async function changeArchive(
	this: IExecuteFunctions,
	itemIndex: number,
	verb: 'archive' | 'unarchive',
	ids: string[],
): Promise<IDataObject> {
	const waba = await getBusinessAccountId.call(this, itemIndex, `there is no account to ${verb} templates in`);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${waba}/message_templates/${verb}`,
		body: { hsm_ids: ids },
		itemIndex,
	})) as IDataObject;
	const done = (response[`${verb}d_templates`] as string[] | undefined) ?? [];
	const { failed_templates: failedMap, ...rest } = response;
	// Meta keys failures by template ID; a list keeps the output's shape the same for any IDs.
	const failures = Object.entries((failedMap as IDataObject | undefined) ?? {}).map(([templateId, reason]) => ({
		templateId,
		reason: String(reason),
	}));
	return { ...rest, failures, [`${verb}d`]: done.length, failed: failures.length };
}
