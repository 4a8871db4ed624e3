import type { IDataObject, IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { uploadForHandle } from '../../../shared/transport/resumableUpload';
import { readBinaryForHandle } from '../../media/binaryFiles';
import { detectParameterFormat, reviewTemplate, type TemplateProblem } from '../../templates/review';
import type { ParameterFormat } from '../../templates/types';
import { requireLabel } from '../../validation/labels';
import { componentsFromFields, componentsJsonSchema, contentFieldsDescription } from './createContent';

/**
 * A template's content as Template → Create and Template → Update read it: the "Using Fields
 * Below" parameters or "Components (JSON)", checked against Meta's rules for the category, and a
 * media header's sample uploaded from a binary field once everything else passed.
 */

/** The template categories Create and Update offer; `authentication` says how such a template is made. */
export function categoryOptions(authentication: string): INodePropertyOptions[] {
	return [
		{ name: 'Authentication', value: 'AUTHENTICATION', description: authentication },
		{ name: 'Marketing', value: 'MARKETING', description: 'Promotions, offers, announcements' },
		{ name: 'Utility', value: 'UTILITY', description: 'Updates about an order, account or booking' },
	];
}

const text = z.preprocess((value) => (value === undefined || value === null ? '' : String(value)), z.string());

/** The checked content. */
export interface TemplateContent {
	components: IDataObject[];
	parameterFormat?: ParameterFormat;
}

/** "Using Fields Below" (schema keys = parameter names). */
export const fieldsShape = {
	headerType: text,
	headerText: text,
	headerExample: text,
	headerHandle: text,
	bodyText: text,
	bodyExamples: z.array(z.object({ variable: text, value: text })),
	footerText: text,
	buttons: z.array(z.object({ type: text, text, url: text, urlExample: text, phoneNumber: text, codeExample: text })),
};

type FieldsValues = z.output<z.ZodObject<typeof fieldsShape>>;

/** Reviews the fields' components; problems are reported on the field they come from. */
export function reviewFields(input: FieldsValues, category: string, ctx: z.RefinementCtx): TemplateContent {
	const { components, parameterFormat } = componentsFromFields(input);
	for (const problem of reviewTemplate(components, category, parameterFormat)) {
		const { part } = problem;
		const path =
			'button' in part
				? ['buttons', part.button, part.key]
				: [part.field === 'components' || part.field === 'parameterFormat' ? 'bodyText' : part.field];
		ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: problem.message });
	}
	return { components: components as IDataObject[], parameterFormat };
}

/** "Using JSON". */
export const jsonShape = {
	componentsJson: componentsJsonSchema,
	parameterFormat: z.enum(['auto', 'POSITIONAL', 'NAMED']),
};

type JsonValues = z.output<z.ZodObject<typeof jsonShape>>;

/** Reviews "Components (JSON)"; problems are reported on it, saying which part of it. */
export function reviewJson(input: JsonValues, category: string, ctx: z.RefinementCtx): TemplateContent {
	const components = input.componentsJson;
	const parameterFormat = input.parameterFormat === 'auto' ? detectParameterFormat(components) : input.parameterFormat;
	const issue = (problem: TemplateProblem) =>
		problem.part.field === 'parameterFormat'
			? { path: ['parameterFormat'], message: problem.message }
			: { path: ['componentsJson'], message: `${problem.where}: ${problem.message}` };
	for (const problem of reviewTemplate(components, category, parameterFormat)) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, ...issue(problem) });
	}
	return { components: components as IDataObject[], parameterFormat };
}

/** Handle put in for a sample that is uploaded after the checks. */
const PENDING_UPLOAD = '4::pending-upload';
const MEDIA_HEADERS = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;
const HEADER_BINARY_LABEL = requireLabel(contentFieldsDescription, ['headerBinaryProperty']);

/** Whether the media header's sample comes from a binary field ("Header Sample From"). */
function sampleFromBinary(this: IExecuteFunctions, itemIndex: number): boolean {
	const headerType = this.getNodeParameter('headerType', itemIndex, 'none') as string;
	return (
		this.getNodeParameter('contentMode', itemIndex, 'fields') === 'fields' &&
		(MEDIA_HEADERS as readonly string[]).includes(headerType) &&
		this.getNodeParameter('headerSampleSource', itemIndex, 'handle') === 'binary'
	);
}

/** The raw values of "Using Fields Below" or "Using JSON" for item `itemIndex`. */
export function contentValues(this: IExecuteFunctions, itemIndex: number, mode: string): IDataObject {
	const parameter = (name: string, fallback: unknown = '') => this.getNodeParameter(name, itemIndex, fallback);
	if (mode === 'json') {
		return { componentsJson: parameter('componentsJson', '[]'), parameterFormat: parameter('parameterFormat', 'auto') };
	}
	return {
		headerType: parameter('headerType', 'none'),
		headerText: parameter('headerText'),
		headerExample: parameter('headerExample'),
		// A sample from a binary field is uploaded after the checks (uploadHeaderSample).
		headerHandle: sampleFromBinary.call(this, itemIndex) ? PENDING_UPLOAD : parameter('headerHandle'),
		bodyText: parameter('bodyText'),
		bodyExamples: parameter('bodyExamples.example', []) as IDataObject[],
		footerText: parameter('footerText'),
		buttons: parameter('buttons.button', []) as IDataObject[],
	};
}

/** Uploads the header sample from its binary field (when chosen) and puts the handle in example.header_handle. */
export async function uploadHeaderSample(
	this: IExecuteFunctions,
	itemIndex: number,
	content: TemplateContent,
): Promise<void> {
	if (!sampleFromBinary.call(this, itemIndex)) return;
	const header = content.components.find((c) => String(c.type).toUpperCase() === 'HEADER');
	if (!header) return;
	const format = String(header.format) as (typeof MEDIA_HEADERS)[number];
	const property = String(this.getNodeParameter('headerBinaryProperty', itemIndex, 'data'));
	const file = await readBinaryForHandle.call(this, itemIndex, property, HEADER_BINARY_LABEL, format);
	const { handle } = await uploadForHandle.call(this, file, itemIndex);
	header.example = { header_handle: [handle] };
}
