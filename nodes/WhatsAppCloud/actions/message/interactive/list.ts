import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { LIMITS, limitedText } from '../../../validation/limits';
import { optionalText, requireUnique } from '../../../validation/schemas/fields';
import { defineKind } from './kind';
import { bodyPart, footerPart, headerPart, replyToPart, requireSectionTitles } from './parts';

const rowSchema = z.object({
	title: limitedText(LIMITS.listRowTitle),
	id: limitedText(LIMITS.listRowId),
	description: optionalText(LIMITS.listRowDescription),
});

const sectionSchema = z.object({
	title: optionalText(LIMITS.listSectionTitle),
	rows: z.array(rowSchema).min(1).max(LIMITS.listRows),
});

/** A list: a button that opens a menu of up to 10 rows in up to 10 sections. */
export const list = defineKind({
	value: 'list',
	name: 'List',
	description: 'A menu of up to 10 rows in sections, opened by a button',
	parts: [headerPart(['text']), bodyPart, footerPart, replyToPart],
	properties: [
		{
			displayName: 'List Button Text',
			name: 'listButtonText',
			type: 'string',
			default: '',
			required: true,
			placeholder: `e.g. Choose an option (up to ${LIMITS.listButtonText} characters)`,
			description: `Text of the button that opens the list, up to ${LIMITS.listButtonText} characters`,
		},
		{
			displayName: 'Define Sections',
			name: 'listDefinition',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{
					name: 'Using JSON',
					value: 'json',
					description: 'Build the sections with an expression, e.g. from the items of a previous node',
				},
			],
		},
		{
			displayName: 'Sections',
			name: 'sections',
			type: 'fixedCollection',
			// limits on the add buttons and in the empty fields (not maxAllowedFields: its run-time error names no field)
			placeholder: `Add Section (up to ${LIMITS.listSections}, ${LIMITS.listRows} rows in all)`,
			typeOptions: { multipleValues: true },
			default: {},
			description: `Up to ${LIMITS.listSections} sections with at most ${LIMITS.listRows} rows in total. A section title is required when there is more than one section.`,
			displayOptions: { show: { listDefinition: ['fields'] } },
			options: [
				{
					displayName: 'Section',
					name: 'section',
					values: [
						{
							displayName: 'Title',
							name: 'title',
							type: 'string',
							default: '',
							placeholder: `Up to ${LIMITS.listSectionTitle} characters; needed with several sections`,
							description: `Section title, up to ${LIMITS.listSectionTitle} characters`,
						},
						{
							displayName: 'Rows',
							name: 'rows',
							type: 'fixedCollection',
							placeholder: `Add Row (up to ${LIMITS.listRows} in the whole list)`,
							typeOptions: { multipleValues: true },
							default: {},
							options: [
								{
									displayName: 'Row',
									name: 'row',
									values: [
										{
											displayName: 'Title',
											name: 'title',
											type: 'string',
											default: '',
											placeholder: `Up to ${LIMITS.listRowTitle} characters`,
											description: `Row title, up to ${LIMITS.listRowTitle} characters, unique in the list`,
										},
										{
											displayName: 'ID',
											name: 'id',
											type: 'string',
											default: '',
											placeholder: `Up to ${LIMITS.listRowId} characters`,
											description: `Your identifier for the answer, up to ${LIMITS.listRowId} characters, unique in the list`,
										},
										{
											displayName: 'Description',
											name: 'description',
											type: 'string',
											default: '',
											placeholder: `Optional, up to ${LIMITS.listRowDescription} characters`,
											description: `Optional, up to ${LIMITS.listRowDescription} characters`,
										},
									],
								},
							],
						},
					],
				},
			],
		},
		{
			displayName: 'Sections (JSON)',
			name: 'sectionsJson',
			type: 'json',
			default:
				'[\n  {\n    "title": "Section 1",\n    "rows": [\n      { "id": "row-1", "title": "First choice", "description": "Optional" }\n    ]\n  }\n]',
			required: true,
			description:
				'An array of sections as WhatsApp defines them, each with a title and its rows; the default value shows the format',
			displayOptions: { show: { listDefinition: ['json'] } },
		},
	],
	shape: {
		listButtonText: limitedText(LIMITS.listButtonText),
		sections: z.array(sectionSchema).min(1).max(LIMITS.listSections),
	},
	read(itemIndex) {
		const listButtonText = this.getNodeParameter('listButtonText', itemIndex);
		if (this.getNodeParameter('listDefinition', itemIndex, 'fields') !== 'json') {
			const sections = this.getNodeParameter('sections.section', itemIndex, []) as IDataObject[];
			return {
				listButtonText,
				sections: sections.map((section) => ({
					title: section.title,
					rows: ((section.rows as IDataObject | undefined)?.row as IDataObject[] | undefined) ?? [],
				})),
			};
		}
		let value = this.getNodeParameter('sectionsJson', itemIndex) as unknown;
		if (typeof value === 'string') {
			try {
				value = JSON.parse(value) as unknown;
			} catch (error) {
				throw new NodeOperationError(
					this.getNode(),
					`"Sections (JSON)" is not valid JSON: ${(error as Error).message} (item ${itemIndex + 1})`,
					{ itemIndex },
				);
			}
		}
		// Also accepted: Meta's whole action object, { "sections": [...] }.
		if (value && typeof value === 'object' && !Array.isArray(value) && 'sections' in value) {
			value = (value as IDataObject).sections;
		}
		return { listButtonText, sections: value as IDataObject[] };
	},
	refine(input, ctx) {
		const rows = input.sections.flatMap((section, s) => section.rows.map((row, r) => ({ row, s, r })));
		if (rows.length > LIMITS.listRows) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['sections'],
				message: `the list has ${rows.length} rows in total; WhatsApp allows at most ${LIMITS.listRows} rows across all sections`,
			});
		}
		const where = (i: number) => `section ${rows[i].s + 1} row ${rows[i].r + 1}`;
		const at = (i: number, key: string) => ['sections', rows[i].s, 'rows', rows[i].r, key];
		requireUnique(
			ctx,
			rows,
			(x) => x.row.id,
			(i) => at(i, 'id'),
			where,
		);
		requireUnique(
			ctx,
			rows,
			(x) => x.row.title,
			(i) => at(i, 'title'),
			where,
		);
		requireSectionTitles(ctx, input.sections, 'sections');
	},
	interactive: (input) => ({
		type: 'list',
		action: {
			button: input.listButtonText,
			sections: input.sections.map((section) => ({
				...(section.title ? { title: section.title } : {}),
				rows: section.rows.map((row) => ({
					id: row.id,
					title: row.title,
					...(row.description ? { description: row.description } : {}),
				})),
			})),
		},
	}),
});
