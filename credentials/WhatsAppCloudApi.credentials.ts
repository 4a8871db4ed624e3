import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Credential for Meta's WhatsApp Business Cloud API.
 *
 * The token is sent as `Authorization: Bearer …` on every Graph request. The credential is
 * tested by the WhatsApp Cloud node's `whatsAppCloudApiTest` method, which calls Graph's
 * `debug_token` and reports validity, expiry and the two WhatsApp permissions in words:
 * a declarative test can only compare single values and cannot check the scope list.
 */
export class WhatsAppCloudApi implements ICredentialType {
	name = 'whatsAppCloudApi';

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
				'The Meta app secret (App Dashboard → App settings → Basic). The trigger uses it to check the X-Hub-Signature-256 of every webhook; with the App ID it also lets the credential test explain expired tokens.',
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
			displayName: 'Graph API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v23.0',
			placeholder: 'v23.0',
			description: 'The Graph API version used for every request, in the form vNN.N',
		},
		{
			displayName: 'Graph API Base URL',
			name: 'graphBaseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description:
				"Leave as is to talk to Meta. Change it only to route requests through a proxy or to a local simulator for testing",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};
}
