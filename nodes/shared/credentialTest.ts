import { createHash, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { DEFAULT_GRAPH_BASE_URL, DEFAULT_GRAPH_VERSION, type WhatsAppCloudCredentials } from './credentials';
import { AUTH_SCHEME_HEADER, resolveGraphSettings, tokenMayGoTo } from './transport/graphRequest';

/**
 * The credential's "Test" button: n8n's declarative credential test (the credential's `test`).
 *
 * Why declarative: a node `credentialTest` method gets from n8n (1.x and 2.x) only the
 * deprecated `helpers.request`, which community packages may not use. The declarative test
 * sends one request through n8n's own HTTP stack, with `authenticate` below applied, and can
 * only compare fixed values in the answer: its messages are fixed texts. So it tells a valid
 * token from an expired, revoked or malformed one, and an app token pasted as access token;
 * it cannot name a missing permission (Graph lists them in an array) nor quote Meta's expiry
 * date. Those surface where the user runs the node: Meta's error message (which carries the
 * date for code 190) and the transport's hints (metaErrors.ts) for codes 190, 10, 200.
 */
export const CREDENTIAL_TEST_MESSAGES = {
	expired:
		'The access token has expired. Generate a new one (a System User token can be set to never expire) and paste it here. Any WhatsApp Cloud node run with this token shows the expiry date Meta reports.',
	invalid:
		'The access token is not valid: Meta reports it as revoked or unusable. Copy the whole token again, without spaces, or generate a new one.',
	appToken:
		'The Access Token field holds an app token (App ID|App Secret). WhatsApp calls need a System User or user access token with the whatsapp_business_messaging and whatsapp_business_management permissions.',
	rejected:
		'Meta rejected the token check (HTTP 400). Either the access token is invalid or has expired (generate a new one), or the App ID / App Secret pair is wrong (check both in App Dashboard → App settings → Basic, or leave them empty).',
	unauthorized:
		'Meta rejected the token check (HTTP 401): the access token or the App ID / App Secret pair is not valid. Generate a new access token, and check or empty App ID and App Secret.',
	notFound:
		`The Graph API answered HTTP 404 for debug_token: check the Graph API Base URL (${DEFAULT_GRAPH_BASE_URL} unless you use a proxy or simulator) and the Graph API Version.`,
} as const;

/**
 * The app token `{app-id}|{app-secret}` as the credential test's request carries it, built by an
 * expression over `$credentials` that only n8n's credential tester evaluates: expressions in a
 * workflow (an HTTP Request node using this credential) have no `$credentials`, so no workflow
 * can make a request carry the App Secret. Empty without App ID or App Secret.
 */
const APP_TOKEN_HEADER =
	"={{ String($credentials.appId || '').trim() && String($credentials.appSecret || '').trim() ? 'Bearer ' + String($credentials.appId).trim() + '|' + String($credentials.appSecret).trim() : '' }}";

/**
 * GET {base}/{version}/debug_token?input_token={access token}. With App ID and App Secret
 * filled in, the request itself carries the app token (APP_TOKEN_HEADER), which Meta answers
 * with HTTP 200 even for an expired or revoked token; without them `authenticate` puts the
 * access token there and the token inspects itself (Meta answers an expired or revoked one 400).
 * The access token stays in this URL, unlike the trigger's lookup (tokenApp.ts, a batch POST):
 * n8n's declarative test compares fixed keys of the JSON answer, and a batch returns the answer
 * as JSON text, so the expired / revoked / app-token verdicts above could no longer be read.
 */
export const credentialTestRequest: ICredentialTestRequest = {
	request: {
		method: 'GET',
		baseURL:
			`={{ String($credentials.graphBaseUrl || '${DEFAULT_GRAPH_BASE_URL}').trim().replace(/\\/+$/, '') }}/{{ String($credentials.apiVersion || '${DEFAULT_GRAPH_VERSION}').trim() }}`,
		url: '/debug_token',
		qs: { input_token: '={{ String($credentials.accessToken).trim() }}' },
		headers: { Authorization: APP_TOKEN_HEADER },
		timeout: 20_000,
	},
	rules: [
		// Checked in order; the first match is the verdict.
		{ type: 'responseSuccessBody', properties: { key: 'data.error.subcode', value: 463, message: CREDENTIAL_TEST_MESSAGES.expired } },
		{ type: 'responseSuccessBody', properties: { key: 'data.is_valid', value: false, message: CREDENTIAL_TEST_MESSAGES.invalid } },
		{ type: 'responseSuccessBody', properties: { key: 'data.type', value: 'APP', message: CREDENTIAL_TEST_MESSAGES.appToken } },
		{ type: 'responseCode', properties: { value: 400, message: CREDENTIAL_TEST_MESSAGES.rejected } },
		{ type: 'responseCode', properties: { value: 401, message: CREDENTIAL_TEST_MESSAGES.unauthorized } },
		{ type: 'responseCode', properties: { value: 404, message: CREDENTIAL_TEST_MESSAGES.notFound } },
	] as ICredentialTestRequest['rules'],
};

/**
 * The URL a request goes to, as n8n's HTTP client sees it: an absolute `url`, else `baseURL` +
 * `url`. The HTTP Request node's legacy request names it `uri`.
 */
export function targetUrl(options: IHttpRequestOptions): URL | undefined {
	const legacy = (options as { uri?: unknown }).uri;
	const url = options.url || (typeof legacy === 'string' ? legacy : '');
	try {
		if (/^[a-z][a-z\d+.-]*:/i.test(url) || !options.baseURL) return new URL(url);
		return new URL(`${options.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`);
	} catch {
		return undefined;
	}
}

/** The value of a header, whatever its case. */
export function headerValue(headers: IDataObject, wanted: string): unknown {
	for (const name of Object.keys(headers)) if (name.toLowerCase() === wanted) return headers[name];
	return undefined;
}

function sameSecret(a: string, b: string): boolean {
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(a), digest(b));
}

