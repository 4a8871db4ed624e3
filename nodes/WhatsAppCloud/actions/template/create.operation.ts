import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { requireLabel } from '../../helpers/labels';
import { LIMITS } from '../../helpers/limits';
import { readBinaryForHandle } from '../../helpers/media';
import { templateLanguageSchema } from '../../helpers/templates/languages';
import { templateNameSchema } from '../../helpers/templates/names';
import { detectParameterFormat, reviewTemplate, type TemplateProblem } from '../../helpers/templates/review';
import { TEMPLATE_CATEGORIES, type ParameterFormat } from '../../helpers/templates/types';
import { defineInput } from '../../helpers/validate';
import { graphRequest } from '../../transport';
import { uploadForHandle } from '../../transport/resumableUpload';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import {
	componentsFromFields,
	componentsJsonSchema,
	contentFieldsDescription,
	contentJsonDescription,
} from './createContent';

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	{
		displayName: 'Template Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'order_update',
		description: `Lowercase letters, digits and underscores only, up to ${LIMITS.templateName} characters`,
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'UTILITY',
		options: [
			{ name: 'Authentication', value: 'AUTHENTICATION', description: 'One-time passcodes (use Using JSON)' },
			{ name: 'Marketing', value: 'MARKETING', description: 'Promotions, offers, announcements' },
			{ name: 'Utility', value: 'UTILITY', description: 'Updates about an order, account or booking' },
		],
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		required: true,
		placeholder: 'en_US',
		description:
			"Language code of this version of the template, from Meta's list of template languages, e.g. en, en_US, pt_BR, es_MX",
	},
	{
		displayName: 'Define Content',
		name: 'contentMode',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json', description: 'Components exactly as Meta defines them' },
		],
	},
	...contentFieldsDescription,
	...contentJsonDescription,
];

const text = z.preprocess((value) => (value === undefined || value === null ? '' : String(value)), z.string());

const identity = {
	name: templateNameSchema,
	category: z.enum(TEMPLATE_CATEGORIES),
	language: templateLanguageSchema,
};

/** What Create sends, once the input passed Meta's rules. */
interface NewTemplate {
	name: string;
	category: string;
	language: string;
	components: IDataObject[];
	parameterFormat?: ParameterFormat;
}

/** "Using Fields Below": problems are reported on the field they come from. */
const fieldsInput = defineInput(
	'template.create',
	z
		.object({
			...identity,
			headerType: text,
			headerText: text,
			headerExample: text,
			headerHandle: text,
			bodyText: text,
			bodyExamples: z.array(z.object({ variable: text, value: text })),
			footerText: text,
			buttons: z.array(
				z.object({ type: text, text, url: text, urlExample: text, phoneNumber: text, codeExample: text }),
			),
		})
		.transform((input, ctx): NewTemplate => {
			const { components, parameterFormat } = componentsFromFields(input);
			for (const problem of reviewTemplate(components, input.category, parameterFormat)) {
				const { part } = problem;
				const path =
					'button' in part
						? ['buttons', part.button, part.key]
						: [part.field === 'components' || part.field === 'parameterFormat' ? 'bodyText' : part.field];
				ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: problem.message });
			}
			return { ...input, components: components as IDataObject[], parameterFormat };
		}),
	description,
);

/** "Using JSON": problems are reported on "Components (JSON)", saying which part of it. */
const jsonInput = defineInput(
	'template.create.json',
	z
		.object({
			...identity,
			componentsJson: componentsJsonSchema,
			parameterFormat: z.enum(['auto', 'POSITIONAL', 'NAMED']),
		})
		.transform((input, ctx): NewTemplate => {
			const components = input.componentsJson;
			const parameterFormat =
				input.parameterFormat === 'auto' ? detectParameterFormat(components) : input.parameterFormat;
			const issue = (problem: TemplateProblem) =>
				problem.part.field === 'parameterFormat'
					? { path: ['parameterFormat'], message: problem.message }
					: { path: ['componentsJson'], message: `${problem.where}: ${problem.message}` };
			for (const problem of reviewTemplate(components, input.category, parameterFormat)) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, ...issue(problem) });
			}
			return { ...input, components: components as IDataObject[], parameterFormat };
		}),
	description,
);

function readInput(this: IExecuteFunctions, itemIndex: number): NewTemplate {
	const parameter = (name: string, fallback: unknown = '') => this.getNodeParameter(name, itemIndex, fallback);
	const identityValues = {
		name: String(parameter('name') ?? ''),
		category: parameter('category', 'UTILITY'),
		language: String(parameter('language') ?? ''),
	};
	if (parameter('contentMode', 'fields') === 'json') {
		return jsonInput.parse(
			this.getNode(),
			{
				...identityValues,
				componentsJson: parameter('componentsJson', '[]'),
				parameterFormat: parameter('parameterFormat', 'auto'),
			},
			itemIndex,
		);
	}
	const headerType = parameter('headerType', 'none');
	return fieldsInput.parse(
		this.getNode(),
		{
			...identityValues,
			headerType,
			headerText: parameter('headerText'),
			headerExample: parameter('headerExample'),
			// A sample from a binary field is uploaded after the checks (uploadHeaderSample).
			headerHandle: sampleFromBinary.call(this, itemIndex) ? PENDING_UPLOAD : parameter('headerHandle'),
			bodyText: parameter('bodyText'),
			bodyExamples: parameter('bodyExamples.example', []),
			footerText: parameter('footerText'),
			buttons: parameter('buttons.button', []),
		},
		itemIndex,
	);
}

const PENDING_UPLOAD = '4::pending-upload';
const MEDIA_HEADERS = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;
const HEADER_BINARY_LABEL = requireLabel(description, ['headerBinaryProperty']);

/** Whether the media header's sample comes from a binary field ("Header Sample From"). */
function sampleFromBinary(this: IExecuteFunctions, itemIndex: number): boolean {
	const headerType = this.getNodeParameter('headerType', itemIndex, 'none') as string;
	return (
		this.getNodeParameter('contentMode', itemIndex, 'fields') === 'fields' &&
		(MEDIA_HEADERS as readonly string[]).includes(headerType) &&
		this.getNodeParameter('headerSampleSource', itemIndex, 'handle') === 'binary'
	);
}

/** Uploads the header sample from its binary field and puts the handle in example.header_handle. */
async function uploadHeaderSample(this: IExecuteFunctions, itemIndex: number, input: NewTemplate): Promise<void> {
	const header = input.components.find((c) => String(c.type).toUpperCase() === 'HEADER');
	if (!header) return;
	const format = String(header.format) as (typeof MEDIA_HEADERS)[number];
	const property = String(this.getNodeParameter('headerBinaryProperty', itemIndex, 'data'));
	const file = await readBinaryForHandle.call(this, itemIndex, property, HEADER_BINARY_LABEL, format);
	const { handle } = await uploadForHandle.call(this, file, itemIndex);
	header.example = { header_handle: [handle] };
}

/** POST /{WABA-ID}/message_templates: submits a template for Meta's review. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = readInput.call(this, itemIndex);
	const waba = await getBusinessAccountId.call(this, itemIndex, 'there is no account to create the template in');
	if (sampleFromBinary.call(this, itemIndex)) await uploadHeaderSample.call(this, itemIndex, input);
	const body: IDataObject = {
		name: input.name,
		language: input.language,
		category: input.category,
		components: input.components,
	};
	if (input.parameterFormat) body.parameter_format = input.parameterFormat;
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${waba}/message_templates`,
		body,
		itemIndex,
	})) as IDataObject;
	return [{ json: { ...response, name: input.name, language: input.language } }];
}
