/** The operations written to schemas.json, their parameters and body/response schemas; the examples. */
import { child, clone, isObject, walkSchema, type Json, type JsonObject } from './json';
import { COMPONENT_PREFIX, refName, type RefRepair } from './refRepair';
import { defName, stripProse } from './rewrites';

/** Operations written to schemas.json (method + path exactly as in the contract). */
export const OPERATIONS: Array<[string, string]> = [
	['POST', '/{Version}/{Phone-Number-ID}/messages'],
	['POST', '/{Version}/{Phone-Number-ID}/marketing_messages'],
	['POST', '/{Version}/{Phone-Number-ID}/media'],
	['GET', '/{Version}/{Media-ID}'],
	['DELETE', '/{Version}/{Media-ID}'],
	['GET', '/{Version}/{Media-URL}'],
	['GET', '/{Version}/{Phone-Number-ID}'],
	['POST', '/{Version}/{Phone-Number-ID}'],
	['POST', '/{Version}/{Phone-Number-ID}/register'],
	['POST', '/{Version}/{Phone-Number-ID}/deregister'],
	['POST', '/{Version}/{Phone-Number-ID}/request_code'],
	['POST', '/{Version}/{Phone-Number-ID}/verify_code'],
	['GET', '/{Version}/{Phone-Number-ID}/whatsapp_business_profile'],
	['POST', '/{Version}/{Phone-Number-ID}/whatsapp_business_profile'],
	['GET', '/{Version}/{WABA-ID}/phone_numbers'],
	['GET', '/{Version}/{WABA-ID}/subscribed_apps'],
	['POST', '/{Version}/{WABA-ID}/subscribed_apps'],
	['DELETE', '/{Version}/{WABA-ID}/subscribed_apps'],
	['GET', '/{Version}/{WABA-ID}/message_templates'],
	['POST', '/{Version}/{WABA-ID}/message_templates'],
	['DELETE', '/{Version}/{WABA-ID}/message_templates'],
	['GET', '/{Version}/{TEMPLATE_ID}'],
	['POST', '/{Version}/{TEMPLATE_ID}'],
	['GET', '/{Version}/{Phone-Number-ID}/block_users'],
	['POST', '/{Version}/{Phone-Number-ID}/block_users'],
	['DELETE', '/{Version}/{Phone-Number-ID}/block_users'],
	['POST', '/{Version}/{Phone-Number-ID}/conversational_automation'],
	['GET', '/{Version}/{Phone-Number-ID}/call_permissions'],
	['POST', '/{Version}/{Phone-Number-ID}/calls'],
	['GET', '/{Version}/{Phone-Number-ID}/settings'],
	['POST', '/{Version}/{Phone-Number-ID}/settings'],
	['GET', '/{Version}/{Phone-Number-ID}/message_qrdls'],
	['POST', '/{Version}/{Phone-Number-ID}/message_qrdls'],
	['GET', '/{Version}/{Phone-Number-ID}/message_qrdls/{QR-Code-ID}'],
	['DELETE', '/{Version}/{Phone-Number-ID}/message_qrdls/{QR-Code-ID}'],
	['GET', '/{Version}/{WABA-ID}'],
	['POST', '/{Version}/{Phone-Number-ID}/groups'],
	['GET', '/{Version}/{Phone-Number-ID}/groups'],
	['GET', '/{Version}/{group_id}'],
	['POST', '/{Version}/{group_id}'],
	['DELETE', '/{Version}/{group_id}'],
	['POST', '/{Version}/{group_id}/invite_link'],
	['GET', '/{Version}/{group_id}/join_requests'],
	['POST', '/{Version}/{group_id}/join_requests'],
	['DELETE', '/{Version}/{group_id}/join_requests'],
	['DELETE', '/{Version}/{group_id}/participants'],
	['GET', '/{Version}/{WABA-ID}/flows'],
	['POST', '/{Version}/{WABA-ID}/flows'],
	['GET', '/{Version}/{Flow-ID}'],
	['POST', '/{Version}/{Flow-ID}'],
	['DELETE', '/{Version}/{Flow-ID}'],
	['GET', '/{Version}/{Flow-ID}/assets'],
	['POST', '/{Version}/{Flow-ID}/assets'],
	['POST', '/{Version}/{Flow-ID}/publish'],
	['POST', '/{Version}/{Flow-ID}/deprecate'],
	['GET', '/{Version}/{Phone-Number-ID}/whatsapp_business_encryption'],
	['POST', '/{Version}/{Phone-Number-ID}/whatsapp_business_encryption'],
	['POST', '/whatsapp/webhooks'],
];

/** Components needed although no listed operation references them. */
export const EXTRA_ROOTS = ['MarkMessageRequestPayload', 'MarkMessageResponsePayload', 'GraphAPIError', 'WebhookField'];

export interface QueryParam {
	name: string;
	required: boolean;
	schema: Json;
}

export interface OperationOut {
	operationId: string;
	/** "R8": added by this generator (its query and headers are checked too). */
	source?: string;
	request?: { required: boolean; content: Record<string, string> };
	multipartFields?: string[];
	query: QueryParam[];
	headers?: QueryParam[];
	response?: string;
}

