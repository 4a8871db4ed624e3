import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { graphRequest, type GraphContext } from '../../shared/transport/graphRequest';
import { getBusinessAccountId } from '../actions/businessAccount/wabaId';
import type { TemplateDefinition } from './types';
import { parseTemplate, type ParsedTemplate } from './variables';

/** The template fields every lookup asks Graph for. */
export const TEMPLATE_FIELDS =
	'id,name,language,status,category,parameter_format,components,rejected_reason,quality_score';

interface TemplatePage {
	data?: TemplateDefinition[];
	paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

interface FetchTemplatesOptions {
	/** The WABA whose templates are listed (resolved by the caller: node override or credential). */
	wabaId: string;
	/** Meta's `name` filter. Meta matches it loosely (a prefix/partial match), see `exactName`. */
	name?: string;
	/** Keep only templates whose name is exactly `name` (Meta's own filter would also return longer names). */
	exactName?: boolean;
	/** Keep only this language (e.g. "en_US"). */
	language?: string;
	/** Meta's `status` filter: APPROVED, PENDING, REJECTED, PAUSED … */
	status?: string;
	/** Graph fields; default: TEMPLATE_FIELDS (also rejected_reason and quality_score). */
	fields?: string;
	/** Page size asked of Graph (default 100). */
	pageSize?: number;
	/** Stop after this many pages (default 50, i.e. 5,000 templates with the default page size). */
	maxPages?: number;
	/** The item the lookup is for, so errors name it. */
	itemIndex?: number;
}

/** One page of `GET /{waba-id}/message_templates`; `after` is the cursor of the previous page. */
export async function fetchTemplatePage(
	this: GraphContext,
	options: FetchTemplatesOptions & { after?: string },
): Promise<{ templates: TemplateDefinition[]; after?: string }> {
	const qs: IDataObject = { fields: options.fields ?? TEMPLATE_FIELDS, limit: options.pageSize ?? 100 };
	if (options.name) qs.name = options.name;
	if (options.status) qs.status = options.status;
	if (options.after) qs.after = options.after;
	const page = (await graphRequest.call(this, {
		method: 'GET',
		path: `${encodeURIComponent(options.wabaId)}/message_templates`,
		qs,
		itemIndex: options.itemIndex,
	})) as TemplatePage;
	return {
		templates: page.data ?? [],
		after: page.paging?.next ? page.paging.cursors?.after : undefined,
	};
}

/**
 * Every template of the WABA that matches `options`, following Graph's paging (`paging.next` /
 * `cursors.after`) until the last page or `maxPages`. With `exactName`, Meta's loose `name`
 * filter is narrowed to templates named exactly `name`.
 */
export async function fetchTemplates(
	this: GraphContext,
	options: FetchTemplatesOptions,
): Promise<TemplateDefinition[]> {
	const all: TemplateDefinition[] = [];
	const maxPages = options.maxPages ?? 50;
	let after: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const result = await fetchTemplatePage.call(this, { ...options, after });
		all.push(...result.templates);
		if (!result.after || result.after === after) break;
		after = result.after;
	}
	return all.filter(
		(template) =>
			(!options.exactName || !options.name || template.name === options.name) &&
			(!options.language || template.language === options.language),
	);
}

/** One template by its ID (`GET /{template-id}`); no WABA is needed. */
export async function fetchTemplateById(
	this: GraphContext,
	id: string,
	itemIndex?: number,
): Promise<TemplateDefinition> {
	return (await graphRequest.call(this, {
		method: 'GET',
		path: encodeURIComponent(id),
		qs: { fields: TEMPLATE_FIELDS },
		itemIndex,
	})) as TemplateDefinition;
}

export type TemplateLocator = { mode: 'list' | 'id' | 'name'; value: string };

/** How a missing WABA is explained when a template must be found in the WABA's list. */
export const TEMPLATE_LOOKUP_PURPOSE = 'the template cannot be looked up by name or language';

