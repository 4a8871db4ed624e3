import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { defineInput } from '../../validation/validateInput';
import type { Operation } from '../types';
import { callbackDataParameter, callbackDataSchema, callIdParameter, callIdSchema, postCallAction, readString, sdpParameter, sdpSchema } from './callFields';

type CallAction = 'pre_accept' | 'accept' | 'reject' | 'terminate';

/**
 * An action on an existing call (POST /{Phone-Number-ID}/calls with `call_id`): Pre-Accept and
 * Accept answer a user's call with the media server's SDP answer (Accept may carry callback data),
 * Reject declines it, Terminate hangs up any call (Meta, "User-initiated calls" and
 * "Business-initiated calls"). Meta answers `success`; the item adds the call ID and the action.
 */
export function callAction(
	name: string,
	action: CallAction,
): Pick<Operation, 'description' | 'inputs' | 'execute'> {
	const withSdp = action === 'pre_accept' || action === 'accept';
	const withCallbackData = action === 'accept';
	const description: INodeProperties[] = [
		callIdParameter,
		...(withSdp ? [sdpParameter('answer')] : []),
		...(withCallbackData ? [callbackDataParameter] : []),
	];
	const input = defineInput(
		name,
		z.object({
			callId: callIdSchema,
			...(withSdp ? { sdp: sdpSchema } : {}),
			...(withCallbackData ? { callbackData: callbackDataSchema } : {}),
		}) as z.ZodType<{ callId: string; sdp?: string; callbackData?: string }>,
		description,
	);
	return {
		description,
		inputs: [input],
		async execute(this, itemIndex) {
			const value = input.parse(
				this.getNode(),
				{
					callId: readString.call(this, 'callId', itemIndex),
					sdp: withSdp ? readString.call(this, 'sdp', itemIndex) : undefined,
					callbackData: withCallbackData ? readString.call(this, 'callbackData', itemIndex) : undefined,
				},
				itemIndex,
			);
			const body = {
				call_id: value.callId,
				action,
				...(value.sdp !== undefined ? { session: { sdp_type: 'answer', sdp: value.sdp } } : {}),
				...(value.callbackData ? { biz_opaque_callback_data: value.callbackData } : {}),
			};
			return await postCallAction.call(this, itemIndex, body, () => ({ callId: value.callId, action }));
		},
	};
}