export function resolveComponentRef(doc: JsonObject, value: Json | undefined): Json | undefined {
	if (isObject(value) && typeof value.$ref === 'string' && !value.$ref.startsWith(COMPONENT_PREFIX)) {
		const parts = value.$ref.replace(/^#\//, '').split('/');
		let target: Json | undefined = doc;
		for (const part of parts) target = child(target, part);
		return target;
	}
	return value;
}

function operationName(operationId: string, suffix: string): string {
	return `${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}${suffix}`;
}

/**
 * Adds the schema of one body/response to defs and returns the definition name: a plain $ref is
 * used as it is; an inline schema becomes its own definition named after the operation.
 */
function schemaName(schema: Json | undefined, inlineName: string, defs: JsonObject, repair: RefRepair): string | undefined {
	if (!isObject(schema)) return undefined;
	const keys = Object.keys(schema);
	if (keys.length === 1 && typeof schema.$ref === 'string') return repair.resolve(refName(schema.$ref), undefined);
	if (inlineName in defs) throw new Error(`definition name ${inlineName} already taken`);
	const copy = clone(schema);
	repair.apply(copy, undefined);
	stripProse(copy);
	defs[inlineName] = copy;
	return inlineName;
}

/** The query parameters of an operation (path-level first), prose removed. */
function queryParams(doc: JsonObject, pathItem: JsonObject, operation: JsonObject): QueryParam[] {
	const params = [...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])];
	const query: QueryParam[] = [];
	const seen = new Set<string>();
	for (const raw of params) {
		const param = resolveComponentRef(doc, raw);
		if (!isObject(param) || param.in !== 'query' || seen.has(String(param.name))) continue;
		seen.add(String(param.name));
		const schema = clone(param.schema ?? {});
		stripProse(schema);
		query.push({ name: String(param.name), required: param.required === true, schema });
	}
	return query;
}

/** The request body's schema per content type (and a multipart body's field names) into `result`. */
function addRequestBody(doc: JsonObject, operation: JsonObject, result: OperationOut, defs: JsonObject, repair: RefRepair): void {
	const body = resolveComponentRef(doc, operation.requestBody);
	if (!isObject(body) || !isObject(body.content)) return;
	const content: Record<string, string> = {};
	for (const contentType of Object.keys(body.content)) {
		const media = body.content[contentType];
		const suffix = contentType === 'application/json' ? 'Request' : contentType === 'multipart/form-data' ? 'MultipartRequest' : 'FormRequest';
		const name = schemaName(child(media, 'schema'), operationName(result.operationId, suffix), defs, repair);
		if (name) content[contentType] = name;
		if (contentType === 'multipart/form-data') {
			const props = child(child(media, 'schema'), 'properties');
			if (isObject(props)) result.multipartFields = Object.keys(props).sort();
		}
	}
	result.request = { required: body.required === true, content };
}

export function collectOperations(doc: JsonObject, defs: JsonObject, repair: RefRepair): Record<string, OperationOut> {
	const paths = doc.paths as JsonObject;
	const out: Record<string, OperationOut> = {};
	for (const [method, opPath] of OPERATIONS) {
		const pathItem = paths[opPath];
		const operation = child(pathItem, method.toLowerCase());
		if (!isObject(pathItem) || !isObject(operation)) throw new Error(`contract has no ${method} ${opPath}`);
		const operationId = String(operation.operationId ?? `${method.toLowerCase()}${opPath.replace(/[^A-Za-z]/g, '')}`);
		const result: OperationOut = { operationId, query: queryParams(doc, pathItem, operation) };
		addRequestBody(doc, operation, result, defs, repair);

		const ok = resolveComponentRef(doc, child(operation.responses, '200'));
		const okSchema = child(child(child(ok, 'content'), 'application/json'), 'schema');
		const responseName = schemaName(okSchema, operationName(operationId, 'Response'), defs, repair);
		if (responseName) result.response = responseName;

		out[`${method} ${opPath}`] = result;
	}
	return out;
}

/** The definitions reachable from `roots`: what schemas.json keeps. */
export function reachable(defs: JsonObject, roots: string[]): Set<string> {
	const keep = new Set<string>();
	const queue = [...roots];
	while (queue.length > 0) {
		const name = queue.pop() as string;
		if (keep.has(name)) continue;
		if (!(name in defs)) throw new Error(`reference to missing definition ${name}`);
		keep.add(name);
		walkSchema(defs[name], (node) => {
			if (typeof node.$ref === 'string') queue.push(defName(node.$ref));
		});
	}
	return keep;
}

/** The named examples of a POST operation's JSON body, verbatim. */
export function exampleValues(doc: JsonObject, opPath: string): JsonObject {
	const examples = child(child(child(child(child(child(doc.paths, opPath), 'post'), 'requestBody'), 'content'), 'application/json'), 'examples');
	if (!isObject(examples)) throw new Error(`no examples for POST ${opPath}`);
	const out: JsonObject = {};
	for (const name of Object.keys(examples)) {
		const example = resolveComponentRef(doc, examples[name]);
		const value = child(example, 'value');
		if (value === undefined) throw new Error(`example ${name} has no value`);
		out[name] = value;
	}
	return out;
}
