import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { LIMITS, limitedText } from '../../../validation/limits';
import { flowIdParameter, readFlowId } from '../../flow/flowFields';
import { defineKind } from './kind';
import { bodyPart, footerPart, headerPart, replyToPart } from './parts';

/** Optional text: blank means "not set". */
const optionalString = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
	z.string().trim().optional(),
);

/** "Screen Data": a JSON object, as text or as an object; empty means none. */
const screenData = z.unknown().transform((value, ctx): Record<string, unknown> | undefined => {
	let data = value;
	if (typeof data === 'string') {
		if (data.trim() === '') return undefined;
		try {
			data = JSON.parse(data) as unknown;
		} catch (error) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not valid JSON: ${(error as Error).message}` });
			return z.NEVER;
		}
	}
	if (data === undefined || data === null) return undefined;
	if (typeof data !== 'object' || Array.isArray(data)) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON object such as {"name": "Ana"}' });
		return z.NEVER;
	}
	return Object.keys(data).length ? (data as Record<string, unknown>) : undefined;
});

/** A Flow: a button that opens a WhatsApp Flow (a form built in WhatsApp Manager). */
export const flow = defineKind({
	value: 'flow',
	name: 'Flow',
	description: 'Opens a WhatsApp Flow (form) you built in WhatsApp Manager',
	parts: [headerPart(['text']), bodyPart, footerPart, replyToPart],
	properties: [
		{
			displayName: 'Flow',
			name: 'flowBy',
			type: 'options',
			default: 'id',
			options: [
				{ name: 'From List or By ID', value: 'id' },
				{ name: 'By Name', value: 'name' },
			],
		},
		// Was a typed string: a saved plain "123…" is still read (n8n hands a non-locator value through as it is).
		{ ...flowIdParameter('Flow ID'), displayOptions: { show: { flowBy: ['id'] } } },
		{
			displayName: 'Flow Name',
			name: 'flowName',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { flowBy: ['name'] } },
		},
		{
			displayName: 'Flow Button Text',
			name: 'flowCta',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Book now',
			description: `Text on the button that opens the Flow, up to ${LIMITS.flowCta} characters, no emoji`,
		},
		{
			displayName: 'Flow Action',
			name: 'flowAction',
			type: 'options',
			default: 'navigate',
			options: [
				{ name: 'Navigate', value: 'navigate', description: 'Open the Flow on the screen below, with the data below' },
				{
					name: 'Data Exchange',
					value: 'data_exchange',
					description: 'Your Flow endpoint decides the first screen and its data',
				},
			],
		},
		{
			displayName: 'First Screen',
			name: 'flowScreen',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'WELCOME_SCREEN',
			description: 'ID of the screen the Flow opens on (Flow JSON → screens → ID)',
			displayOptions: { show: { flowAction: ['navigate'] } },
		},
		{
			displayName: 'Screen Data',
			name: 'flowData',
			type: 'json',
			default: '{}',
			description: 'Optional input data for the first screen, as a JSON object',
			displayOptions: { show: { flowAction: ['navigate'] } },
		},
	],
	options: [
		{
			displayName: 'Flow Mode',
			name: 'flowMode',
			type: 'options',
			default: 'published',
			options: [
				{ name: 'Published', value: 'published' },
				{ name: 'Draft', value: 'draft', description: 'Test a Flow that is not published yet' },
			],
		},
		{
			displayName: 'Flow Token',
			name: 'flowSession',
			type: 'string',
			default: '',
			description: 'Your identifier for this Flow session, sent back with the answers (e.g. an order ID)',
		},
	],
	shape: {
		flowBy: z.enum(['id', 'name'], { message: 'must be "id" (By ID) or "name" (By Name)' }),
		flowId: optionalString,
		flowName: optionalString,
		flowCta: limitedText(LIMITS.flowCta),
		flowAction: z.enum(['navigate', 'data_exchange'], {
			message: 'must be "navigate" (Navigate) or "data_exchange" (Data Exchange)',
		}),
		flowScreen: optionalString,
		flowData: screenData,
		flowMode: z.enum(['published', 'draft'], { message: 'must be "published" or "draft"' }),
		flowSession: optionalString,
	},
	read(itemIndex, options) {
		const flowBy = this.getNodeParameter('flowBy', itemIndex, 'id') as string;
		const flowAction = this.getNodeParameter('flowAction', itemIndex, 'navigate') as string;
		const navigate = flowAction === 'navigate';
		return {
			flowBy,
			flowId: flowBy === 'id' ? readFlowId.call(this, itemIndex) : undefined,
			flowName: flowBy === 'name' ? this.getNodeParameter('flowName', itemIndex, '') : undefined,
			flowCta: this.getNodeParameter('flowCta', itemIndex),
			flowAction,
			flowScreen: navigate ? this.getNodeParameter('flowScreen', itemIndex, '') : undefined,
			flowData: navigate ? this.getNodeParameter('flowData', itemIndex, undefined) : undefined,
			flowMode: options.flowMode ?? 'published',
			flowSession: options.flowSession,
		};
	},
	refine(input, ctx) {
		const issue = (path: string, message: string) =>
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
		if (input.flowBy === 'id' && !/^\d+$/.test(input.flowId ?? '')) {
			issue(
				'flowId',
				input.flowId
					? `"${input.flowId}" is not a Flow ID (digits only; WhatsApp Manager → Flows)`
					: 'is empty; pick a Flow from the list or enter its ID',
			);
		}
		if (input.flowBy === 'name' && !input.flowName) issue('flowName', 'is empty; enter the Flow name');
		if (input.flowAction === 'navigate' && !input.flowScreen) {
			issue('flowScreen', 'is empty; enter the ID of the screen the Flow opens on (Flow JSON → screens → id)');
		}
		if (input.flowAction === 'data_exchange' && (input.flowScreen || input.flowData)) {
			issue(
				input.flowScreen ? 'flowScreen' : 'flowData',
				'only applies with Flow Action "Navigate"; with "Data Exchange" your endpoint chooses the first screen and its data',
			);
		}
	},
	interactive(input) {
		const parameters: IDataObject = {
			flow_message_version: '3',
			flow_cta: input.flowCta,
			flow_action: input.flowAction,
		};
		if (input.flowBy === 'id') parameters.flow_id = input.flowId;
		else parameters.flow_name = input.flowName;
		if (input.flowMode === 'draft') parameters.mode = 'draft';
		if (input.flowSession) parameters.flow_token = input.flowSession;
		if (input.flowAction === 'navigate') {
			parameters.flow_action_payload = {
				screen: input.flowScreen,
				...(input.flowData ? { data: input.flowData as IDataObject } : {}),
			};
		}
		return { type: 'flow', action: { name: 'flow', parameters } };
	},
});