/**
 * The template definition a Send Template parameter points at: by ID (list or "By ID"), or by
 * exact name + language ("By Name"). A language given for an ID picks that translation of the
 * same template. `wabaId` is asked for only when the WABA's list is needed (by name, or another
 * language), so an ID works without one. Errors say what to fix.
 */
export async function resolveTemplate(
	this: GraphContext,
	locator: TemplateLocator,
	language: string | undefined,
	wabaId: () => Promise<string>,
	itemIndex?: number,
): Promise<TemplateDefinition> {
	const node = this.getNode();
	let name = locator.value;
	if (locator.mode !== 'name') {
		const byId = await fetchTemplateById.call(this, locator.value, itemIndex);
		if (!language || byId.language === language) return byId;
		name = byId.name;
	}
	const matches = await fetchTemplates.call(this, { wabaId: await wabaId(), name, exactName: true, itemIndex });
	if (matches.length === 0) {
		throw new NodeOperationError(node, `There is no template named "${name}" in this WhatsApp Business Account`, {
			itemIndex,
			description:
				'Template names are lowercase with underscores, e.g. order_update. Pick the template from the list to be sure.',
		});
	}
	if (language) {
		const match = matches.find((template) => template.language === language);
		if (!match) {
			throw new NodeOperationError(
				node,
				`The template "${name}" has no "${language}" version; it exists in ${matches.map((t) => t.language).join(', ')}`,
				{
					itemIndex,
					description: 'Set "Language" to one of these, or leave it empty when the template has one language.',
				},
			);
		}
		return match;
	}
	if (matches.length > 1) {
		throw new NodeOperationError(
			node,
			`The template "${name}" exists in several languages (${matches.map((t) => t.language).join(', ')}): set "Language"`,
			{ itemIndex },
		);
	}
	return matches[0];
}

// ----------------------------------------------------------------------------- Send Template

/**
 * The template a Send Template item points at. Lookups are cached per execution: 10,000 items
 * with one template cost one GET. The WABA (node override or credential) is part of the key.
 */
const definitionCache = new WeakMap<object, Map<string, Promise<TemplateDefinition>>>();

export function templateForItem(
	this: IExecuteFunctions,
	locator: TemplateLocator,
	language: string | undefined,
	itemIndex: number,
): Promise<TemplateDefinition> {
	let cache = definitionCache.get(this);
	if (!cache) {
		cache = new Map();
		definitionCache.set(this, cache);
	}
	const waba = String(this.getNodeParameter('businessAccountId', itemIndex, '') ?? '').trim();
	const key = JSON.stringify([locator.mode === 'name' ? 'name' : 'id', locator.value, language ?? '', waba]);
	let pending = cache.get(key);
	if (!pending) {
		const wabaId = () => getBusinessAccountId.call(this, itemIndex, TEMPLATE_LOOKUP_PURPOSE);
		pending = resolveTemplate.call(this, locator, language, wabaId, itemIndex);
		cache.set(key, pending);
		pending.catch(() => cache?.delete(key));
	}
	return pending;
}

/** The template an item sends with the variable fields: APPROVED, and made only of parts the fields can fill. */
export async function sendableTemplate(
	this: IExecuteFunctions,
	locator: TemplateLocator,
	language: string | undefined,
	itemIndex: number,
): Promise<ParsedTemplate> {
	const node = this.getNode();
	const definition = await templateForItem.call(this, locator, language, itemIndex);
	const status = String(definition.status ?? 'APPROVED').toUpperCase();
	if (status !== 'APPROVED') {
		throw new NodeOperationError(
			node,
			`The template "${definition.name}" (${definition.language}) is ${status}; only APPROVED templates can be sent (item ${itemIndex + 1})`,
			{ itemIndex, description: 'Check its review status in WhatsApp Manager → Message templates.' },
		);
	}
	const parsed = parseTemplate(definition);
	if (parsed.unsupported.length) {
		throw new NodeOperationError(
			node,
			`The template "${definition.name}" has parts the variable fields cannot fill: ${parsed.unsupported.join(', ')} (item ${itemIndex + 1})`,
			{ itemIndex, description: 'Set "Variables" to "Components (JSON)" and give the components yourself.' },
		);
	}
	return parsed;
}
