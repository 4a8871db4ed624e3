import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { isUserId, PHONE_EXAMPLE } from '../../../shared/userIds';
import { graphRequest } from '../../../shared/transport/graphRequest';
import { recipientId } from '../../validation/recipient';
import { getPhoneNumberId } from '../parameters';

/**
 * What the Call resource's operations share (Meta's Calling API,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/): the user
 * by phone number, the call ID, the SDP a media server supplies, and POST /{phone}/calls. The node
 * carries no audio: Pre-Accept, Accept and Connect pass the SDP through as given; a WebRTC or SIP
 * media server (not n8n) makes it and takes the media.
 */

/** Meta's Calling API names the user by phone number (`to`, `user_wa_id`); it documents no BSUID form. */
export const callUserSchema = recipientId.superRefine((value, ctx) => {
	if (isUserId(value)) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: `"${value}" is a WhatsApp user ID; Meta's Calling API takes the user's phone number (ask for it with Request Contact Info)`,
		});
	}
});

export const callIdSchema = z
	.string()
	.trim()
	.regex(/^wacid\.\S+$/, "must be a WhatsApp call ID like wacid.HBgLMTIx… (the trigger's callId)");

/** Passed through untouched (line endings included); only its start is checked. */
export const sdpSchema = z
	.string()
	.refine((value) => value.trim() !== '', 'is empty; paste the SDP your media server made')
	.refine((value) => value.trim() === '' || /^v=0/.test(value.trimStart()), 'must be an SDP (RFC 8866) starting with v=0, as your media server writes it');

/** Meta's biz_opaque_callback_data: echoed in the call's webhooks (empty = none). */
export const callbackDataSchema = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
	z.string().max(512).optional(),
);

export const userParameter: INodeProperties = {
	displayName: 'User Phone Number',
	name: 'user',
	type: 'string',
	default: '',
	required: true,
	placeholder: PHONE_EXAMPLE,
	description: "The WhatsApp user's phone number with country code; from a trigger item, its waId",
};

export const callIdParameter: INodeProperties = {
	displayName: 'Call ID',
	name: 'callId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'wacid.HBgLMTIxODU1NTI4MjgVAgARGCAyODRQIAFRoA',
	description: 'The call to act on: the callId of the WhatsApp Cloud Trigger\'s call item (event "calls")',
};

export function sdpParameter(kind: 'offer' | 'answer'): INodeProperties {
	return {
		displayName: kind === 'offer' ? 'SDP Offer' : 'SDP Answer',
		name: 'sdp',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 4 },
		description:
			kind === 'offer'
				? 'The SDP offer (RFC 8866) of your WebRTC media server, passed to Meta as it is: n8n carries no audio'
				: "The SDP answer (RFC 8866) your WebRTC media server made for the call's offer (the trigger item's value.calls[0].session.sdp), passed to Meta as it is: n8n carries no audio",
	};
}

export const callbackDataParameter: INodeProperties = {
	displayName: 'Callback Data',
	name: 'callbackData',
	type: 'string',
	default: '',
	description: "Up to 512 characters Meta echoes in the call's webhooks (the trigger's bizOpaqueCallbackData), e.g. a ticket number",
};

export function readString(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return this.getNodeParameter(name, itemIndex, '');
}

/** POSTs one action to /{phone}/calls; the item is Meta's answer with the phone number and what `report` adds. */
export async function postCallAction(
	this: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	report: (response: IDataObject) => IDataObject,
): Promise<INodeExecutionData[]> {
	const phoneNumberId = getPhoneNumberId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${phoneNumberId}/calls`,
		body: { messaging_product: 'whatsapp', ...body },
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, phoneNumberId, ...report(response) } }];
}
