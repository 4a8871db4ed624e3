/**
 * The account's own news: account_update (sharing with partners, violations, bans, restrictions,
 * coexistence disconnections …), account_alerts and phone_number_quality_update (messaging limits).
 * One item per change: Meta sends one event per change for each of these fields.
 */
import type { IDataObject } from 'n8n-workflow';

import { asArray, asObject, isObj, isoTimestamp, str, type Obj } from '../../shared/jsonValues';
import type { FieldItem, FieldMapper } from './fieldItems';

const strings = (x: unknown): string[] => asArray(x).map(str).filter((s): s is string => s !== null);

/**
 * account_update. Meta, "account_update webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/account_update):
 * `event` and, by event, `waba_info` (PARTNER_*, AD_ACCOUNT_LINKED, MM_LITE_TERMS_SIGNED),
 * `violation_info` (ACCOUNT_VIOLATION), `ban_info` (DISABLED_UPDATE), `restriction_info`
 * (ACCOUNT_RESTRICTION), `disconnection_info` (PARTNER_REMOVED of a coexistence number),
 * `auth_international_rate_eligibility`, `volume_tier_info`, `country`.
 */
export function accountUpdate(v: Obj): FieldItem[] {
	const event = str(v.event);
	const waba = asObject(v.waba_info) ?? {};
	const violation = asObject(v.violation_info) ?? {};
	const ban = asObject(v.ban_info) ?? {};
	const disconnection = asObject(v.disconnection_info) ?? {};
	const eligibility = asObject(v.auth_international_rate_eligibility) ?? {};
	const tier = asObject(v.volume_tier_info) ?? {};
	const fields: IDataObject = {
		accountEvent: event,
		subjectWabaId: str(waba.waba_id),
		ownerBusinessId: str(waba.owner_business_id),
		partnerAppId: str(waba.partner_app_id),
		solutionId: str(waba.solution_id),
		solutionPartnerBusinessIds: strings(waba.solution_partner_business_ids),
		adAccountLinked: str(waba.ad_account_linked),
		violationType: str(violation.violation_type),
		banState: str(ban.waba_ban_state),
		banDate: str(ban.waba_ban_date),
		// Meta's page shows restriction_info as a list; one object is read as a list of one.
		restrictions: (Array.isArray(v.restriction_info) ? v.restriction_info : [v.restriction_info]).filter(isObj).map((r) => ({
			restrictionType: str(r.restriction_type),
			expiration: isoTimestamp(r.expiration) ?? str(r.expiration),
		})),
		disconnectionReason: str(disconnection.reason),
		disconnectionInitiatedBy: str(disconnection.initiated_by),
		country: str(v.country),
		authIntlStartTime: isoTimestamp(eligibility.start_time),
		authIntlExceptionCountries: asArray(eligibility.exception_countries)
			.filter(isObj)
			.map((c) => ({ countryCode: str(c.country_code), startTime: isoTimestamp(c.start_time) })),
		volumeTier: str(tier.tier),
		volumeTierPricingCategory: str(tier.pricing_category),
		volumeTierRegion: str(tier.region),
		volumeTierEffectiveMonth: str(tier.effective_month),
		volumeTierUpdateTime: isoTimestamp(tier.tier_update_time),
	};
	return [{ fields, type: event }];
}

/**
 * account_alerts. Meta, "account_alerts webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/account_alerts):
 * `entity_type`, `entity_id` and `alert_info` {alert_severity, alert_status, alert_type, alert_description}.
 */
export function accountAlert(v: Obj): FieldItem[] {
	const alert = asObject(v.alert_info) ?? {};
	const alertType = str(alert.alert_type);
	const alertDescription = str(alert.alert_description);
	const fields: IDataObject = {
		entityType: str(v.entity_type),
		entityId: str(v.entity_id),
		alertSeverity: str(alert.alert_severity),
		alertStatus: str(alert.alert_status),
		alertType,
		alertDescription,
	};
	return [{ fields, type: alertType, text: alertDescription }];
}

/**
 * phone_number_quality_update. Meta, "phone_number_quality_update webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/phone_number_quality_update):
 * `display_phone_number`, `event`, `old_limit`, `current_limit` (removed in February 2026) and
 * `max_daily_conversations_per_business`, which replaces it. Meta's "Messaging limits" page
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits)
 * renames the tier `messaging_limit_tier` to `whatsapp_business_manager_messaging_limit` (v24+).
 * `messagingLimit` is the newest of these that the change carries, so a workflow reads one field
 * whichever Graph version the app is on.
 */
export function phoneNumberQuality(v: Obj): FieldItem[] {
	const event = str(v.event);
	const maxDaily = str(v.max_daily_conversations_per_business);
	const currentLimit = str(v.current_limit);
	const fields: IDataObject = {
		qualityEvent: event,
		messagingLimit: maxDaily ?? str(v.whatsapp_business_manager_messaging_limit) ?? currentLimit ?? str(v.messaging_limit_tier),
		maxDailyConversationsPerBusiness: maxDaily,
		currentLimit,
		oldLimit: str(v.old_limit),
	};
	// The number is in the value, not in `metadata` (this field has none); keep the common field otherwise.
	const display = str(v.display_phone_number);
	if (display !== null) fields.displayPhoneNumber = display;
	return [{ fields, type: event }];
}

export const accountEventMappers: Record<string, FieldMapper> = {
	account_update: accountUpdate,
	account_alerts: accountAlert,
	phone_number_quality_update: phoneNumberQuality,
};
