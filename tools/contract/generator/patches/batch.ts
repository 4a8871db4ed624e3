/**
 * R8 addition (added whole, like addedOperations.ts, which spreads it in): Graph's batch requests.
 * Meta's WhatsApp OpenAPI file has no operation for the Graph root; Meta's "Batch Requests" page
 * (https://developers.facebook.com/docs/graph-api/batch-requests) describes it:
 *     d  POST to the Graph root with the parameter `batch`, a JSON array of at most 50 operations,
 *        each with `method` and `relative_url` (the part of the URL after the Graph host), a
 *        POST's parameters as a form-encoded `body`, and optionally `name`, `depends_on`,
 *        `omit_response_on_success`, `attached_files`, `headers`; `include_headers=false` leaves the
 *        answers' headers out. The answer lists, in order, {code, headers?, body: "<JSON text>"},
 *        or null for an operation Graph did not finish in time.
 * The package uses it to ask debug_token without the token in a URL (the trigger's app lookup).
 * Form parameters arrive as strings: `include_headers` as "false", `omit_response_on_success` as
 * written inside the batch JSON.
 */
import type { Json, JsonObject } from '../json';
import type { OperationOut } from '../operations';

const BOOLEAN_PARAMETER: Json = { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['true', 'false'] }] };

export const BATCH_OPERATIONS: Record<string, { operation: OperationOut; defs: JsonObject }> = {
	'POST /{Version}/': {
		operation: {
			operationId: 'r8GraphBatch',
			source: 'R8',
			query: [],
			request: {
				required: true,
				content: { 'application/x-www-form-urlencoded': 'R8BatchRequest', 'application/json': 'R8BatchRequest' },
			},
			response: 'R8BatchResponse',
		},
		defs: {
			R8BatchRequest: {
				type: 'object',
				additionalProperties: false,
				required: ['batch'],
				properties: {
					batch: { type: 'array', minItems: 1, maxItems: 50, items: { $ref: '#/$defs/R8BatchOperation' } },
					include_headers: BOOLEAN_PARAMETER,
				},
			},
			R8BatchOperation: {
				type: 'object',
				additionalProperties: false,
				required: ['method', 'relative_url'],
				properties: {
					method: { type: 'string', enum: ['GET', 'POST', 'DELETE', 'PUT'] },
					relative_url: { type: 'string', minLength: 1 },
					body: { type: 'string' },
					name: { type: 'string', minLength: 1 },
					depends_on: { type: 'string', minLength: 1 },
					omit_response_on_success: BOOLEAN_PARAMETER,
					attached_files: { type: 'string' },
					headers: {
						type: 'array',
						items: {
							type: 'object',
							required: ['name', 'value'],
							properties: { name: { type: 'string' }, value: { type: 'string' } },
						},
					},
				},
			},
			R8BatchResponse: {
				type: 'array',
				items: {
					anyOf: [
						{ type: 'null' },
						{
							type: 'object',
							required: ['code'],
							properties: {
								code: { type: 'integer' },
								headers: { type: 'array', items: { type: 'object' } },
								body: { type: 'string' },
							},
						},
					],
				},
			},
		},
	},
};
