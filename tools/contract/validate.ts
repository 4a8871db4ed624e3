/**
 * Validates request bodies and webhook payloads against tools/contract/schemas.json (generated from
 * Meta's OpenAPI contract by generate.ts). Ajv 2020 (the schemas use unevaluatedProperties), one
 * instance, created on first use; each definition is compiled once, when first needed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';

export interface ValidationResult {
	/** True when the body matches the schema (or when there is nothing to check). */
	valid: boolean;
	/** Name of the definition in schemas.json the body was checked against ('' = not checked). */
	schema: string;
	/** Readable errors: "<instance path> <message>", e.g. "/text must NOT have unevaluated properties: 'foo'". */
	errors: string[];
	/** False when the operation has no request schema or the path matches no known operation. */
	checked: boolean;
	/** Operation key, e.g. "POST /{Version}/{Phone-Number-ID}/messages" ('' = unknown). */
	operation: string;
}

export interface ContractOperation {
	operationId: string;
	/** "R8": added by the generator (generator/addedOperations.ts; Meta's file lacks it); its query and headers are checked too. */
	source?: string;
	request?: { required: boolean; content: Record<string, string> };
	multipartFields?: string[];
	query: Array<{ name: string; required: boolean; schema: unknown }>;
	headers?: Array<{ name: string; required: boolean; schema: unknown }>;
	response?: string;
}

interface Discriminator {
	propertyName: string;
	mapping: Record<string, string>;
	default?: string;
}

interface ContractFile {
	$id: string;
	$defs: Record<string, unknown>;
	operations: Record<string, ContractOperation>;
	discriminators: Record<string, Discriminator>;
}

export const MESSAGES_OPERATION = 'POST /{Version}/{Phone-Number-ID}/messages';
export const WEBHOOK_OPERATION = 'POST /whatsapp/webhooks';
/** Read receipts / typing indicators are sent to the messages endpoint but are not a `Message`. */
export const READ_RECEIPT_SCHEMA = 'MarkMessageRequestPayload';

/** When a one-segment path (/{id}) matches several operations, the first of these wins unless a hint says otherwise. */
const ID_PRIORITY = ['Phone-Number-ID', 'WABA-ID', 'Media-ID', 'TEMPLATE_ID', 'Media-URL'];
const MAX_ERRORS = 20;

let contract: ContractFile | undefined;
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

export function loadContract(): ContractFile {
	if (!contract) {
		const text = fs.readFileSync(path.join(__dirname, 'schemas.json'), 'utf8');
		contract = JSON.parse(text) as ContractFile;
	}
	return contract;
}

/** The webhook fields of the whatsapp_business_account object (WebhookField, R7r in generator/patches/webhooks.ts). */
export function wabaWebhookFields(): readonly string[] {
	const field = loadContract().$defs.WebhookField as { enum?: string[] } | undefined;
	if (!field?.enum) throw new Error('schemas.json has no WebhookField');
	return field.enum;
}

function validatorFor(name: string): ValidateFunction {
	let fn = compiled.get(name);
	if (fn) return fn;
	const doc = loadContract();
	if (!(name in doc.$defs)) throw new Error(`schemas.json has no definition ${name}`);
	if (!ajv) {
		ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, validateFormats: false });
		ajv.addSchema({ $id: doc.$id, $defs: doc.$defs });
	}
	fn = ajv.getSchema(`${doc.$id}#/$defs/${name}`);
	if (!fn) throw new Error(`cannot compile ${name}`);
	compiled.set(name, fn);
	return fn;
}