/**
 * The credential's `authenticate`, applied by n8n to every request made with it (the nodes'
 * Graph calls, the credential test, an HTTP Request node using this credential, to any URL):
 * - refuses a credential whose Graph API Base URL or Version is wrong;
 * - puts the access token (`Authorization: Bearer …`, `OAuth …` where the transport asks for it:
 *   Meta's Resumable Upload sessions) only on requests to the Base URL's origin or to Meta's
 *   media host (tokenMayGoTo); any other request leaves without a credential;
 * - never adds the App Secret: the credential test's debug_token request arrives already
 *   carrying the app token it built itself (APP_TOKEN_HEADER), which is kept when it is exactly
 *   this credential's app token and the request goes to the Base URL's debug_token;
 * - tells n8n not to copy the Authorization header onto a redirect to another origin (n8n
 *   copies it by default, even from https to http).
 */
export async function authenticateGraphRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const data = credentials as unknown as WhatsAppCloudCredentials;
	const settings = resolveGraphSettings(data);
	if ('problem' in settings) throw new UserError(settings.problem);
	const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
	// Resumable Upload sessions take the token as `OAuth …` (transport: GraphRequest.authScheme).
	const scheme = headerValue(headers, AUTH_SCHEME_HEADER) === 'OAuth' ? 'OAuth' : 'Bearer';
	for (const name of Object.keys(headers)) if (name.toLowerCase() === AUTH_SCHEME_HEADER) delete headers[name];
	const options: IHttpRequestOptions = { ...requestOptions, headers, sendCredentialsOnCrossOriginRedirect: false };
	const url = targetUrl(requestOptions);
	if (!url || !tokenMayGoTo(url, settings.baseUrl)) return options;

	const appId = typeof data.appId === 'string' ? data.appId.trim() : '';
	const appSecret = typeof data.appSecret === 'string' ? data.appSecret.trim() : '';
	const presented = headerValue(headers, 'authorization');
	const isCredentialTest =
		appId !== '' &&
		appSecret !== '' &&
		url.pathname.endsWith('/debug_token') &&
		typeof presented === 'string' &&
		sameSecret(presented, `Bearer ${appId}|${appSecret}`);
	if (isCredentialTest) return options;

	for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
	const accessToken = typeof data.accessToken === 'string' ? data.accessToken.trim() : '';
	headers.Authorization = `${scheme} ${accessToken}`;
	return options;
}
