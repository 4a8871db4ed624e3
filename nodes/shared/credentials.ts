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
	/** RSA private key (PEM) of a Flow data endpoint, and its passphrase. */
	flowPrivateKey?: string;
	flowPrivateKeyPassphrase?: string;
}

export type CredentialContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

/**
 * One read per context: n8n builds a new context for every node run, webhook request,
 * activation call and picker request, and getCredentials() is not cached by n8n-core (a database
 * read, a decryption and an expression isolate on every call — about 0.6 ms of main-thread CPU).
 */
const readsByContext = new WeakMap<object, Promise<WhatsAppCloudCredentials>>();

/**
 * The node's WhatsApp Cloud API credential, read once per context (node run, webhook request,
 * activation call, picker request).
 *
 * A credential field that is an expression is resolved the way n8n's own declarative (routing)
 * nodes resolve it: once per node run, against the first item (n8n-core RoutingNode
 * prepareCredentials calls getCredentials(type, 0)). An expression that depends on the item
 * ($json) therefore takes the first item's value for the whole run; $vars, $secrets and
 * constants are the same for every item anyway. `itemIndex` is kept for the callers' error
 * context only. A failed read is not remembered, so the next item reads again.
 */
export async function readCredentials(ctx: CredentialContext, itemIndex?: number): Promise<WhatsAppCloudCredentials> {
	void itemIndex;
	let read = readsByContext.get(ctx);
	if (!read) {
		// Every context has getCredentials; the execute one takes an item index (0: see above).
		const execute = ctx as IExecuteFunctions;
		read = execute.getCredentials(CREDENTIAL_TYPE, 0) as unknown as Promise<WhatsAppCloudCredentials>;
		readsByContext.set(ctx, read);
		const pending = read;
		pending.catch(() => {
			if (readsByContext.get(ctx) === pending) readsByContext.delete(ctx);
		});
	}
	// A copy: callers may extend it (an app token in place of the access token) without touching the others'.
	return { ...(await read) };
}
