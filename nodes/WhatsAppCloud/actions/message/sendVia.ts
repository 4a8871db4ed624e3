/**
 * Send Template's "Send Via": Meta's Cloud API (`/messages`), the Marketing Messages API for
 * WhatsApp (`/marketing_messages`, marketing templates only, for a WABA onboarded to it), or
 * Automatic (the Marketing Messages API where it applies, else the Cloud API with the reason).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages
 * The WABA's onboarding status (`marketing_messages_onboarding_status`, "Onboard",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding/)
 * is read once per node run and WABA, not per item: 10,000 items cost one GET.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { isUserId } from '../../../shared/userIds';
import { getBusinessAccountId } from '../businessAccount/wabaId';

export type SendVia = 'cloudApi' | 'marketingMessages' | 'automatic';

export const ONBOARDING_HELP =
	'Accept the Marketing Messages API for WhatsApp terms for your business: in WhatsApp Manager, open the alert "Accept terms to get started" (or follow Meta\'s "Onboard" guide), then run again. Business Account → Get shows the status.';

export const sendViaParameters: INodeProperties[] = [
	{
		displayName: 'Send Via',
		name: 'sendVia',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Cloud API', value: 'cloudApi', description: "Meta's Cloud API (/messages), for every template" },
			{
				name: 'Marketing Messages API',
				value: 'marketingMessages',
				description: 'Meta\'s Marketing Messages API for WhatsApp (/marketing_messages): marketing templates of an onboarded account only',
			},
			{
				name: 'Automatic',
				value: 'automatic',
				description:
					'Marketing templates via the Marketing Messages API when the account is onboarded, everything else via the Cloud API (the output says which and why)',
			},
		],
		default: 'cloudApi',
	},
	{
		displayName: 'Share Message Activity',
		name: 'messageActivitySharing',
		type: 'options',
		options: [
			{ name: 'Account Default', value: 'default' },
			{ name: 'On', value: 'on' },
			{ name: 'Off', value: 'off' },
		],
		default: 'default',
		description:
			"Meta's message_activity_sharing for Marketing Messages API sends: whether Meta may share the message's activity (e.g. clicks) for measurement. A marketing template's time-to-live is set on the template itself.",
		displayOptions: { show: { sendVia: ['marketingMessages', 'automatic'] } },
	},
];

/** Where one item goes, and why (Automatic only). */
export interface SendRoute {
	endpoint: 'messages' | 'marketing_messages';
	/** Extra body fields of a Marketing Messages API send. */
	extra?: IDataObject;
	reason?: string;
}

const statusCache = new WeakMap<object, Map<string, Promise<string>>>();

/** The WABA's Marketing Messages onboarding status, read once per run (null in Meta's answer → "UNKNOWN"). */
export function onboardingStatus(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	let cache = statusCache.get(this);
	if (!cache) {
		cache = new Map();
		statusCache.set(this, cache);
	}
	const waba = String(this.getNodeParameter('businessAccountId', itemIndex, '') ?? '').trim();
	let pending = cache.get(waba);
	if (!pending) {
		pending = (async () => {
			const wabaId = await getBusinessAccountId.call(this, itemIndex, 'the Marketing Messages API needs the account to check its onboarding');
			const response = (await graphRequest.call(this, {
				method: 'GET',
				path: wabaId,
				qs: { fields: 'marketing_messages_onboarding_status' },
				itemIndex,
			})) as { marketing_messages_onboarding_status?: string };
			return String(response.marketing_messages_onboarding_status ?? 'UNKNOWN').toUpperCase();
		})();
		cache.set(waba, pending);
		pending.catch(() => cache?.delete(waba));
	}
	return pending;
}

interface RouteInput {
	to: string;
	replyTo?: string;
	/** The template's category, when known (Automatic looks it up). */
	category: () => Promise<string>;
}

/** Why this item cannot go through the Marketing Messages API, or undefined when it can. */
async function notForMarketingApi(this: IExecuteFunctions, itemIndex: number, input: RouteInput): Promise<string | undefined> {
	if (this.getNodeParameter('recipientType', itemIndex, 'individual') === 'group')
		return 'the Marketing Messages API sends to users, not groups';
	if (isUserId(input.to)) return 'the Marketing Messages API takes a phone number, not a user ID';
	if (input.replyTo) return 'the Marketing Messages API does not take "Reply To"';
	const category = (await input.category()).toUpperCase();
	if (category !== 'MARKETING') return `the template's category is ${category || 'unknown'}, and the Marketing Messages API sends only marketing templates`;
	const status = await onboardingStatus.call(this, itemIndex);
	if (status !== 'ONBOARDED') return `the WhatsApp Business Account is not onboarded to the Marketing Messages API (status ${status})`;
	return undefined;
}

/** The endpoint for this item, per "Send Via"; Marketing Messages API refusals name how to fix them. */
export async function routeSend(this: IExecuteFunctions, itemIndex: number, input: RouteInput): Promise<SendRoute> {
	const via = this.getNodeParameter('sendVia', itemIndex, 'cloudApi') as SendVia;
	if (via === 'cloudApi') return { endpoint: 'messages' };
	const check = notForMarketingApi.call(this, itemIndex, input);
	// Automatic still delivers when the checks cannot be made (e.g. a token without
	// whatsapp_business_management): through the Cloud API, saying why.
	const reason =
		via === 'automatic'
			? await check.catch((error: Error) => `the Marketing Messages API could not be checked: ${error.message}`)
			: await check;
	if (reason === undefined) {
		const sharing = this.getNodeParameter('messageActivitySharing', itemIndex, 'default') as string;
		const extra: IDataObject = sharing === 'default' ? {} : { message_activity_sharing: sharing === 'on' };
		return { endpoint: 'marketing_messages', extra };
	}
	if (via === 'automatic') return { endpoint: 'messages', reason };
	const onboarding = reason.includes('not onboarded');
	throw new NodeOperationError(
		this.getNode(),
		`"Send Via" is Marketing Messages API, but ${reason} (item ${itemIndex + 1})`,
		{
			itemIndex,
			description: onboarding
				? ONBOARDING_HELP
				: 'Set "Send Via" to Cloud API, or to Automatic to use the Marketing Messages API only where it applies.',
		},
	);
}
