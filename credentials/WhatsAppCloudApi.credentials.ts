import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, DEFAULT_GRAPH_BASE_URL, DEFAULT_GRAPH_VERSION } from '../nodes/shared/credentials';
import { authenticateGraphRequest, credentialTestRequest } from '../nodes/shared/credentialTest';

/**
 * Credential for Meta's WhatsApp Business Cloud API.
 *
 * The token is sent as `Authorization: Bearer …` only to the Graph API Base URL's origin and
 * Meta's media host, over https (plain http only to this machine, for a simulator), never on a
 * redirect to another origin; the App Secret only by the credential test, which builds the app
 * token itself. "Test" asks Graph's `debug_token` about the token (n8n's declarative credential
 * test): see nodes/shared/credentialTest.ts.
 */
export class WhatsAppCloudApi implements ICredentialType {
	name = CREDENTIAL_TYPE;

	displayName = 'WhatsApp Cloud API';

	icon: Icon = {
		light: 'file:../icons/whatsapp-cloud.svg',
		dark: 'file:../icons/whatsapp-cloud.dark.svg',
	};

	documentationUrl = 'https://developers.facebook.com/docs/whatsapp/cloud-api/get-started';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A System User access token with the whatsapp_business_messaging and whatsapp_business_management permissions (Business Settings → System Users → Generate token). Temporary tokens from the App Dashboard expire after 24 hours.',
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			description:
				'The WABA ID shown in WhatsApp Manager or the App Dashboard (WhatsApp → API Setup). Needed to list phone numbers and templates and to subscribe webhooks.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description: 'The Meta app ID (App Dashboard → App settings → Basic). Optional.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The Meta app secret (App Dashboard → App settings → Basic). The trigger uses it to check the X-Hub-Signature-256 of every webhook; with the App ID it lets the credential test tell an expired token from a revoked one.',
		},
		{
			displayName: 'Webhook Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Any secret string you choose. Enter the same value as "Verify token" in the App Dashboard webhook settings; the trigger answers Meta\'s verification request only when they match.',
		},
		{
			displayName: 'Flow Endpoint Private Key',
			name: 'flowPrivateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: '-----BEGIN PRIVATE KEY----- …',
			description:
				'Only for a Flow data endpoint (WhatsApp Flow Endpoint Trigger): the RSA private key (PEM) whose public key is set with Phone Number → Set Business Public Key. Meta encrypts every data-exchange request with it.',
		},
		{
			displayName: 'Private Key Passphrase',
			name: 'flowPrivateKeyPassphrase',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The passphrase of the Flow Endpoint Private Key, when the PEM is encrypted',
		},
		{
			displayName: 'Graph API Version',
			name: 'apiVersion',
			type: 'string',
			default: DEFAULT_GRAPH_VERSION,
			placeholder: DEFAULT_GRAPH_VERSION,
			description: 'The Graph API version used for every request, in the form vNN.N',
		},
		{
			displayName: 'Graph API Base URL',
			name: 'graphBaseUrl',
			type: 'string',
			default: DEFAULT_GRAPH_BASE_URL,
			description:
				"Leave as is to talk to Meta. Change it only to route requests through a proxy or to a local simulator for testing. Must be https://, except http:// to this machine (localhost, 127.x.x.x, [::1])",
		},
	];

	authenticate: IAuthenticate = authenticateGraphRequest;

	test: ICredentialTestRequest = credentialTestRequest;
}
