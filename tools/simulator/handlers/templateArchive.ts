/**
 * POST /{WABA-ID}/message_templates/archive and …/unarchive with {hsm_ids: [up to 100 IDs]}
 * (Meta, "Template archival":
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-archival).
 * Only approved or rejected templates can be archived; an archived template cannot be sent
 * (templateSend.ts) and unarchiving restores the status it had. The answer lists what was done
 * (`archived_templates` / `unarchived_templates`) and `failed_templates` {id: reason}.
 */
import { SCOPE_MANAGEMENT } from '../fixtures';
import { invalidParameter } from '../graphError';
import type { Route } from '../router';
import type { SimState, SimTemplate } from '../state';

/** The status each archived template had before (SimTemplate has no field for it). */
const previousStatus = new WeakMap<SimTemplate, SimTemplate['status']>();
const ARCHIVED = 'ARCHIVED' as SimTemplate['status'];

function requestedIds(body: unknown): string[] {
	const ids = (body as { hsm_ids?: unknown } | undefined)?.hsm_ids;
	if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) throw invalidParameter('hsm_ids must list 1 to 100 template IDs');
	return ids.map(String);
}

function apply(state: SimState, ids: string[], change: (t: SimTemplate) => string | undefined) {
	const done: string[] = [];
	const failed: Record<string, string> = {};
	for (const id of ids) {
		const template = state.templates.find((t) => t.id === id);
		const reason = template ? change(template) : 'Template not found';
		if (reason) failed[id] = reason;
		else done.push(id);
	}
	return { done, failed };
}

export const archiveTemplates: Route = {
	method: 'POST',
	path: '/{WABA-ID}/message_templates/archive',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const { done, failed } = apply(ctx.state, requestedIds(ctx.body), (t) => {
			if (t.status !== 'APPROVED' && t.status !== 'REJECTED') return 'Only approved or rejected templates can be archived';
			previousStatus.set(t, t.status);
			t.status = ARCHIVED;
			return undefined;
		});
		return { body: { archived_templates: done, failed_templates: failed } };
	},
};

export const unarchiveTemplates: Route = {
	method: 'POST',
	path: '/{WABA-ID}/message_templates/unarchive',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const { done, failed } = apply(ctx.state, requestedIds(ctx.body), (t) => {
			if (t.status !== ARCHIVED) return 'Only archived templates can be unarchived';
			t.status = previousStatus.get(t) ?? 'APPROVED';
			return undefined;
		});
		return { body: { unarchived_templates: done, failed_templates: failed } };
	},
};
