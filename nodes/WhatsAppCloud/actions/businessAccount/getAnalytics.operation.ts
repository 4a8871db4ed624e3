import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { optionsCollection } from '../../../shared/optionsCollection';
import { graphRequest, type GraphRequest } from '../../../shared/transport/graphRequest';
import { recipientNumber } from '../../validation/limits';
import { graphIdSchema, splitPhoneNumbers } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { analyticsFields, analyticsItems, DIMENSION, type AnalyticsAnswer, type AnalyticsRequest } from './analytics';
import { businessAccountIdParameter, getBusinessAccountId } from './wabaId';

export const description: INodeProperties[] = [
	{
		displayName: 'Analytics Type',
		name: 'analyticsType',
		type: 'options',
		default: 'pricing',
		options: [
			{
				name: 'Pricing',
				value: 'pricing',
				description: 'Messages charged and their cost, per message (how Meta bills since July 2025)',
			},
			{
				name: 'Conversations',
				value: 'conversation',
				description: 'Conversations and their cost (how Meta billed before July 2025)',
			},
			{ name: 'Messages', value: 'messages', description: 'Messages sent and delivered' },
		],
	},
	{
		displayName: 'Start',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Beginning of the period (inclusive)',
	},
	{
		displayName: 'End',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'End of the period (exclusive); must be after Start',
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		default: 'day',
		options: [
			{ name: 'Half Hour', value: 'halfHour' },
			{ name: 'Day', value: 'day' },
			{ name: 'Month', value: 'month' },
		],
		description: 'The length of each data point: one output item per period (and per split)',
	},
	{
		displayName: 'Split By',
		name: 'splitBy',
		type: 'multiOptions',
		default: ['phone', 'category'],
		options: [
			{ name: 'Category', value: 'category', description: 'Marketing, utility, authentication, service' },
			{ name: 'Country', value: 'country' },
			{ name: 'Direction', value: 'direction', description: 'Business- or user-initiated (Conversations only)' },
			{ name: 'Phone Number', value: 'phone' },
			{ name: 'Type', value: 'type', description: 'Regular or free (pricing / conversation type)' },
		],
		description: 'Separate data points for each value of these; the others are summed up',
		displayOptions: { show: { analyticsType: ['pricing', 'conversation'] } },
	},
	optionsCollection([
		{
			displayName: 'Country Codes',
			name: 'countryCodes',
			type: 'string',
			default: '',
			placeholder: 'US, DE',
			description: 'Only these countries of the recipients: two-letter codes separated by commas',
		},
		{
			displayName: 'Phone Numbers',
			name: 'phoneNumbers',
			type: 'string',
			default: '',
			placeholder: '+1 555 010 0001',
			description:
				"Only these business phone numbers (the numbers themselves, not their IDs), separated by commas; empty means all of the account's numbers",
		},
	]),
];

const timestamp = z.preprocess(
	(value) => (value instanceof Date ? value.toISOString() : value),
	z
		.string({ required_error: 'is empty; pick a date' })
		.trim()
		.min(1)
		.transform((value, ctx) => {
			const ms = Date.parse(value);
			if (Number.isNaN(ms)) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${value}" is not a date` });
				return z.NEVER;
			}
			return Math.floor(ms / 1000);
		}),
);

const input = defineInput(
	'businessAccount.getAnalytics',
	z
		.object({
			businessAccountId: graphIdSchema,
			analyticsType: z.enum(['pricing', 'conversation', 'messages'], {
				message: 'must be "pricing", "conversation" or "messages"',
			}),
			startDate: timestamp,
			endDate: timestamp,
			granularity: z.enum(['halfHour', 'day', 'month'], { message: 'must be "halfHour", "day" or "month"' }),
			splitBy: z.array(z.enum(['phone', 'country', 'category', 'type', 'direction'])),
			phoneNumbers: z.preprocess(splitPhoneNumbers, z.array(recipientNumber)),
			countryCodes: z.preprocess(
				splitPhoneNumbers,
				z.array(
					z
						.string()
						.transform((code) => code.toUpperCase())
						.pipe(z.string().regex(/^[A-Z]{2}$/, 'must be two-letter country codes such as US or DE')),
				),
			),
		})
		.superRefine((value, ctx) => {
			if (value.endDate <= value.startDate) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endDate'], message: 'must be after "Start"' });
			}
			if (value.analyticsType !== 'messages') {
				value.splitBy.forEach((choice, i) => {
					if (!DIMENSION[value.analyticsType as 'pricing'][choice]) {
						ctx.addIssue({
							code: z.ZodIssueCode.custom,
							path: ['splitBy', i],
							message: `"${choice}" only applies to Analytics Type "Conversations"`,
						});
					}
				});
			}
		}),
	[businessAccountIdParameter(), ...description],
);

export const inputs: InputDefinition[] = [input];

/**
 * GET /{WABA-ID}?fields=<type>_analytics.start().end().granularity()…: one item per data point
 * (period × the chosen splits), with ISO start and end, ready for a chart or a sheet.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const analyticsType = this.getNodeParameter('analyticsType', itemIndex, 'pricing') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as { phoneNumbers?: string; countryCodes?: string };
	const value = input.parse(
		this.getNode(),
		{
			businessAccountId: await getBusinessAccountId.call(this, itemIndex),
			analyticsType,
			startDate: this.getNodeParameter('startDate', itemIndex, ''),
			endDate: this.getNodeParameter('endDate', itemIndex, ''),
			granularity: this.getNodeParameter('granularity', itemIndex, 'day'),
			splitBy: analyticsType === 'messages' ? [] : this.getNodeParameter('splitBy', itemIndex, []),
			phoneNumbers: options.phoneNumbers ?? '',
			countryCodes: options.countryCodes ?? '',
		},
		itemIndex,
	);
	const request: AnalyticsRequest = { ...value, start: value.startDate, end: value.endDate };
	const answer = await graphRequest.call<IExecuteFunctions, [GraphRequest], Promise<AnalyticsAnswer>>(this, {
		method: 'GET',
		path: value.businessAccountId,
		qs: { fields: analyticsFields(request) },
		itemIndex,
	});
	return analyticsItems(request, value.businessAccountId, answer).map((json) => ({ json }));
}
