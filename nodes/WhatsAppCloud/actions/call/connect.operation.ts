import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { callbackDataParameter, callbackDataSchema, callUserSchema, postCallAction, readString, sdpParameter, sdpSchema, userParameter } from './callFields';

export const description: INodeProperties[] = [userParameter, sdpParameter('offer'), callbackDataParameter];

const input = defineInput('call.connect', z.object({ user: callUserSchema, sdp: sdpSchema, callbackData: callbackDataSchema }), description);
export const inputs: InputDefinition[] = [input];

/**
 * POST /{Phone-Number-ID}/calls, action connect: calls a user who gave the business permission
 * (else Meta answers 138006), with the media server's SDP offer. The item: the new call's ID.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = input.parse(
		this.getNode(),
		{ user: readString.call(this, 'user', itemIndex), sdp: readString.call(this, 'sdp', itemIndex), callbackData: readString.call(this, 'callbackData', itemIndex) },
		itemIndex,
	);
	const body = {
		to: value.user,
		action: 'connect',
		session: { sdp_type: 'offer', sdp: value.sdp },
		...(value.callbackData ? { biz_opaque_callback_data: value.callbackData } : {}),
	};
	return await postCallAction.call(this, itemIndex, body, (response) => {
		const calls = response.calls as Array<{ id?: string }> | undefined;
		return { callId: calls?.[0]?.id ?? null, user: value.user };
	});
}
