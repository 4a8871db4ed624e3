/**
 * Fixed values of the Graph API simulator: tokens, app, WABA and phone numbers. Tests, the e2e run
 * and `npm run dev` use these to configure credentials that the simulator accepts.
 */
import type { SimTemplate } from './state';

export const SCOPE_MESSAGING = 'whatsapp_business_messaging';
export const SCOPE_MANAGEMENT = 'whatsapp_business_management';
export type Scope = typeof SCOPE_MESSAGING | typeof SCOPE_MANAGEMENT;

export const GRAPH_VERSION = 'v25.0';

export const APP_ID = '900000000000001';
export const APP_SECRET = 'sim-app-secret-4f1c2a9e7b3d';
export const APP_NAME = 'Sim WhatsApp App';
/** App access token ("APPID|APPSECRET"), accepted by /debug_token. */
export const APP_TOKEN = `${APP_ID}|${APP_SECRET}`;

/**
 * A second Meta app with access to the same WABA (a BSP, another integration): its System User
 * token is TOKENS.otherApp. Lets tests tell "this app's subscription" from another app's.
 */
export const OTHER_APP_ID = '900000000000002';
export const OTHER_APP_SECRET = 'sim-other-app-secret-8e2b6c';
export const OTHER_APP_NAME = 'Sim Other App';
export const OTHER_APP_TOKEN = `${OTHER_APP_ID}|${OTHER_APP_SECRET}`;

/** Every app the simulator knows, with its app token. */
export const APPS = [
	{ id: APP_ID, name: APP_NAME, secret: APP_SECRET, token: APP_TOKEN, link: 'https://www.example.com/sim-app' },
	{ id: OTHER_APP_ID, name: OTHER_APP_NAME, secret: OTHER_APP_SECRET, token: OTHER_APP_TOKEN, link: 'https://www.example.com/sim-other-app' },
] as const;

export const SYSTEM_USER_ID = '800000000000001';
export const BUSINESS_ID = '700000000000001';

export const TOKENS = {
	/** Valid, never expires, both WhatsApp scopes. */
	valid: 'sim-valid-token',
	/** Expired on Friday, 01-Mar-24 10:00:00 PST. */
	expired: 'sim-expired-token',
	/** Valid, has whatsapp_business_messaging but not whatsapp_business_management. */
	missingScope: 'sim-missing-scope-token',
	/** Valid, has whatsapp_business_management but not whatsapp_business_messaging. */
	noMessaging: 'sim-no-messaging-token',
	/** Any value the simulator does not know is invalid; this one is just a handy example. */
	invalid: 'sim-invalid-token',
	/** Valid, never expires, both WhatsApp scopes, but belongs to OTHER_APP_ID. */
	otherApp: 'sim-other-app-token',
} as const;

export interface TokenFixture {
	token: string;
	type: 'SYSTEM_USER' | 'USER';
	scopes: Scope[];
	/** Unix seconds; 0 = never. */
	expiresAt: number;
	expired: boolean;
	/** The app the token was made for; default APP_ID. */
	appId?: string;
}

/** 2024-03-01 10:00:00 PST, the expiry of TOKENS.expired. */
export const EXPIRED_AT = 1709316000;
export const EXPIRED_MESSAGE = 'Session has expired on Friday, 01-Mar-24 10:00:00 PST';

export const TOKEN_FIXTURES: TokenFixture[] = [
	{ token: TOKENS.valid, type: 'SYSTEM_USER', scopes: [SCOPE_MESSAGING, SCOPE_MANAGEMENT], expiresAt: 0, expired: false },
	{ token: TOKENS.expired, type: 'USER', scopes: [SCOPE_MESSAGING, SCOPE_MANAGEMENT], expiresAt: EXPIRED_AT, expired: true },
	{ token: TOKENS.missingScope, type: 'SYSTEM_USER', scopes: [SCOPE_MESSAGING], expiresAt: 0, expired: false },
	{ token: TOKENS.noMessaging, type: 'SYSTEM_USER', scopes: [SCOPE_MANAGEMENT], expiresAt: 0, expired: false },
	{ token: TOKENS.otherApp, type: 'SYSTEM_USER', scopes: [SCOPE_MESSAGING, SCOPE_MANAGEMENT], expiresAt: 0, expired: false, appId: OTHER_APP_ID },
];

