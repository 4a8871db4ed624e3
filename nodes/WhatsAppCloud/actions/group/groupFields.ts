import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { isGroupId } from '../../../shared/userIds';
import { splitPhoneNumbers } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';

/**
 * What the Group operations share. Meta's limits (Groups API quick facts and "Group management",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/reference):
 * subject ≤ 128 characters (trimmed), description ≤ 2048, at most 8 participants in a group, so
 * at most 8 named in one removal; 10,000 groups per business number (Meta counts those, we cannot).
 */
export const GROUP_LIMITS = {
	subject: 128,
	description: 2048,
	participantsPerRequest: 8,
	/** Join request IDs per approve / reject: a group holds 8 participants, more could never be approved at once. */
	joinRequestsPerRequest: 8,
	groupsPerNumber: 10_000,
	pageSize: 1024,
	pictureBytes: 5 * 1024 * 1024,
} as const;

/** Meta's group IDs: long tokens of letters and digits (e.g. Y2FwaV9ncm91cDox…ZD; isGroupId). */
export const groupIdSchema = z
	.string()
	.trim()
	.min(1)
	.refine(isGroupId, 'must be a group ID (20 or more letters and digits, as Get Many or the trigger give it)');

export const groupIdParameter: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD',
	hint: "The trigger's groupId, or an ID from Group → Get Many",
	description: "The group's ID: Group → Get Many lists them; the WhatsApp Cloud Trigger outputs it as groupId",
};

export const subjectSchema = z.string().trim().max(GROUP_LIMITS.subject);
export const descriptionSchema = z.string().max(GROUP_LIMITS.description);

export function subjectParameter(required: boolean): INodeProperties {
	return {
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required,
		description: `The group's name, up to ${GROUP_LIMITS.subject} characters${required ? '' : '; empty keeps the current one'}`,
	};
}

export function descriptionParameter(required: boolean): INodeProperties {
	return {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		description: `What the group is about, up to ${GROUP_LIMITS.description} characters${required ? '' : '; empty keeps the current one'}`,
	};
}

/** A list of IDs from one field: commas, new lines or an expression's array. */
export function idList(maxItems: number) {
	return z.preprocess(splitPhoneNumbers, z.array(z.string().trim().min(1)).min(1).max(maxItems));
}

/** An operation on one group (its `description` starts with the Group ID): the group ID plus `extra`, checked. */
export function groupInput<E extends z.ZodRawShape>(name: string, extra: E, description: INodeProperties[]) {
	return defineInput(name, z.object({ groupId: groupIdSchema, ...extra }), description);
}

export function readGroupId(this: IExecuteFunctions, itemIndex: number): unknown {
	return this.getNodeParameter('groupId', itemIndex, '');
}

/** A Graph request about one group, with its ID in the path. */
export async function groupRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	request: { method: 'GET' | 'POST' | 'DELETE'; groupId: string; edge?: string; body?: IDataObject; qs?: IDataObject },
): Promise<IDataObject> {
	return (await graphRequest.call(this, {
		method: request.method,
		path: request.edge ? `${request.groupId}/${request.edge}` : request.groupId,
		body: request.body,
		qs: request.qs,
		itemIndex,
	})) as IDataObject;
}

export type { InputDefinition };
