import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import type { InputDefinition } from '../../validation/validateInput';
import { getBusinessAccountId } from './wabaId';

export const description: INodeProperties[] = [];

/** Nothing to check before the request. */
export const inputs: readonly InputDefinition[] = [];

/**
 * The WABA fields Meta documents ("WhatsApp Business Account" reference) plus its Marketing
 * Messages API onboarding status (ELIGIBLE / ONBOARDED / INELIGIBLE, "Onboard",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding/).
 */
const FIELDS = ['id', 'name', 'currency', 'timezone_id', 'message_template_namespace', 'account_review_status', 'marketing_messages_onboarding_status'];

/** GET /{WABA-ID}: one item with the account, the names camelCased, Meta's answer under `raw`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const businessAccountId = await getBusinessAccountId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: businessAccountId,
		qs: { fields: FIELDS.join(',') },
		itemIndex,
	})) as IDataObject;
	const status = response.marketing_messages_onboarding_status;
	const json: IDataObject = {
		businessAccountId: String(response.id ?? businessAccountId),
		name: response.name ?? null,
		currency: response.currency ?? null,
		timezoneId: response.timezone_id ?? null,
		messageTemplateNamespace: response.message_template_namespace ?? null,
		accountReviewStatus: response.account_review_status ?? null,
		marketingMessagesOnboardingStatus: status ?? null,
		marketingMessagesOnboarded: status === undefined || status === null ? null : String(status).toUpperCase() === 'ONBOARDED',
		raw: response,
	};
	return [{ json }];
}
