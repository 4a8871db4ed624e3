import type { INodeProperties } from 'n8n-workflow';

import { PHONE_NUMBER_FIELDS } from '../../validation/schemas/account';

const FIELD_LABELS: Record<(typeof PHONE_NUMBER_FIELDS)[number], [string, string]> = {
	id: ['ID', 'The Phone Number ID'],
	display_phone_number: ['Display Phone Number', 'The number as shown to customers'],
	verified_name: ['Verified Name', 'The display name Meta approved'],
	quality_rating: ['Quality Rating', 'GREEN, YELLOW, RED or NA (not rated yet)'],
	whatsapp_business_manager_messaging_limit: [
		'Messaging Limit',
		"How many customers the business portfolio may message outside a customer service window per 24 hours, e.g. TIER_2K (Meta's current field)",
	],
	messaging_limit_tier: [
		'Messaging Limit Tier (Deprecated)',
		'The former per-number messaging limit; Meta deprecated it for Messaging Limit',
	],
	throughput: ['Throughput', 'Messages per second level (STANDARD or HIGH)'],
	code_verification_status: ['Code Verification Status', 'Whether the number was verified by SMS/voice code'],
	name_status: ['Name Status', 'Review status of the display name'],
	status: ['Status', 'Connection status, e.g. CONNECTED, PENDING, FLAGGED'],
	platform_type: ['Platform Type', 'CLOUD_API, ON_PREMISE or NOT_APPLICABLE (not registered)'],
	account_mode: ['Account Mode', 'LIVE or SANDBOX'],
	is_official_business_account: ['Is Official Business Account', 'Whether the number has the blue badge'],
};

const DEFAULT_PHONE_NUMBER_FIELDS = [...PHONE_NUMBER_FIELDS];

/** "Fields" of Get / Get Many: what is asked for explicitly with `fields=`. */
export function phoneNumberFieldsParameter(): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: [...DEFAULT_PHONE_NUMBER_FIELDS],
		description: 'Which details to ask Meta for. The ID is always included.',
		options: PHONE_NUMBER_FIELDS.map((value) => ({
			name: FIELD_LABELS[value][0],
			value,
			description: FIELD_LABELS[value][1],
		})),
	};
}