export function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
	const out: string[] = [];
	for (const error of errors ?? []) {
		if (error.keyword === 'if') continue; // "must match "then" schema" repeats the errors of the branch
		const where = error.instancePath || '(root)';
		const params = error.params as Record<string, unknown>;
		let detail = '';
		if (error.keyword === 'additionalProperties') detail = `: '${String(params.additionalProperty)}'`;
		if (error.keyword === 'unevaluatedProperties') detail = `: '${String(params.unevaluatedProperty)}'`;
		// verbose: a `not` names what it forbids (e.g. a send body with both `to` and `recipient`)
		if (error.keyword === 'not') detail = `: ${JSON.stringify(error.schema)}`;
		if (error.keyword === 'enum') detail = `: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
		const line = `${where} ${error.message ?? error.keyword}${detail}`;
		if (!out.includes(line)) out.push(line);
		if (out.length >= MAX_ERRORS) break;
	}
	return out;
}

/** Validates `data` against one definition of schemas.json. */
export function validateSchema(name: string, data: unknown): { valid: boolean; schema: string; errors: string[] } {
	const fn = validatorFor(name);
	const valid = fn(data) as boolean;
	return { valid, schema: name, errors: valid ? [] : formatErrors(fn.errors) };
}

/**
 * Validates against a definition that has a discriminator (e.g. Message) by picking the branch from
 * the discriminating property first, so the errors are those of that one branch.
 */
function validateDiscriminated(name: string, data: unknown): { valid: boolean; schema: string; errors: string[] } {
	const info = loadContract().discriminators[name];
	if (!info || typeof data !== 'object' || data === null || Array.isArray(data)) return validateSchema(name, data);
	const raw = (data as Record<string, unknown>)[info.propertyName];
	const key = raw === undefined ? info.default : raw;
	if (key === undefined) {
		return { valid: false, schema: name, errors: [`(root) must have required property '${info.propertyName}'`] };
	}
	if (typeof key !== 'string' || !(key in info.mapping)) {
		const allowed = Object.keys(info.mapping).map((v) => JSON.stringify(v)).join(', ');
		return { valid: false, schema: name, errors: [`/${info.propertyName} must be equal to one of the allowed values: ${allowed}`] };
	}
	return validateSchema(info.mapping[key], data);
}

function splitPath(graphPath: string): string[] {
	const pathOnly = graphPath.split('?')[0];
	const segments = pathOnly.split('/').filter((s) => s.length > 0);
	if (segments.length > 0 && /^v[0-9]+(\.[0-9]+)?$/.test(segments[0])) segments.shift();
	return segments;
}

/**
 * Maps a Graph path ("/v23.0/123/messages", version optional, query ignored) to an operation key.
 * `idParam` picks between operations that only differ in the kind of id ("TEMPLATE_ID",
 * "Media-ID", ...); without it, ID_PRIORITY decides.
 */
export function operationKeyFor(method: string, graphPath: string, idParam?: string): string | undefined {
	const segments = splitPath(graphPath);
	const upper = method.toUpperCase();
	const matches: Array<{ key: string; params: string[] }> = [];
	for (const key of Object.keys(loadContract().operations)) {
		const [opMethod, opPath] = key.split(' ');
		if (opMethod !== upper) continue;
		const template = opPath.split('/').filter((s) => s.length > 0 && s !== '{Version}');
		if (template.length !== segments.length) continue;
		const params: string[] = [];
		const ok = template.every((part, i) => {
			if (part.startsWith('{')) {
				params.push(part.slice(1, -1));
				return true;
			}
			return part === segments[i];
		});
		if (ok) matches.push({ key, params });
	}
	if (matches.length <= 1) return matches[0]?.key;
	// Literal segments beat placeholders (e.g. /whatsapp/webhooks), then the hint, then ID_PRIORITY.
	matches.sort((a, b) => a.params.length - b.params.length);
	const fewest = matches.filter((m) => m.params.length === matches[0].params.length);
	if (fewest.length === 1) return fewest[0].key;
	const rank = (m: { params: string[] }) => {
		const id = m.params[0];
		if (idParam !== undefined && id === idParam) return -1;
		const index = ID_PRIORITY.indexOf(id);
		return index < 0 ? ID_PRIORITY.length : index;
	};
	fewest.sort((a, b) => rank(a) - rank(b));
	return fewest[0].key;
}

export function getOperation(operationKey: string): ContractOperation | undefined {
	return loadContract().operations[operationKey];
}

/** Validates a request body for a known operation key (see operationKeyFor). */
export function validateOperation(operationKey: string, body: unknown, contentType?: string): ValidationResult {
	const op = getOperation(operationKey);
	const unchecked: ValidationResult = { valid: true, schema: '', errors: [], checked: false, operation: op ? operationKey : '' };
	if (!op || !op.request) return unchecked;
	const content = op.request.content;
	const type = (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
	// Graph reads form-urlencoded parameters like JSON ones, so anything but multipart uses the JSON schema.
	const name = content[type] ?? content['application/json'] ?? Object.values(content)[0];
	if (!name) return unchecked;
	if (body === undefined || body === null || body === '') {
		if (!op.request.required) return { ...unchecked, schema: name };
		return { valid: false, schema: name, errors: ['(root) request body is required'], checked: true, operation: operationKey };
	}
	let result: { valid: boolean; schema: string; errors: string[] };
	if (operationKey === MESSAGES_OPERATION && typeof body === 'object' && !Array.isArray(body) && 'status' in body) {
		result = validateSchema(READ_RECEIPT_SCHEMA, body);
	} else {
		result = validateDiscriminated(name, body);
	}
	return { ...result, checked: true, operation: operationKey };
}

/**
 * Validates the body of a Graph API request. graphPath like "/v23.0/123/messages".
 * For the messages endpoint the Message branch is chosen from `type` (absent = "text"), and a body
 * with `status` (read receipt / typing indicator) is checked against MarkMessageRequestPayload.
 */
export function validateRequest(
	method: string,
	graphPath: string,
	body: unknown,
	options: { contentType?: string; idParam?: string } = {},
): ValidationResult {
	const key = operationKeyFor(method, graphPath, options.idParam);
	if (!key) return { valid: true, schema: '', errors: [], checked: false, operation: '' };
	return validateOperation(key, body, options.contentType);
}

/** Validates a webhook payload (what Meta POSTs to the callback URL) against WebhookPayload. */
export function validateWebhook(payload: unknown): ValidationResult {
	return validateOperation(WEBHOOK_OPERATION, payload);
}

const parameterValidators = new Map<string, ValidateFunction>();

/**
 * Checks the query parameters and headers of an operation added by generate.ts (R8): required ones
 * present, every listed one matching its schema. Meta's own operations list their parameters
 * loosely, so theirs are not checked (checked: false).
 */
export function validateParameters(
	operationKey: string,
	query: Record<string, string>,
	headers: Record<string, string>,
): { checked: boolean; valid: boolean; errors: string[] } {
	const op = getOperation(operationKey);
	if (!op || op.source !== 'R8') return { checked: false, valid: true, errors: [] };
	validatorFor(Object.keys(loadContract().$defs)[0]); // creates the Ajv instance
	const errors: string[] = [];
	const lists: Array<['query parameter' | 'header', ContractOperation['query'], Record<string, string>]> = [
		['query parameter', op.query, query],
		['header', op.headers ?? [], headers],
	];
	for (const [kind, params, values] of lists) {
		for (const param of params) {
			const value = kind === 'header' ? values[param.name.toLowerCase()] : values[param.name];
			if (value === undefined) {
				if (param.required) errors.push(`(${kind}) ${param.name} is required`);
				continue;
			}
			const cacheKey = `${operationKey} ${kind} ${param.name}`;
			let fn = parameterValidators.get(cacheKey);
			if (!fn) {
				fn = (ajv as Ajv2020).compile(param.schema as object);
				parameterValidators.set(cacheKey, fn);
			}
			if (!fn(value)) errors.push(...formatErrors(fn.errors).map((e) => `(${kind}) ${param.name}${e.replace(/^\(root\)/, '')}`));
		}
	}
	return { checked: true, valid: errors.length === 0, errors };
}
