import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

/**
 * What the Flow operations share: the Flow picker, name, categories, endpoint and the Flow JSON
 * (text or a binary field), read and checked before any request. Meta, "Flows API":
 * https://developers.facebook.com/docs/whatsapp/flows/reference/flowsapi
 */

/** Meta's Flow categories (Create Flow → categories). */
export const FLOW_CATEGORIES = [
	['Appointment Booking', 'APPOINTMENT_BOOKING'],
	['Contact Us', 'CONTACT_US'],
	['Customer Support', 'CUSTOMER_SUPPORT'],
	['Lead Generation', 'LEAD_GENERATION'],
	['Other', 'OTHER'],
	['Sign In', 'SIGN_IN'],
	['Sign Up', 'SIGN_UP'],
	['Survey', 'SURVEY'],
] as const;

/** Meta's reference states no number; 200 is the limit the BSP APIs built on it document (AWS, Infobip). */
export const FLOW_NAME_MAX = 200;

export const flowNameSchema = z.string().trim().min(1).max(FLOW_NAME_MAX);
export const categoriesSchema = z
	.array(z.enum(FLOW_CATEGORIES.map(([, value]) => value) as [string, ...string[]]))
	.min(1);
export const endpointUriSchema = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
	z.string().trim().url().startsWith('https://', 'must be an https:// URL (Meta calls the endpoint over HTTPS)').optional(),
);

/** The Flow: picked from the WABA's Flows, or its ID. A plain string saved by older versions is still read. */
export function flowIdParameter(displayName = 'Flow'): INodeProperties {
	return {
		displayName,
		name: 'flowId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The WhatsApp Flow (WhatsApp Manager → Account tools → Flows)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a Flow…',
				typeOptions: { searchListMethod: 'searchFlows', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1234567890123456',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A Flow ID has only digits' } }],
			},
		],
	};
}

/** The chosen Flow ID: a locator's value, or the plain string a workflow saved before the picker. */
export function readFlowId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('flowId', itemIndex, '', { extractValue: true }) as unknown;
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

export const nameParameter = (required: boolean): INodeProperties => ({
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required,
	placeholder: 'Appointment booking',
	description: `Name of the Flow, unique in the WhatsApp Business Account, up to ${FLOW_NAME_MAX} characters`,
});

export const categoriesParameter = (required: boolean): INodeProperties => ({
	displayName: 'Categories',
	name: 'categories',
	type: 'multiOptions',
	default: [],
	required,
	options: FLOW_CATEGORIES.map(([name, value]) => ({ name, value })),
	description: 'What the Flow is for (at least one)',
});

export const endpointUriParameter: INodeProperties = {
	displayName: 'Endpoint URI',
	name: 'endpointUri',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/…',
	description: 'The HTTPS data endpoint Meta calls for a Flow that exchanges data (Flow JSON 3.0 and later); a WhatsApp Flow Endpoint Trigger URL, for example',
};

const SOURCES = [
	{ name: 'Text', value: 'text', description: 'Flow JSON typed or mapped into the field below' },
	{ name: 'Binary Field', value: 'binary', description: 'A Flow JSON file from a previous node' },
];
const SOURCE: INodeProperties = { displayName: 'Flow JSON Source', name: 'flowJsonSource', type: 'options', default: 'text', options: SOURCES };

/** "Flow JSON Source" and its two inputs; `none` lets Create make an empty draft. */
export function flowJsonParameters(withNone: boolean): INodeProperties[] {
	return [
		withNone
			? { ...SOURCE, default: 'none', options: [{ name: 'None (Upload Later)', value: 'none' }, ...SOURCES] }
			: { ...SOURCE, default: 'text', options: SOURCES },
		{
			displayName: 'Flow JSON',
			name: 'flowJson',
			type: 'json',
			default: '{\n  "version": "7.0",\n  "screens": []\n}',
			required: true,
			description: 'The Flow JSON (screens, layout, actions); WhatsApp Manager\'s Flow Builder exports it',
			displayOptions: { show: { flowJsonSource: ['text'] } },
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: 'The binary field of the input item that holds the Flow JSON file',
			displayOptions: { show: { flowJsonSource: ['binary'] } },
		},
	];
}

/** Whether parsing `prefix` fails only because the text ends there (or does not fail). */
function endsEarly(prefix: string): boolean {
	try {
		JSON.parse(prefix);
		return true;
	} catch (error) {
		const message = (error as Error).message;
		if (/end of JSON input|Unterminated string/i.test(message)) return true;
		const position = /position (\d+)/.exec(message)?.[1];
		return position !== undefined && Number(position) >= prefix.length;
	}
}

/**
 * Where `text` stops being JSON: the shortest prefix that fails for a reason other than its end
 * (Node's messages do not always give a position), found by bisection.
 */
function errorOffset(text: string): number {
	let low = 0;
	let high = text.length;
	while (low < high) {
		const middle = Math.floor((low + high) / 2);
		if (endsEarly(text.slice(0, middle))) low = middle + 1;
		else high = middle;
	}
	return Math.max(0, low - 1);
}

/** 1-based line and column of character `offset` of `text`. */
function lineAndColumn(text: string, offset: number): string {
	const lines = text.slice(0, offset).split('\n');
	return `line ${lines.length}, column ${lines[lines.length - 1].length + 1}`;
}

/**
 * The Flow JSON text of the item (undefined for "None"), checked to be a JSON object: a text that
 * does not parse fails here, naming the field and the line and column.
 */
export async function readFlowJson(this: IExecuteFunctions, itemIndex: number): Promise<string | undefined> {
	const source = this.getNodeParameter('flowJsonSource', itemIndex, 'text') as string;
	if (source === 'none') return undefined;
	let text: string;
	let label = '"Flow JSON"';
	if (source === 'binary') {
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		label = `the file in "Input Binary Field" (${property})`;
		const binary = this.getInputData()[itemIndex]?.binary;
		if (!property || !binary?.[property]) {
			const available = Object.keys(binary ?? {});
			throw new NodeOperationError(
				this.getNode(),
				`"Input Binary Field" names the binary field "${property}", but the input item has ${available.length ? `only ${available.map((k) => `"${k}"`).join(', ')}` : 'no binary data'} (item ${itemIndex + 1})`,
				{ itemIndex },
			);
		}
		text = (await this.helpers.getBinaryDataBuffer(itemIndex, property)).toString('utf8').replace(/^\uFEFF/, '');
	} else {
		const value = this.getNodeParameter('flowJson', itemIndex, '') as unknown;
		text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		const where = lineAndColumn(text, errorOffset(text));
		throw new NodeOperationError(this.getNode(), `${label} is not valid JSON at ${where} (item ${itemIndex + 1})`, {
			itemIndex,
			description: (error as Error).message,
		});
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), `${label} must be a JSON object with "version" and "screens" (item ${itemIndex + 1})`, { itemIndex });
	}
	return text;
}

/** One of Meta's validation errors, with a sentence that says where (line, column, JSON pointer). */
export function readableValidationError(error: IDataObject): IDataObject {
	const line = error.line_start;
	const column = error.column_start;
	const where = typeof line === 'number' ? `Line ${line}${typeof column === 'number' ? `, column ${column}` : ''}: ` : '';
	return {
		error: error.error ?? null,
		errorType: error.error_type ?? null,
		message: error.message ?? null,
		line: line ?? null,
		column: column ?? null,
		lineEnd: error.line_end ?? null,
		columnEnd: error.column_end ?? null,
		...(error.pointers !== undefined ? { pointers: error.pointers } : {}),
		summary: `${where}${String(error.message ?? error.error ?? 'validation error')}`,
	};
}
