/**
 * The WhatsApp Cloud credential in a running n8n: created through the public API, tested the way
 * the editor's Test button does, and the data that points it at the Graph API simulator.
 */
import { APP_ID, APP_SECRET, GRAPH_VERSION, TOKENS, VERIFY_TOKEN, WABA_ID } from '../../simulator/fixtures';
import type { N8nInstance } from '../../lab/n8n';

export const CREDENTIAL_TYPE = 'whatsAppCloudApi';

/** Credential data pointing at the simulator (the one set every suite, bench and `npm run dev` use). */
export function simulatorCredentialData(simUrl: string, accessToken: string = TOKENS.valid): Record<string, string> {
	return {
		accessToken,
		businessAccountId: WABA_ID,
		appId: APP_ID,
		appSecret: APP_SECRET,
		verifyToken: VERIFY_TOKEN,
		apiVersion: GRAPH_VERSION,
		graphBaseUrl: simUrl,
	};
}

export interface CredentialRef {
	id: string;
	name: string;
}

export interface WhatsAppCredentialData {
	accessToken: string;
	businessAccountId: string;
	appId?: string;
	appSecret?: string;
	verifyToken?: string;
	apiVersion?: string;
	graphBaseUrl?: string;
	[key: string]: unknown;
}

/** What createCredential needs of an n8n: its public API (an N8nInstance, a bench target). */
export type PublicApi = Pick<N8nInstance, 'api'>;

const schemas = new WeakMap<PublicApi, Map<string, Promise<{ properties?: Record<string, unknown> }>>>();

/**
 * Creates a credential through the public API (POST /api/v1/credentials).
 * n8n adds "Allowed HTTP Request Domains" to every credential type; the editor saves its default
 * ('all'), and n8n 1.123's public API insists on it (else it demands `allowedDomains`), so it is
 * filled in the same way when the caller leaves it out.
 */
export async function createCredential(n8n: PublicApi, name: string, data: Record<string, unknown>, type = CREDENTIAL_TYPE): Promise<CredentialRef> {
	let perType = schemas.get(n8n);
	if (!perType) schemas.set(n8n, (perType = new Map()));
	let schema = perType.get(type);
	if (!schema) perType.set(type, (schema = n8n.api('GET', `/credentials/schema/${type}`)));
	const body = { ...data };
	if ((await schema).properties?.allowedHttpRequestDomains && body.allowedHttpRequestDomains === undefined) {
		body.allowedHttpRequestDomains = 'all';
	}
	const created = await n8n.api<{ id: string; name: string }>('POST', '/credentials', { name, type, data: body });
	return { id: created.id, name: created.name };
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Tests a saved credential the way the editor's "Test" button does: the editor loads the
 * credential (secrets come back redacted), then POSTs it to /rest/credentials/test; n8n
 * swaps the stored secrets back in and runs the credential type's `test` request.
 */
export async function testCredential(n8n: N8nInstance, cred: CredentialRef): Promise<CredentialTestResult> {
	const loaded = await n8n.rest<{ data: { id: string; name: string; type: string; data?: Record<string, unknown> } }>(
		'GET',
		`/credentials/${cred.id}?includeData=true`,
	);
	const { id, name, type, data } = loaded.data;
	const res = await n8n.rest<{ data: CredentialTestResult }>('POST', '/credentials/test', { credentials: { id, name, type, data: data ?? {} } });
	return res.data;
}
