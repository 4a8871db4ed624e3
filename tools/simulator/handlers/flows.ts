/**
 * The Flows API (Meta, "Flows API": https://developers.facebook.com/docs/whatsapp/flows/reference/flowsapi;
 * errors after "Flow Management API Error Codes": …/whatsapp/flows/reference/error-codes). Bodies
 * were checked against the contract (patches/flows.ts). A Flow is a DRAFT until published, its JSON
 * and metadata change only then (139001 after), publishing needs a Flow JSON without validation
 * errors and, for a Flow that talks to its data endpoint, an endpoint_uri (139002), only a
 * PUBLISHED Flow can be deprecated (139003) and only a DRAFT deleted (139004). Each status change
 * queues the `flows` webhook (FLOW_STATUS_CHANGE) Meta posts (flowAdmin.ts posts it).
 */
import { SCOPE_MANAGEMENT } from '../fixtures';
import { checkFlowJson, usesEndpoint } from '../flowJsonCheck';
import { metricOf, parseMetricField } from '../flowMetrics';
import { flowState, flowStatusChanged, newFlowId, newPreviewToken, type FlowStatus, type SimFlow } from '../flowState';
import { GraphError, invalidParameter, unsupportedRequest, whatsappError } from '../graphError';
import type { RequestContext, Route } from '../router';
import { page } from './blockUsers';

const FIELDS = ['id', 'name', 'categories', 'preview', 'status', 'validation_errors', 'json_version', 'data_api_version', 'endpoint_uri', 'data_channel_uri', 'whatsapp_business_account', 'health_status'];
const DEFAULT_FIELDS = ['id', 'name', 'categories', 'status', 'validation_errors'];

function body(ctx: RequestContext): Record<string, unknown> {
	return (ctx.body ?? {}) as Record<string, unknown>;
}

function flowOf(ctx: RequestContext): SimFlow {
	const flow = flowState(ctx.state).flows.find((f) => f.id === ctx.params['Flow-ID']);
	if (!flow) throw unsupportedRequest(ctx.method, ctx.params['Flow-ID']);
	return flow;
}

/** `categories` as a form body sends it (JSON text) or a JSON body (an array); the contract checked the names. */
function categoriesOf(value: unknown): string[] | undefined {
	if (value === undefined) return undefined;
	return (typeof value === 'string' ? JSON.parse(value) : value) as string[];
}

function requireUniqueName(ctx: RequestContext, name: string, except?: SimFlow): void {
	if (flowState(ctx.state).flows.some((f) => f !== except && f.wabaId === ctx.state.waba.id && f.name === name)) {
		throw invalidParameter(`Flow name is not unique: a Flow named "${name}" already exists in this WhatsApp Business Account`);
	}
}

function requireDraft(flow: SimFlow): void {
	if (flow.status !== 'DRAFT') throw whatsappError(139001, "Flow can't be updated", `The Flow is ${flow.status}; only a DRAFT Flow can be changed. Clone it (clone_flow_id) to change it.`);
}

function setStatus(ctx: RequestContext, flow: SimFlow, status: FlowStatus): void {
	const old = flow.status;
	flow.status = status;
	flowState(ctx.state).outbox.push(flowStatusChanged(flow, old));
}

/** Why the Flow cannot be published now, or undefined. */
function publishProblem(flow: SimFlow): string | undefined {
	if (flow.status !== 'DRAFT') return `The Flow is ${flow.status}; only a DRAFT Flow can be published.`;
	if (flow.json === undefined) return 'The Flow has no Flow JSON yet; upload one first.';
	if (flow.validationErrors.length > 0) return `The Flow JSON has ${flow.validationErrors.length} validation error(s): ${flow.validationErrors[0].message}`;
	if (usesEndpoint(flow.json) && !flow.endpointUri) return 'The Flow uses a data endpoint: set its endpoint_uri before publishing.';
	return undefined;
}

function publish(ctx: RequestContext, flow: SimFlow): void {
	const problem = publishProblem(flow);
	if (problem !== undefined) throw whatsappError(139002, 'Publishing Flow in invalid state', problem);
	setStatus(ctx, flow, 'PUBLISHED');
}

function setJson(flow: SimFlow, text: string): void {
	flow.json = text;
	flow.validationErrors = checkFlowJson(text);
}

function view(ctx: RequestContext, flow: SimFlow): Record<string, unknown> {
	const wanted = typeof ctx.query.fields === 'string' && ctx.query.fields.trim() !== '' ? ctx.query.fields.split(/,(?![^(]*\))/).map((f) => f.trim()) : DEFAULT_FIELDS;
	let parsed: Record<string, unknown> = {};
	try {
		parsed = flow.json ? (JSON.parse(flow.json) as Record<string, unknown>) : {};
	} catch {
		parsed = {};
	}
	const waba = ctx.state.waba;
	const all: Record<string, unknown> = {
		id: flow.id,
		name: flow.name,
		categories: flow.categories,
		status: flow.status,
		validation_errors: flow.validationErrors,
		json_version: typeof parsed.version === 'string' ? parsed.version : undefined,
		data_api_version: typeof parsed.data_api_version === 'string' ? parsed.data_api_version : undefined,
		endpoint_uri: flow.endpointUri,
		data_channel_uri: flow.endpointUri,
		preview: {
			preview_url: `https://business.facebook.com/wa/manage/flows/${flow.id}/preview/?token=${flow.previewToken}`,
			expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+0000'),
		},
		whatsapp_business_account: { id: waba.id, name: waba.name, timezone_id: waba.timezone_id, message_template_namespace: waba.message_template_namespace },
		health_status: { can_send_message: flow.status === 'PUBLISHED' ? 'AVAILABLE' : 'BLOCKED', entities: [{ entity_type: 'FLOW', id: flow.id, can_send_message: flow.status === 'PUBLISHED' ? 'AVAILABLE' : 'BLOCKED' }] },
	};
	const out: Record<string, unknown> = {};
	for (const field of wanted) {
		if (field.startsWith('metric.')) {
			out.metric = metricOf(flow.id, parseMetricField(field));
			continue;
		}
		if (!FIELDS.includes(field)) throw new GraphError(400, { message: `(#100) Tried accessing nonexisting field (${field}) on node type (WhatsAppFlow)`, code: 100 });
		if (all[field] !== undefined) out[field] = all[field];
	}
	if (!('id' in out)) out.id = flow.id;
	return out;
}

