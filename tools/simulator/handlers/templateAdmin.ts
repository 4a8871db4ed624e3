/**
 * POST /{WABA-ID}/message_templates (create) and DELETE /{WABA-ID}/message_templates?name=…[&hsm_id=…]
 * or ?hsm_ids=[…] (bulk delete by ID, up to 100: Meta's changelog). Created templates start
 * PENDING (as Meta's review does) and show up in the list and in GET /{TEMPLATE_ID}; library
 * templates (`library_template_name`, templateLibrary.ts) are APPROVED at once; authentication
 * templates are checked and stored with Meta's preset text (templateAuth.ts). Like Meta: a
 * name+language that exists already is refused (subcode 2388024), names must be ^[a-z0-9_]+$,
 * and deleting by name removes every language.
 */
import { SCOPE_MANAGEMENT } from '../fixtures';
import { GraphError, invalidParameter } from '../graphError';
import type { Route } from '../router';
import type { SimState, SimTemplate } from '../state';
import { authenticationComponents } from '../templateAuth';
import { libraryComponents } from '../templateLibrary';

const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];

let nextTemplateId = 400000000000900;

export const createTemplate: Route = {
	method: 'POST',
	path: '/{WABA-ID}/message_templates',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const body = (ctx.body && typeof ctx.body === 'object' ? ctx.body : {}) as Record<string, unknown>;
		const name = typeof body.name === 'string' ? body.name : '';
		const language = typeof body.language === 'string' ? body.language : '';
		const category = typeof body.category === 'string' ? body.category.toUpperCase() : '';
		if (!/^[a-z0-9_]{1,512}$/.test(name)) throw invalidParameter('name must match ^[a-z0-9_]+$ (at most 512 characters)');
		if (!language) throw invalidParameter('language is required');
		if (!CATEGORIES.includes(category)) throw invalidParameter(`category must be one of ${CATEGORIES.join(', ')}`);
		const fromLibrary = body.library_template_name !== undefined;
		if (!fromLibrary && (!Array.isArray(body.components) || body.components.length === 0)) throw invalidParameter('components is required');
		if (ctx.state.templates.some((t) => t.name === name && t.language === language)) {
			throw new GraphError(400, {
				message: 'Invalid parameter',
				code: 100,
				error_subcode: 2388024,
				error_user_title: 'Content in this language already exists',
				error_user_msg: `There is already ${language} content for this template (${name}). Create a new template and try again.`,
			});
		}
		type Json = Record<string, unknown>;
		let components = body.components as Json[];
		if (fromLibrary) components = libraryComponents(body);
		else if (category === 'AUTHENTICATION') components = authenticationComponents(components);
		const template: SimTemplate = {
			id: String(nextTemplateId++),
			name,
			language,
			status: fromLibrary ? 'APPROVED' : 'PENDING',
			category: category as SimTemplate['category'],
			parameter_format: body.parameter_format === 'NAMED' ? 'NAMED' : 'POSITIONAL',
			components: structuredClone(components),
			rejected_reason: 'NONE',
			quality_score: { score: 'UNKNOWN' },
		};
		ctx.state.templates.push(template);
		return { body: { id: template.id, status: template.status, category: template.category } };
	},
};

export const deleteTemplate: Route = {
	method: 'DELETE',
	path: '/{WABA-ID}/message_templates',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const name = ctx.query.name;
		const hsmId = ctx.query.hsm_id;
		if (ctx.query.hsm_ids !== undefined && name === undefined) return { body: deleteByIds(ctx.state, ctx.query.hsm_ids) };
		if (!name) throw invalidParameter('name is required to delete a template', '(#100) The parameter name is required');
		const matches = ctx.state.templates.filter((t) => t.name === name && (hsmId === undefined || t.id === hsmId));
		if (matches.length === 0) {
			throw invalidParameter(
				hsmId === undefined ? `no template named ${name}` : `no template named ${name} with id ${hsmId}`,
				'(#100) Invalid parameter',
			);
		}
		ctx.state.templates = ctx.state.templates.filter((t) => !matches.includes(t));
		return { body: { success: true } };
	},
};

/** Bulk delete: `hsm_ids` is a JSON list (or comma-separated) of up to 100 template IDs, all of this WABA. */
function deleteByIds(state: SimState, raw: string): { success: true } {
	let ids: unknown;
	try {
		ids = raw.trim().startsWith('[') ? JSON.parse(raw) : raw.split(',');
	} catch {
		throw invalidParameter('hsm_ids must be a JSON list of template IDs');
	}
	const list = Array.isArray(ids) ? ids.map((id) => String(id).trim()).filter(Boolean) : [];
	if (list.length === 0 || list.length > 100) throw invalidParameter('hsm_ids must list 1 to 100 template IDs');
	const unknown = list.filter((id) => !state.templates.some((t) => t.id === id));
	if (unknown.length) throw invalidParameter(`no template with id ${unknown.join(', ')}`);
	state.templates = state.templates.filter((t) => !list.includes(t.id));
	return { success: true };
}

/**
 * POST /{TEMPLATE_ID}: edits the category and/or components. Like Meta: only APPROVED, REJECTED
 * and PAUSED templates, never the category of an approved one; the edit goes back to review
 * (PENDING here, as the simulator does not review).
 */
export const editTemplate: Route = {
	method: 'POST',
	path: '/{TEMPLATE_ID}',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const template = ctx.state.templates.find((t) => t.id === ctx.params.TEMPLATE_ID) as SimTemplate;
		const body = (ctx.body && typeof ctx.body === 'object' ? ctx.body : {}) as Record<string, unknown>;
		if (!['APPROVED', 'REJECTED', 'PAUSED'].includes(template.status)) {
			throw new GraphError(400, {
				message: 'Invalid parameter',
				code: 100,
				error_user_title: 'Template cannot be edited',
				error_user_msg: `Only approved, rejected or paused templates can be edited; ${template.name} is ${template.status}.`,
			});
		}
		const category = typeof body.category === 'string' ? body.category.toUpperCase() : undefined;
		if (category !== undefined && !CATEGORIES.includes(category)) throw invalidParameter(`category must be one of ${CATEGORIES.join(', ')}`);
		if (category !== undefined && category !== template.category && template.status === 'APPROVED') {
			throw new GraphError(400, {
				message: 'Invalid parameter',
				code: 100,
				error_user_title: 'Category cannot be changed',
				error_user_msg: "The category of an approved template can't be edited.",
			});
		}
		if (body.components !== undefined && (!Array.isArray(body.components) || body.components.length === 0)) {
			throw invalidParameter('components must be a non-empty list');
		}
		if (category === undefined && body.components === undefined) throw invalidParameter('send category or components to edit');
		if (category !== undefined) template.category = category as SimTemplate['category'];
		if (Array.isArray(body.components)) template.components = structuredClone(body.components) as SimTemplate['components'];
		if (body.parameter_format === 'NAMED' || body.parameter_format === 'POSITIONAL') template.parameter_format = body.parameter_format;
		template.status = 'PENDING';
		return { body: { success: true } };
	},
};
