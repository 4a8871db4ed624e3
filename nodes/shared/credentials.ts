import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

/** The credential type both nodes use (credentials/WhatsAppCloudApi.credentials.ts). */
export const CREDENTIAL_TYPE = 'whatsAppCloudApi';

/** Graph API version a credential without one uses. */
export const DEFAULT_GRAPH_VERSION = 'v25.0';

/** Graph API host a credential without a Base URL uses. */
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

/** The credential's fields, as the nodes read them. */
export interface WhatsAppCloudCredentials {
	accessToken: string;
	businessAccountId?: string;
	appId?: string;
	appSecret?: string;
	verifyToken?: string;
	apiVersion?: string;
	graphBaseUrl?: string;
}

export type CredentialContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

/** The node's WhatsApp Cloud API credential (for `itemIndex`, where n8n resolves expressions per item). */
export async function readCredentials(ctx: CredentialContext, itemIndex?: number): Promise<WhatsAppCloudCredentials> {
	// Every context has getCredentials; only the execute one takes an item index.
	const read = ctx as IExecuteFunctions;
	return (await read.getCredentials(CREDENTIAL_TYPE, itemIndex)) as unknown as WhatsAppCloudCredentials;
}
