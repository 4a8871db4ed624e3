import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { LIMITS, limitedText } from '../../validation/limits';
import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput } from '../../validation/validateInput';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import type { Operation } from '../types';

/** A QR code's ID: the 14 letters and digits Meta gives it (as in https://wa.me/message/<code>). */
export const qrCodeSchema = z
	.string()
	.trim()
	.transform((value) => value.replace(/^https:\/\/wa\.me\/message\//i, '').toUpperCase())
	.pipe(
		z
			.string()
			.regex(
				/^[A-Z0-9]{14}$/,
				'must be the 14-letter code of a QR code, like ANED2T5QRU7HG1 (its wa.me link works too)',
			),
	);

export const prefilledMessageSchema = limitedText(LIMITS.qrPrefilledMessage);

export const imageFormatSchema = z.enum(['none', 'PNG', 'SVG'], {
	message: 'must be "none", "PNG" or "SVG"',
});

export const qrCodeParameter: INodeProperties = {
	displayName: 'QR Code',
	name: 'qrCode',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'ANED2T5QRU7HG1',
	description: 'The code of the QR code (QR Code → Get Many lists them), or its https://wa.me/message/… link',
};

export function prefilledMessageParameter(): INodeProperties {
	return {
		displayName: 'Prefilled Message',
		name: 'prefilledMessage',
		type: 'string',
		default: '',
		required: true,
		typeOptions: { rows: 2 },
		placeholder: 'Show me the summer deals!',
		description: `The message a user's WhatsApp fills in after scanning the code, up to ${LIMITS.qrPrefilledMessage} characters`,
	};
}

/** Image Format and the binary field it goes to. */
export const imageParameters: INodeProperties[] = [
	{
		displayName: 'Image Format',
		name: 'imageFormat',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'None', value: 'none', description: 'Only the code and its wa.me link' },
			{ name: 'PNG', value: 'PNG', description: 'Also download the QR image as a PNG file' },
			{ name: 'SVG', value: 'SVG', description: 'Also download the QR image as an SVG file' },
		],
	},
	{
		displayName: 'Put Image in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary field of the output item the QR image is stored in',
		displayOptions: { show: { imageFormat: ['PNG', 'SVG'] } },
	},
];

export const binaryPropertySchema = z.string().trim().min(1);

/** What Meta says about a QR code. */
export interface QrCode {
	code?: string;
	prefilled_message?: string;
	deep_link_url?: string;
	qr_image_url?: string;
	creation_time?: number;
}

/** Reads Image Format and the binary field (only when an image is wanted). */
export function readImage(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const imageFormat = this.getNodeParameter('imageFormat', itemIndex, 'none') as string;
	return {
		imageFormat,
		binaryPropertyName:
			imageFormat === 'none' ? undefined : this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
	};
}

/**
 * One output item for a QR code: its code, message and wa.me link (camelCase), and with an image
 * format the QR image downloaded through the transport into the binary field.
 */
export async function qrCodeItem(
	this: IExecuteFunctions,
	itemIndex: number,
	phoneNumberId: string,
	qr: QrCode,
	image: { imageFormat: string; binaryPropertyName?: string },
): Promise<INodeExecutionData> {
	// Graph's answer is read with typeof checks: an object where a string belongs must not throw.
	const text = (value: unknown) => (typeof value === 'string' ? value : null);
	const code = text(qr.code);
	const json: IDataObject = {
		phoneNumberId,
		code,
		prefilledMessage: text(qr.prefilled_message),
		deepLinkUrl: text(qr.deep_link_url),
	};
	const created = qr.creation_time;
	// Seconds since 1970; Date accepts at most ±8.64e15 ms.
	if (typeof created === 'number' && Number.isFinite(created) && Math.abs(created) <= 8.64e12) {
		json.creationTime = new Date(created * 1000).toISOString();
	}
	if (image.imageFormat === 'none' || !image.binaryPropertyName) return { json };
	const imageUrl = text(qr.qr_image_url);
	json.qrImageUrl = imageUrl;
	if (!imageUrl) return { json };
	// Meta's QR images are signed CDN URLs: the credential's authenticate adds no token there.
	const bytes = (await graphRequest.call(this, {
		method: 'GET',
		path: '',
		absoluteUrl: imageUrl,
		binary: true,
		itemIndex,
	})) as unknown as Buffer;
	const svg = image.imageFormat === 'SVG';
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(bytes),
		`qr-${code ?? 'code'}.${svg ? 'svg' : 'png'}`,
		svg ? 'image/svg+xml' : 'image/png',
	);
	return { json, binary: { [image.binaryPropertyName]: binary } };
}

/**
 * Create and Update (POST /{Phone-Number-ID}/message_qrdls) and the output item: without a code
 * (Create) Meta makes a new QR code; with one (Update) the code keeps its link and gets the new
 * prefilled message.
 */
export function saveQrCodeOperation(verb: 'create' | 'update'): Operation {
	const withCode = verb === 'update';
	const description: INodeProperties[] = [
		...(withCode ? [qrCodeParameter] : []),
		prefilledMessageParameter(),
		...imageParameters,
	];
	const input = defineInput(
		`qrCode.${verb}`,
		z.object({
			phoneNumberId: graphIdSchema,
			...(withCode ? { qrCode: qrCodeSchema } : {}),
			prefilledMessage: prefilledMessageSchema,
			imageFormat: imageFormatSchema,
			binaryPropertyName: binaryPropertySchema.optional(),
		}),
		[accountPhoneNumberParameter(), ...description],
	);
	return {
		description,
		inputs: [input],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const value = input.parse(
				this.getNode(),
				{
					phoneNumberId: readPhoneNumberId.call(this, itemIndex),
					...(withCode ? { qrCode: this.getNodeParameter('qrCode', itemIndex, '') } : {}),
					prefilledMessage: this.getNodeParameter('prefilledMessage', itemIndex, ''),
					...readImage.call(this, itemIndex),
				},
				itemIndex,
			);
			const code = (value as { qrCode?: string }).qrCode;
			const qr = (await graphRequest.call(this, {
				method: 'POST',
				path: `${value.phoneNumberId}/message_qrdls`,
				body: {
					...(code !== undefined ? { code } : {}),
					prefilled_message: value.prefilledMessage,
					...(value.imageFormat !== 'none' ? { generate_qr_image: value.imageFormat } : {}),
				},
				itemIndex,
			})) as QrCode;
			return [await qrCodeItem.call(this, itemIndex, value.phoneNumberId, qr, value)];
		},
	};
}
