/** In-memory state of the simulated WhatsApp Business Account. */
import { createHash } from 'node:crypto';
import { createCommerceState, type CommerceState } from './commerceState';
import { APP_ID, APP_NAME, PHONE_NUMBERS, SAMPLE_MEDIA_ID, TEMPLATE_FIXTURES, WABA_ID, WABA_NAME } from './fixtures';

export interface SimPhoneNumber {
	id: string;
	display_phone_number: string;
	verified_name: string;
	quality_rating: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
	code_verification_status: string;
	name_status: string;
	platform_type: string;
	throughput: { level: string };
	status: string;
	messaging_limit_tier: string;
	/** Meta's current messaging limit field (messaging_limit_tier is deprecated); not in the v23.0 contract. */
	whatsapp_business_manager_messaging_limit: string;
	account_mode: string;
	is_official_business_account: boolean;
	/** Not a Graph field: whether /register was called (seeded numbers are registered). */
	registered: boolean;
	/** Not a Graph field: two-step verification PIN, if set. */
	pin?: string;
}

/** Fields of a phone number that GET returns when asked for them (the rest are internal). */
export const PHONE_NUMBER_FIELDS = [
	'id',
	'display_phone_number',
	'verified_name',
	'quality_rating',
	'code_verification_status',
	'name_status',
	'platform_type',
	'throughput',
	'status',
	'messaging_limit_tier',
	'whatsapp_business_manager_messaging_limit',
	'account_mode',
	'is_official_business_account',
] as const;
/**
 * What GET returns when `fields` is not given: Graph's defaults plus `status`, which the contract
 * lists as required in WhatsAppBusinessAccountPhoneNumber.
 */
export const PHONE_NUMBER_DEFAULT_FIELDS = ['verified_name', 'code_verification_status', 'display_phone_number', 'quality_rating', 'platform_type', 'throughput', 'status', 'id'];

export interface SimTemplate {
	id: string;
	name: string;
	language: string;
	status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED' | 'ARCHIVED';
	category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
	parameter_format: 'POSITIONAL' | 'NAMED';
	components: Array<Record<string, unknown>>;
	/** Why Meta rejected the template; NONE when it did not. */
	rejected_reason?: string;
	/** Meta's quality rating of the template: GREEN, YELLOW, RED or UNKNOWN. */
	quality_score?: { score: string };
}
export const TEMPLATE_FIELDS = ['id', 'name', 'language', 'status', 'category', 'parameter_format', 'components', 'rejected_reason', 'quality_score'] as const;

export interface SimSubscribedApp {
	whatsapp_business_api_data: { id: string; name: string; link?: string };
	override_callback_uri?: string;
}

/** One object subscription of an app (GET /{app-id}/subscriptions), e.g. whatsapp_business_account. */
export interface SimAppSubscription {
	object: string;
	callback_url: string;
	active: boolean;
	fields: Array<{ name: string; version: string }>;
}

export interface SimBusinessProfile {
	messaging_product: 'whatsapp';
	about?: string;
	address?: string;
	description?: string;
	email?: string;
	profile_picture_url?: string;
	websites?: string[];
	vertical?: string;
}

export interface SimMedia {
	id: string;
	phoneNumberId: string;
	mimeType: string;
	/** Hex SHA-256 of the bytes. */
	sha256: string;
	fileSize: number;
	filename?: string;
	bytes: Buffer;
}

/** A Resumable Upload session (POST /{app-id}/uploads), keyed by its id "upload:…" (without ?sig=). */
export interface SimUploadSession {
	id: string;
	/** Meta's signature, sent back as ?sig= on every request to the session. */
	sig: string;
	appId: string;
	fileName?: string;
	fileLength: number;
	fileType: string;
	/** The bytes received so far (file_offset = their length). */
	bytes: Buffer;
	/** Set once every byte arrived. */
	handle?: string;
}

/** A file handle made by a complete upload session (template header samples, profile photos). */
export interface SimUploadHandle {
	handle: string;
	sessionId: string;
	fileType: string;
	fileName?: string;
	bytes: Buffer;
}

export interface SimSentMessage {
	id: string;
	phoneNumberId: string;
	/** The body's `to`, or its `recipient` (a BSUID) for a send by user id. */
	to: string;
	type: string;
	body: unknown;
	at: string;
}

export interface SimState {
	waba: { id: string; name: string; currency: string; timezone_id: string; message_template_namespace: string };
	phoneNumbers: SimPhoneNumber[];
	templates: SimTemplate[];
	subscribedApps: SimSubscribedApp[];
	/** The apps' own webhook subscriptions (App Dashboard → Webhooks), keyed by app id. */
	appSubscriptions: Record<string, SimAppSubscription[]>;
	/** Keyed by phone number id. */
	businessProfiles: Record<string, SimBusinessProfile>;
	/** Keyed by media id. */
	media: Record<string, SimMedia>;
	/** Every message accepted by POST /{phone}/messages, oldest first (read receipts excluded). */
	sentMessages: SimSentMessage[];
	/** Resumable Upload sessions, keyed by id (without ?sig=). */
	uploadSessions: Record<string, SimUploadSession>;
	/** Handles of complete uploads, keyed by handle. */
	uploadHandles: Record<string, SimUploadHandle>;
	/**
	 * Test knob: the next upload request (POST /{upload-session-id}) keeps only this many of its
	 * bytes and fails with a transient 500, as an interrupted transfer would; then it clears.
	 */
	interruptNextUploadAfterBytes?: number;
	/** Blocklists, conversational components and QR codes (commerceState.ts). */
	commerce: CommerceState;
	/** Business usernames (POST /{phone}/username), keyed by phone number id. */
	usernames: Record<string, { username: string; status: 'approved' | 'reserved' }>;
	/**
	 * Per-number override callback URLs (POST /{phone} webhook_configuration), keyed by phone number
	 * id, then by the app that set it: Meta keeps one per app and number (handlers/phoneWebhook.ts).
	 */
	phoneOverrides: Record<string, Record<string, string>>;
}

