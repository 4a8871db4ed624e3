import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { isoTimestamp } from '../../../shared/jsonValues';
import { graphRequest } from '../../../shared/transport/graphRequest';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { getPhoneNumberId } from '../parameters';
import { callUserSchema, userParameter } from './callFields';

export const description: INodeProperties[] = [userParameter];

const input = defineInput('call.getPermissions', z.object({ user: callUserSchema }), description);
export const inputs: InputDefinition[] = [input];

interface PermissionAnswer extends IDataObject {
	permission?: { status?: string; expiration_time?: number };
	actions?: Array<{ action_name?: string; can_perform_action?: boolean }>;
}

/**
 * GET /{Phone-Number-ID}/call_permissions?user_wa_id=: whether the business may call the user
 * (Meta: no_permission, temporary until expiration_time, permanent) and whether it can call or ask
 * for permission now (Meta's actions with their limits), flat beside Meta's answer.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { user } = input.parse(this.getNode(), { user: this.getNodeParameter('user', itemIndex, '') }, itemIndex);
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: `${phoneNumberId}/call_permissions`,
		qs: { user_wa_id: user },
		itemIndex,
	})) as PermissionAnswer;
	const can = (name: string) => response.actions?.find((a) => a.action_name === name)?.can_perform_action === true;
	return [
		{
			json: {
				...response,
				phoneNumberId,
				user,
				permissionStatus: response.permission?.status ?? null,
				permissionExpiresAt: isoTimestamp(response.permission?.expiration_time),
				canCall: can('start_call'),
				canRequestPermission: can('send_call_permission_request'),
			},
		},
	];
}