export const WABA_ID = '200000000000001';
export const WABA_NAME = 'Sim Business Account';

export const PHONE_NUMBERS = [
	{ id: '100000000000001', displayPhoneNumber: '+1 555-010-0001', verifiedName: 'Sim Shop' },
	{ id: '100000000000002', displayPhoneNumber: '+1 555-010-0002', verifiedName: 'Sim Shop Support' },
] as const;
export const PHONE_NUMBER_ID = PHONE_NUMBERS[0].id;
export const SECOND_PHONE_NUMBER_ID = PHONE_NUMBERS[1].id;

/** The code /request_code "sends"; /verify_code accepts only it (account operations). */
export const SIM_VERIFICATION_CODE = '246810';

/** Verify token for webhook handshakes (hub.verify_token). */
export const VERIFY_TOKEN = 'sim-verify-token';

/** A media id that exists from the start (a 1x1 PNG), e.g. for incoming-image webhooks. */
export const SAMPLE_MEDIA_ID = '300000000000001';

/** A WhatsApp user used as recipient/sender in examples. */
export const CUSTOMER_WA_ID = '15550009999';
/** That user's business-scoped user ID (BSUID): Meta sends one for every user since 2026. */
export const CUSTOMER_USER_ID = 'US.20465108455302741001';

/**
 * A user who adopted a WhatsApp username: Meta withholds the phone number from webhooks and
 * names the user by BSUID (docs/usernames-facts.md). The number is known only once the user
 * shares it (REQUEST_CONTACT_INFO); it is not in any webhook before that.
 */
export const USERNAME_CUSTOMER_USER_ID = 'US.13491208655302741918';
export const USERNAME_CUSTOMER_USERNAME = 'sim.shopper';
export const USERNAME_CUSTOMER_NAME = 'Sim Shopper';
export const USERNAME_CUSTOMER_PHONE = '15550008888';

export const FIXTURES = {
	graphVersion: GRAPH_VERSION,
	appId: APP_ID,
	appSecret: APP_SECRET,
	appName: APP_NAME,
	appToken: APP_TOKEN,
	tokens: TOKENS,
	wabaId: WABA_ID,
	phoneNumberIds: PHONE_NUMBERS.map((p) => p.id),
	verifyToken: VERIFY_TOKEN,
	sampleMediaId: SAMPLE_MEDIA_ID,
	customerWaId: CUSTOMER_WA_ID,
	customerUserId: CUSTOMER_USER_ID,
	usernameCustomerUserId: USERNAME_CUSTOMER_USER_ID,
	usernameCustomerUsername: USERNAME_CUSTOMER_USERNAME,
};

/**
 * Templates with every kind of variable the Send Template operation fills in: media, location
 * and text headers, named and positional body parameters, URL / copy-code / quick-reply / flow
 * buttons, plus a paused one and a longer name that Meta's prefix filter also returns for
 * "order_update". Seeded after the basic templates in state.ts. Shape: SimTemplate.
 */
