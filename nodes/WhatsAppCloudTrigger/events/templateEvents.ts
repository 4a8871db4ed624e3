/**
 * What happens to the business's message templates: status (approved, rejected, paused …),
 * quality score, category and components (an edit). One item per change, each naming the
 * template by `templateId`, `templateName` and `language`.
 */
import type { IDataObject } from 'n8n-workflow';

import { asArray, asObject, isObj, isoTimestamp, str, type Obj } from '../../shared/jsonValues';
import type { FieldItem, FieldMapper } from './fieldItems';

/** The template a change is about (Meta sends the ID as an integer: kept as text, like every ID). */
function template(v: Obj): IDataObject {
	return {
		templateId: str(v.message_template_id),
		templateName: str(v.message_template_name),
		language: str(v.message_template_language),
	};
}

/**
 * message_template_status_update. Meta, "message_template_status_update webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update):
 * `event` (APPROVED, REJECTED, PAUSED, DISABLED …), `reason` (null for a scheduled deletion),
 * `message_template_category`, `disable_info.disable_date`, `other_info` {title, description}
 * (pause / unpause, lock / unlock) and `rejection_info` {reason, recommendation} (INVALID_FORMAT).
 */
export function templateStatus(v: Obj): FieldItem[] {
	const status = str(v.event);
	const disable = asObject(v.disable_info) ?? {};
	const other = asObject(v.other_info) ?? {};
	const rejection = asObject(v.rejection_info) ?? {};
	const description = str(other.description);
	const rejectionReason = str(rejection.reason);
	const fields: IDataObject = {
		...template(v),
		status,
		reason: str(v.reason),
		category: str(v.message_template_category),
		disableDate: isoTimestamp(disable.disable_date),
		otherInfoTitle: str(other.title),
		otherInfoDescription: description,
		rejectionReason,
		rejectionRecommendation: str(rejection.recommendation),
	};
	return [{ fields, type: status, text: description ?? rejectionReason }];
}

/**
 * message_template_quality_update. Meta, "message_template_quality_update webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_quality_update):
 * `previous_quality_score` and `new_quality_score` (GREEN, YELLOW, RED, UNKNOWN).
 */
export function templateQuality(v: Obj): FieldItem[] {
	const fields: IDataObject = {
		...template(v),
		previousQualityScore: str(v.previous_quality_score),
		newQualityScore: str(v.new_quality_score),
	};
	return [{ fields }];
}

/**
 * template_category_update. Meta, "template_category_update webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update):
 * a done change has `previous_category` and `new_category`; an announced one (Meta recategorizes
 * in 24 hours) has `correct_category`, `new_category` (then the current one) and
 * `category_update_timestamp`. `categoryChangeScheduled` tells them apart.
 */
export function templateCategory(v: Obj): FieldItem[] {
	const correctCategory = str(v.correct_category);
	const fields: IDataObject = {
		...template(v),
		previousCategory: str(v.previous_category),
		newCategory: str(v.new_category),
		correctCategory,
		categoryUpdateTime: isoTimestamp(v.category_update_timestamp),
		categoryChangeScheduled: correctCategory !== null,
	};
	return [{ fields }];
}

/**
 * message_template_components_update. Meta, "message_template_components_update webhook reference"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_components_update):
 * `message_template_element` (body), `message_template_title` (text header),
 * `message_template_footer` and `message_template_buttons[]` {type, text, url, phone number}.
 */
export function templateComponents(v: Obj): FieldItem[] {
	const body = str(v.message_template_element);
	const fields: IDataObject = {
		...template(v),
		header: str(v.message_template_title),
		body,
		footer: str(v.message_template_footer),
		buttons: asArray(v.message_template_buttons)
			.filter(isObj)
			.map((b) => ({
				type: str(b.message_template_button_type),
				text: str(b.message_template_button_text),
				url: str(b.message_template_button_url),
				phoneNumber: str(b.message_template_button_phone_number),
			})),
	};
	return [{ fields, text: body }];
}

export const templateEventMappers: Record<string, FieldMapper> = {
	message_template_status_update: templateStatus,
	message_template_quality_update: templateQuality,
	template_category_update: templateCategory,
	message_template_components_update: templateComponents,
};
