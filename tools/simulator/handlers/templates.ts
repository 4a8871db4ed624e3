/** GET /{WABA-ID}/message_templates — list with Graph's filters and paging. */
import { SCOPE_MANAGEMENT } from '../fixtures';
import type { Route } from '../router';
import { TEMPLATE_FIELDS } from '../state';
import { paginate, project } from './graphQuery';

export const listTemplates: Route = {
	method: 'GET',
	path: '/{WABA-ID}/message_templates',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const { name, status, category, language } = ctx.query;
		// `name` matches as a prefix (case-insensitive), like Meta's; the others match exactly.
		const templates = ctx.state.templates.filter(
			(t) =>
				(name === undefined || t.name.toLowerCase().startsWith(name.toLowerCase())) &&
				(status === undefined || t.status === status.toUpperCase()) &&
				(category === undefined || t.category === category.toUpperCase()) &&
				(language === undefined || t.language === language),
		);
		return { body: paginate(templates, ctx, (t) => project(t, ctx, TEMPLATE_FIELDS, TEMPLATE_FIELDS, 'WhatsAppMessageTemplate')) };
	},
};
