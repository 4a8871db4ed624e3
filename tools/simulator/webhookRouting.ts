/**
 * Where Meta delivers a webhook, after its "Webhook overrides" page
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override/):
 * to every app subscribed to the WABA; for each app, a field that overrides apply to goes to the
 * business number's override, else the WABA's override, else the app's callback URL; every other
 * field (templates, account events …) always goes to the app's callback URL. The simulator does
 * not model field subscriptions here: a subscribed app gets every field.
 */
import type { SimState } from './state';

/** The fields Meta routes to a phone-number or WABA override (the page's list). */
export const OVERRIDE_FIELDS: readonly string[] = [
	'messages',
	'message_echoes',
	'calls',
	'consumer_profile',
	'messaging_handovers',
	'standby',
	'group_lifecycle_update',
	'group_participants_update',
	'group_settings_update',
	'group_status_update',
	'smb_message_echoes',
	'smb_app_state_sync',
	'history',
	'account_settings_update',
];

const APP_OBJECT = 'whatsapp_business_account';

export interface WebhookRoute {
	appId: string;
	/** undefined: the app has nowhere to send it (no override applies and no app callback). */
	url: string | undefined;
	via: 'phone number' | 'WABA' | 'app' | 'none';
}

/** Where app `appId` gets a change of `field` about business number `phoneNumberId` (undefined for WABA-wide events). */
export function routeFor(state: SimState, appId: string, field: string, phoneNumberId: string | undefined): WebhookRoute {
	if (OVERRIDE_FIELDS.includes(field)) {
		const phone = phoneNumberId ? state.phoneOverrides[phoneNumberId]?.[appId] : undefined;
		if (phone) return { appId, url: phone, via: 'phone number' };
		const waba = state.subscribedApps.find((a) => a.whatsapp_business_api_data.id === appId)?.override_callback_uri;
		if (waba) return { appId, url: waba, via: 'WABA' };
	}
	const app = state.appSubscriptions[appId]?.find((s) => s.object === APP_OBJECT)?.callback_url;
	return app ? { appId, url: app, via: 'app' } : { appId, url: undefined, via: 'none' };
}

/** The first change of a delivery: its field and business number (metadata.phone_number_id). */
function firstChange(payload: unknown): { field: string; phoneNumberId: string | undefined } {
	const entry = (payload as { entry?: Array<{ changes?: Array<{ field?: unknown; value?: { metadata?: { phone_number_id?: unknown } } }> }> })?.entry?.[0];
	const change = entry?.changes?.[0];
	const phone = change?.value?.metadata?.phone_number_id;
	return { field: typeof change?.field === 'string' ? change.field : '', phoneNumberId: typeof phone === 'string' ? phone : undefined };
}

/** One route per app subscribed to the WABA, for a delivery (Meta sends one per change; tests send one change). */
export function routeWebhook(state: SimState, payload: unknown): WebhookRoute[] {
	const { field, phoneNumberId } = firstChange(payload);
	return state.subscribedApps.map((a) => routeFor(state, a.whatsapp_business_api_data.id, field, phoneNumberId));
}
