import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createPublicKey } from 'crypto';

import { readCredentials } from '../../../shared/credentials';
import { flowPrivateKey, normalizePem } from '../../../shared/flowCrypto';
import { postForItem } from '../graphItem';
import { ENCRYPTION_EDGE } from './businessPublicKey';
import { phoneNumberOnlyInput } from './locator';

const readCheckedPhoneNumberId = phoneNumberOnlyInput('phoneNumber.setBusinessPublicKey');

export const description: INodeProperties[] = [
	{
		displayName: 'Public Key',
		name: 'publicKeySource',
		type: 'options',
		noDataExpression: true,
		default: 'credential',
		options: [
			{ name: "From the Credential's Flow Endpoint Private Key", value: 'credential' },
			{ name: 'Enter a PEM Public Key', value: 'text' },
		],
		description: 'The RSA public key WhatsApp encrypts Flow data-endpoint requests with',
	},
	{
		displayName: 'Business Public Key',
		name: 'businessPublicKey',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: '-----BEGIN PUBLIC KEY----- …',
		displayOptions: { show: { publicKeySource: ['text'] } },
	},
];

export const inputs = readCheckedPhoneNumberId.inputs;

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

/** The public key to upload: typed, or derived from the credential's private key (which never leaves n8n). */
async function publicKeyPem(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	if (ctx.getNodeParameter('publicKeySource', itemIndex, 'credential') === 'text') {
		const text = ctx.getNodeParameter('businessPublicKey', itemIndex, '') as string;
		try {
			return createPublicKey(normalizePem(text)).export({ type: 'spki', format: 'pem' }).toString();
		} catch {
			fail(ctx, itemIndex, '"Business Public Key" is not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----)');
		}
	}
	const credentials = await readCredentials(ctx, itemIndex);
	const privateKey = flowPrivateKey(credentials.flowPrivateKey, credentials.flowPrivateKeyPassphrase);
	if (!privateKey.ok) fail(ctx, itemIndex, `The public key cannot be derived: ${privateKey.reason}`);
	return createPublicKey(privateKey.value).export({ type: 'spki', format: 'pem' }).toString();
}

/**
 * POST /{Phone-Number-ID}/whatsapp_business_encryption with `business_public_key`: the key
 * WhatsApp encrypts the number's Flow data-endpoint requests with (Meta, "Flows encryption").
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = readCheckedPhoneNumberId.call(this, itemIndex);
	const businessPublicKey = await publicKeyPem(this, itemIndex);
	return await postForItem.call(this, itemIndex, `${phoneNumberId}/${ENCRYPTION_EDGE}`, { business_public_key: businessPublicKey }, () => ({
		phoneNumberId,
		businessPublicKey,
	}));
}
