import type {
	IDataObject,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { DEFAULT_GRAPH_BASE_URL, DEFAULT_GRAPH_VERSION, type WhatsAppCloudCredentials } from './credentials';
import { AUTH_SCHEME_HEADER, isLoopbackHost, resolveGraphSettings } from './transport/graphRequest';

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

/** Header that marks the credential test's request; `authenticate` removes it before sending. */
const CREDENTIAL_TEST_HEADER = 'x-wa-credential-test';

/**
 * GET {base}/{version}/debug_token?input_token={access token}. With App ID and App Secret
 * filled in, `authenticate` asks with the app token (in the Authorization header), which Meta
 * answers with HTTP 200 even for an expired or revoked token; without them the token inspects
 * itself, and Meta answers an expired or revoked token with HTTP 400.
 */
export const credentialTestRequest: ICredentialTestRequest = {
	request: {
		method: 'GET',
		baseURL:
			`={{ String($credentials.graphBaseUrl || '${DEFAULT_GRAPH_BASE_URL}').trim().replace(/\\/+$/, '') }}/{{ String($credentials.apiVersion || '${DEFAULT_GRAPH_VERSION}').trim() }}`,
		url: '/debug_token',
		qs: { input_token: '={{ String($credentials.accessToken).trim() }}' },
		// Marks the one request that is asked with the app token (see authenticateGraphRequest).
		headers: { [CREDENTIAL_TEST_HEADER]: '1' },
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

/** The URL a request goes to, as n8n's HTTP client sees it: an absolute `url`, else `baseURL` + `url`. */
function targetUrl(options: IHttpRequestOptions): URL | undefined {
	const url = options.url ?? '';
	try {
		if (/^[a-z][a-z\d+.-]*:/i.test(url) || !options.baseURL) return new URL(url);
		return new URL(`${options.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`);
	} catch {
		return undefined;
	}
}

/**
 * The credential's `authenticate`, applied by n8n to every request made with it (the nodes'
 * Graph calls, the credential test, an HTTP Request node using this credential):
 * - refuses a credential whose Graph API Base URL or Version is wrong, and any request that
 *   would carry the token over plain http to another machine than this one;
 * - sends the access token as `Authorization: Bearer …` (`OAuth …` where the transport asks for
 *   it: Meta's Resumable Upload sessions), except on the credential test's
 *   `debug_token` request when App ID and App Secret are filled in: that one is asked with the
 *   app token `{app-id}|{app-secret}`, also in the Authorization header (never in the URL).
 */
export async function authenticateGraphRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const data = credentials as unknown as WhatsAppCloudCredentials;
	const settings = resolveGraphSettings(data);
	if ('problem' in settings) throw new UserError(settings.problem);
	const url = targetUrl(requestOptions);
	if (url && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new UserError(
			`Refused to send the WhatsApp Cloud API access token over plain http to ${url.hostname}: use https, or http only for a simulator or proxy on this machine (localhost, 127.x.x.x or [::1])`,
		);
	}
	const accessToken = String(data.accessToken ?? '').trim();
	const appId = String(data.appId ?? '').trim();
	const appSecret = String(data.appSecret ?? '').trim();
	// Only the credential test's own debug_token request is asked with the app token; every
	// other request (the trigger's self-inspection included) carries the access token.
	const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
	const isCredentialTest = Object.keys(headers).some((name) => name.toLowerCase() === CREDENTIAL_TEST_HEADER);
	for (const name of Object.keys(headers)) if (name.toLowerCase() === CREDENTIAL_TEST_HEADER) delete headers[name];
	const isDebugToken = url?.pathname.endsWith('/debug_token') === true;
	const bearer = isCredentialTest && isDebugToken && appId && appSecret ? `${appId}|${appSecret}` : accessToken;
	// Resumable Upload sessions take the token as `OAuth …` (transport: GraphRequest.authScheme).
	let scheme = 'Bearer';
	for (const name of Object.keys(headers)) {
		if (name.toLowerCase() !== AUTH_SCHEME_HEADER) continue;
		if (headers[name] === 'OAuth') scheme = 'OAuth';
		delete headers[name];
	}
	return { ...requestOptions, headers: { ...headers, Authorization: `${scheme} ${bearer}` } };
}