export const TEMPLATE_FIXTURES = [
	{
		id: '400000000000101',
		name: 'order_confirmation_named',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'NAMED',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{order_id}}', example: { header_text_named_params: [{ param_name: 'order_id', example: 'A-1001' }] } },
			{
				type: 'BODY',
				text: 'Hi {{first_name}}, your order {{order_id}} of {{total}} arrives {{delivery_date}}.',
				example: {
					body_text_named_params: [
						{ param_name: 'first_name', example: 'Jessica' },
						{ param_name: 'order_id', example: 'A-1001' },
						{ param_name: 'total', example: '$12.50' },
						{ param_name: 'delivery_date', example: 'May 1' },
					],
				},
			},
			{ type: 'FOOTER', text: 'Sim Shop' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Change delivery' },
					{ type: 'URL', text: 'Track order', url: 'https://shop.example.com/track/{{1}}', example: ['https://shop.example.com/track/A-1001'] },
				],
			},
		],
	},
	{
		id: '400000000000102',
		name: 'shipping_update_image',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:sim'] } },
			{ type: 'BODY', text: 'Hi {{1}}, order {{2}} ships on {{3}}. Use {{4}} next time!', example: { body_text: [['Mark', '860198', 'May 1', '10OFF']] } },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'URL', text: 'Shop now', url: 'https://shop.example.com/p/{{1}}', example: ['https://shop.example.com/p/summer'] },
					{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '15550100001' },
				],
			},
		],
	},
	{
		id: '400000000000103',
		name: 'invoice_document',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'DOCUMENT' },
			{ type: 'BODY', text: 'Your invoice {{1}} is attached.', example: { body_text: [['INV-7']] } },
		],
	},
	{
		id: '400000000000104',
		name: 'store_visit_location',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'LOCATION' },
			{ type: 'BODY', text: 'See you at our store, {{1}}!', example: { body_text: [['Ann']] } },
		],
	},
	{
		id: '400000000000105',
		name: 'promo_video',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'VIDEO' },
			{ type: 'BODY', text: 'Our new collection is here.' },
			{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Show me' }, { type: 'QUICK_REPLY', text: 'Stop promotions' }] },
		],
	},
	{
		id: '400000000000106',
		name: 'book_appointment_flow',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'BODY', text: 'Book your next visit, {{1}}.', example: { body_text: [['Ann']] } },
			{ type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Book now', flow_id: '500000000000001', flow_action: 'navigate', navigate_screen: 'WELCOME' }] },
		],
	},
	{
		id: '400000000000107',
		name: 'order_update_v2',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Order {{1}} update: {{2}} ({{3}})' }],
	},
	{
		id: '400000000000109',
		name: 'coupon_offer',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'BODY', text: 'Here is {{1}} off your next order.', example: { body_text: [['10%']] } },
			{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SAVE10' }] },
		],
	},
	{
		id: '400000000000108',
		name: 'winter_promo',
		language: 'en_US',
		status: 'PAUSED',
		category: 'MARKETING',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Winter deals for {{1}}' }],
	},
] as const satisfies ReadonlyArray<
	Pick<SimTemplate, 'id' | 'name' | 'language' | 'status' | 'category' | 'parameter_format'> & {
		components: ReadonlyArray<Record<string, unknown>>;
	}
>;

/** The catalog connected to the WABA, and the Content IDs of its products (product messages). */
export const CATALOG_ID = '500000000000001';
export const CATALOG_PRODUCTS = ['di9ozbzfi4', 'nqryix03ez', 'sku-blue-shirt', 'sku-red-shirt', 'sku-mug', '2lc20305pt'];
/** Every catalog product messages may name: ours, and those of Meta's contract examples (so they still send). */
export const CATALOGS: Record<string, string[]> = {
	[CATALOG_ID]: CATALOG_PRODUCTS,
	'367025965434465': ['<ID_TEST_ITEM_1>'],
	'146265584024623': [
		'<YOUR_PRODUCT1_SKU_IN_CATALOG>',
		'<YOUR_SECOND_PRODUCT1_SKU_IN_CATALOG>',
		'<YOUR_PRODUCT2_SKU_IN_CATALOG>',
		'<YOUR_SECOND_PRODUCT2_SKU_IN_CATALOG>',
	],
};

/**
 * WhatsApp users who messaged the business in the last 24 hours: the only ones Block Users can
 * block (Meta's rule). Any other number fails with 139100.
 */
export const RECENT_CONTACTS = [CUSTOMER_WA_ID, '15550001111', '15550002222'];
/** The same for users named by BSUID (Block Users by `user_id`). */
export const RECENT_USER_IDS = [CUSTOMER_USER_ID, USERNAME_CUSTOMER_USER_ID];
/** A business username another WhatsApp number holds (POST /{phone}/username answers 147001). */
export const TAKEN_USERNAME = 'taken.name';

/** A QR code that exists from the start on the first phone number. */
export const SAMPLE_QR_CODE = 'ANED2T5QRU7HG1';