export const listFlows: Route = {
	method: 'GET',
	path: '/{WABA-ID}/flows',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const mine = flowState(ctx.state).flows.filter((f) => f.wabaId === ctx.params['WABA-ID']);
		const result = page(ctx, mine, 25, 100);
		const data = (result.data as SimFlow[]).map((f) => ({ id: f.id, name: f.name, status: f.status, categories: f.categories, validation_errors: f.validationErrors }));
		return { body: { data, ...(result.paging ? { paging: result.paging } : {}) } };
	},
};

export const createFlow: Route = {
	method: 'POST',
	path: '/{WABA-ID}/flows',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const b = body(ctx);
		const name = String(b.name);
		requireUniqueName(ctx, name);
		const flow: SimFlow = {
			id: newFlowId(),
			wabaId: ctx.params['WABA-ID'],
			name,
			categories: categoriesOf(b.categories) ?? [],
			status: 'DRAFT',
			validationErrors: [],
			previewToken: newPreviewToken(),
			...(typeof b.endpoint_uri === 'string' ? { endpointUri: b.endpoint_uri } : {}),
		};
		if (typeof b.clone_flow_id === 'string') {
			const source = flowState(ctx.state).flows.find((f) => f.id === b.clone_flow_id);
			if (!source) throw invalidParameter(`Flow with specified ID does not exist: ${b.clone_flow_id}`);
			if (source.json !== undefined) setJson(flow, source.json);
		}
		if (typeof b.flow_json === 'string') setJson(flow, b.flow_json);
		flowState(ctx.state).flows.push(flow);
		const answer: Record<string, unknown> = { id: flow.id };
		if (typeof b.flow_json === 'string') {
			answer.success = true;
			answer.validation_errors = flow.validationErrors;
			// A Flow that cannot be published yet is still created, as a DRAFT (its status tells).
			if ((b.publish === true || b.publish === 'true') && publishProblem(flow) === undefined) publish(ctx, flow);
		}
		return { body: answer };
	},
};

export const getFlow: Route = {
	method: 'GET',
	path: '/{Flow-ID}',
	scope: SCOPE_MANAGEMENT,
	handle: (ctx) => ({ body: view(ctx, flowOf(ctx)) }),
};

export const updateFlowMetadata: Route = {
	method: 'POST',
	path: '/{Flow-ID}',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const flow = flowOf(ctx);
		const b = body(ctx);
		requireDraft(flow);
		if (typeof b.name === 'string') {
			requireUniqueName(ctx, b.name, flow);
			flow.name = b.name;
		}
		const categories = categoriesOf(b.categories);
		if (categories) flow.categories = categories;
		if (typeof b.endpoint_uri === 'string') flow.endpointUri = b.endpoint_uri;
		return { body: { success: true } };
	},
};

export const deleteFlow: Route = {
	method: 'DELETE',
	path: '/{Flow-ID}',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const flow = flowOf(ctx);
		if (flow.status !== 'DRAFT') throw whatsappError(139004, "Flow can't be deleted", `The Flow is ${flow.status}; only a DRAFT Flow can be deleted. Deprecate a published Flow instead.`);
		const state = flowState(ctx.state);
		state.flows = state.flows.filter((f) => f !== flow);
		return { body: { success: true } };
	},
};

export const listFlowAssets: Route = {
	method: 'GET',
	path: '/{Flow-ID}/assets',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const flow = flowOf(ctx);
		const data = flow.json === undefined ? [] : [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: `${ctx.baseUrl}/__sim/flows/${flow.id}/flow.json` }];
		return { body: { data } };
	},
};

export const uploadFlowJson: Route = {
	method: 'POST',
	path: '/{Flow-ID}/assets',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const flow = flowOf(ctx);
		requireDraft(flow);
		const file = ctx.files.find((f) => f.field === 'file');
		if (!file) throw invalidParameter('file is required');
		setJson(flow, file.bytes.toString('utf8'));
		return { body: { success: true, validation_errors: flow.validationErrors } };
	},
};

export const publishFlow: Route = {
	method: 'POST',
	path: '/{Flow-ID}/publish',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		publish(ctx, flowOf(ctx));
		return { body: { success: true } };
	},
};

export const deprecateFlow: Route = {
	method: 'POST',
	path: '/{Flow-ID}/deprecate',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const flow = flowOf(ctx);
		if (flow.status !== 'PUBLISHED') throw whatsappError(139003, 'Deprecating Flow in invalid state', `The Flow is ${flow.status}; only a PUBLISHED Flow can be deprecated.`);
		setStatus(ctx, flow, 'DEPRECATED');
		return { body: { success: true } };
	},
};

/** Every Flows route; the `/{Flow-ID}` ones come after the other single-id routes (routes.ts). */
export const FLOW_ROUTES: Route[] = [listFlows, createFlow, getFlow, updateFlowMetadata, deleteFlow, listFlowAssets, uploadFlowJson, publishFlow, deprecateFlow];