/** 1x1 transparent PNG. */
const SAMPLE_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);

export function sha256Hex(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function template(id: string, name: string, language: string, status: SimTemplate['status'], category: SimTemplate['category'], body: string): SimTemplate {
	return {
		id,
		name,
		language,
		status,
		category,
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: body }],
	};
}

/** Meta's review fields of a seeded template, from its status, unless the fixture sets them. */
function withReview(t: SimTemplate): SimTemplate {
	return {
		...t,
		rejected_reason: t.rejected_reason ?? (t.status === 'REJECTED' ? 'ABUSIVE_CONTENT' : 'NONE'),
		quality_score: t.quality_score ?? { score: t.status === 'APPROVED' ? 'GREEN' : 'UNKNOWN' },
	};
}

export function createState(): SimState {
	return {
		waba: {
			id: WABA_ID,
			name: WABA_NAME,
			currency: 'USD',
			timezone_id: '1',
			message_template_namespace: 'sim_namespace_0001',
		},
		phoneNumbers: PHONE_NUMBERS.map((p) => ({
			id: p.id,
			display_phone_number: p.displayPhoneNumber,
			verified_name: p.verifiedName,
			quality_rating: 'GREEN',
			code_verification_status: 'VERIFIED',
			name_status: 'APPROVED',
			platform_type: 'CLOUD_API',
			throughput: { level: 'STANDARD' },
			status: 'LINKED', // the contract's WhatsAppPhoneNumberStatus has no CONNECTED
			messaging_limit_tier: 'TIER_1K',
			whatsapp_business_manager_messaging_limit: 'TIER_2K',
			account_mode: 'LIVE',
			is_official_business_account: false,
			registered: true,
		})),
		templates: ([
			template('400000000000001', 'hello_world', 'en_US', 'APPROVED', 'UTILITY', 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta.'),
			template('400000000000002', 'order_update', 'en_US', 'APPROVED', 'UTILITY', 'Hi {{1}}, your order {{2}} has shipped.'),
			template('400000000000003', 'order_update', 'es_ES', 'APPROVED', 'UTILITY', 'Hola {{1}}, tu pedido {{2}} ha sido enviado.'),
			template('400000000000004', 'order_cancelled', 'en_US', 'PENDING', 'UTILITY', 'Your order {{1}} was cancelled.'),
			template('400000000000005', 'summer_sale', 'en_US', 'APPROVED', 'MARKETING', 'Summer sale: {{1}} off everything!'),
			template('400000000000006', 'spam_offer', 'en_US', 'REJECTED', 'MARKETING', 'Click here now!!!'),
			{
				id: '400000000000007',
				name: 'login_code',
				language: 'en_US',
				status: 'APPROVED',
				category: 'AUTHENTICATION',
				parameter_format: 'POSITIONAL',
				components: [
					{ type: 'BODY', text: '{{1}} is your verification code.', add_security_recommendation: true },
					{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
				],
			},
			...(structuredClone(TEMPLATE_FIXTURES) as unknown as SimTemplate[]),
		] as SimTemplate[]).map(withReview),
		subscribedApps: [{ whatsapp_business_api_data: { id: APP_ID, name: APP_NAME, link: 'https://www.example.com/sim-app' } }],
		appSubscriptions: {},
		businessProfiles: Object.fromEntries(
			PHONE_NUMBERS.map((p) => [
				p.id,
				{
					messaging_product: 'whatsapp' as const,
					about: 'Simulated business',
					address: '1 Simulator Way, Testville',
					description: 'A WhatsApp Business profile served by the local Graph API simulator.',
					email: 'hello@example.com',
					websites: ['https://www.example.com/'],
					vertical: 'RETAIL',
				},
			]),
		),
		media: {
			[SAMPLE_MEDIA_ID]: {
				id: SAMPLE_MEDIA_ID,
				phoneNumberId: PHONE_NUMBERS[0].id,
				mimeType: 'image/png',
				sha256: sha256Hex(SAMPLE_PNG),
				fileSize: SAMPLE_PNG.length,
				filename: 'pixel.png',
				bytes: SAMPLE_PNG,
			},
		},
		sentMessages: [],
		uploadSessions: {},
		uploadHandles: {},
		commerce: createCommerceState(),
		usernames: {},
		phoneOverrides: {},
	};
}

/** JSON view of the state (media bytes replaced by their size), for GET /__sim/state. */
export function stateForJson(state: SimState): unknown {
	return {
		...state,
		phoneNumbers: state.phoneNumbers.map(({ pin, ...rest }) => ({ ...rest, pinSet: pin !== undefined })),
		media: Object.fromEntries(Object.entries(state.media).map(([id, { bytes, ...rest }]) => [id, { ...rest, bytes: `<${bytes.length} bytes>` }])),
		uploadSessions: Object.fromEntries(Object.entries(state.uploadSessions).map(([id, { bytes, ...rest }]) => [id, { ...rest, bytes: `<${bytes.length} bytes>` }])),
		uploadHandles: Object.fromEntries(Object.entries(state.uploadHandles).map(([h, { bytes, ...rest }]) => [h, { ...rest, bytes: `<${bytes.length} bytes>` }])),
	};
}
