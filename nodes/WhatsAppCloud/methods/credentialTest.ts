import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { metaErrorOf } from '../transport/metaErrors';
import type { WhatsAppCloudCredentials } from '../transport';
import { resolveGraphSettings } from '../transport';

/** The two permissions every WhatsApp Cloud API token needs. */
export const REQUIRED_SCOPES = ['whatsapp_business_messaging', 'whatsapp_business_management'] as const;

interface DebugTokenData {
	app_id?: string;
	application?: string;
	type?: string;
	is_valid?: boolean;
	expires_at?: number;
	data_access_expires_at?: number;
	scopes?: string[];
	granular_scopes?: Array<{ scope: string; target_ids?: string[] }>;
	error?: { code?: number; subcode?: number; message?: string };
}

function expiryText(expiresAt: number | undefined): string {
	if (!expiresAt) return 'never expires';
	return `expires ${new Date(expiresAt * 1000).toISOString().replace('.000Z', 'Z')}`;
}

function isExpiry(error: { code?: number; subcode?: number; error_subcode?: number; message?: string }): boolean {
	return error.subcode === 463 || error.error_subcode === 463 || /expired/i.test(error.message ?? '');
}

/**
 * What Graph's `debug_token` says about a token, in words a user can act on. Pure, so it is
 * unit tested on its own; the credential test below only fetches.
 */
export function judgeDebugToken(
	data: DebugTokenData,
	businessAccountId?: string,
): INodeCredentialTestResult {
	if (!data.is_valid) {
		const reason = data.error?.message ?? 'Meta reports the token as not valid';
		if (data.error && isExpiry(data.error)) {
			return {
				status: 'Error',
				message: `The access token has expired. Meta says: "${reason}". Generate a new token (a System User token can be set to never expire) and paste it here.`,
			};
		}
		return {
			status: 'Error',
			message: `The access token is not valid. Meta says: "${reason}". Copy the whole token again, without spaces.`,
		};
	}
	const scopes = data.scopes ?? [];
	const missing = REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope));
	if (missing.length) {
		return {
			status: 'Error',
			message: `The token is valid but is missing the permission${missing.length > 1 ? 's' : ''} ${missing.join(' and ')}. In Business Settings → System Users, generate a new token with ${missing.join(' and ')} ticked.`,
		};
	}
	const waba = businessAccountId?.trim();
	if (waba) {
		const management = data.granular_scopes?.find((s) => s.scope === 'whatsapp_business_management');
		if (management?.target_ids && !management.target_ids.includes(waba)) {
			return {
				status: 'Error',
				message: `The token is valid but its whatsapp_business_management permission does not cover WhatsApp Business Account ${waba}. Assign that account to the System User, then generate a new token.`,
			};
		}
	}
	const app = data.application ? `app "${data.application}"${data.app_id ? ` (${data.app_id})` : ''}` : `app ${data.app_id ?? 'unknown'}`;
	return {
		status: 'OK',
		message: `Token valid for ${app}; ${expiryText(data.expires_at)}; has ${REQUIRED_SCOPES.join(' and ')}.`,
	};
}

interface FullResponse {
	statusCode: number;
	body: unknown;
}

/**
 * Credential test: asks Graph's `debug_token` about the access token. With App ID and App
 * Secret filled in it asks with the app token, which also works for expired tokens; without
 * them the token inspects itself. ICredentialTestFunctions offers only `helpers.request` for
 * HTTP, so this is the one place that does not go through httpRequestWithAuthentication.
 * The token is never echoed in a message.
 */
export async function whatsAppCloudApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as unknown as WhatsAppCloudCredentials;
	const token = (data.accessToken ?? '').trim();
	if (!token) return { status: 'Error', message: 'Enter an access token.' };
	const settings = resolveGraphSettings(data);
	if ('problem' in settings) return { status: 'Error', message: settings.problem };

	const appId = (data.appId ?? '').trim();
	const appSecret = (data.appSecret ?? '').trim();
	// Graph reads input_token only as a parameter; the app token (or the token itself) goes in the header.
	const qs: IDataObject = { input_token: token };
	const headers: IDataObject = { Authorization: `Bearer ${appId && appSecret ? `${appId}|${appSecret}` : token}` };

	let response: FullResponse;
	try {
		// ICredentialTestFunctions offers no other HTTP helper than `request` (n8n 1.x and 2.x).
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		response = (await this.helpers.request({
			method: 'GET',
			uri: `${settings.baseUrl}/${settings.version}/debug_token`,
			qs,
			headers,
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: 20_000,
		})) as FullResponse;
	} catch (error) {
		const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
		return {
			status: 'Error',
			message: `Could not reach the Graph API at ${settings.baseUrl}${code ? ` (${code})` : ''}. Check the Graph API Base URL.`,
		};
	}

	const body = response.body as { data?: DebugTokenData } | undefined;
	if (response.statusCode >= 400 || !body?.data) {
		const error = metaErrorOf(body);
		if (error && error.code === 190) {
			return judgeDebugToken({ is_valid: false, error: { code: 190, subcode: error.error_subcode, message: error.message } });
		}
		if (error && appId && appSecret && (error.code === 101 || /app/i.test(error.message ?? ''))) {
			return {
				status: 'Error',
				message: `Meta rejected the App ID / App Secret pair: "${error.message}". Check both in App Dashboard → App settings → Basic, or leave them empty.`,
			};
		}
		return {
			status: 'Error',
			message: error?.message
				? `Meta answered HTTP ${response.statusCode}: "${error.message}"`
				: `The Graph API at ${settings.baseUrl} answered HTTP ${response.statusCode} without token information. Check the Graph API Base URL.`,
		};
	}
	return judgeDebugToken(body.data, data.businessAccountId);
}
