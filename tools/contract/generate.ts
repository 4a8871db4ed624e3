/**
 * Contract generator: turns Meta's OpenAPI contract for the WhatsApp Business Platform
 * (tools/contract/meta/business-messaging-api_v23.0.yaml, OpenAPI 3.1, MIT) into two committed files:
 *
 *   tools/contract/schemas.json   one JSON Schema 2020-12 document ($defs) with the schemas the
 *                                 operations below need (request bodies + 200 responses), prose
 *                                 removed, plus an `operations` map and a `discriminators` map.
 *   tools/contract/examples.json  the 50 request examples of POST /{Phone-Number-ID}/messages and
 *                                 the 16 webhook payload examples, verbatim.
 *
 * Run: npx tsx tools/contract/generate.ts [--contract <path to yaml>]
 * Output is deterministic (keys sorted), so re-running gives no diff. The script ends by validating
 * every example with tools/contract/validate.ts and exits with status 1 if any result differs from
 * what is expected (see generator/knownInvalid.ts).
 *
 * Rewrites applied to Meta's schemas, each documented where it is made (generator/):
 *   R1, R3–R6 rewrites.ts      prose, nullable, discriminators, closed allOf, formats
 *   R2        refRepair.ts     $refs broken by the merge of Meta's specs
 *   R7        patches/         contract fixes, by topic (messages, templates, webhooks, account)
 *   R8        addedOperations.ts  operations Meta's reference has and this file leaves out
 * YAML loading (YAML 1.2 core schema): generator/loadContract.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { addOperations } from './generator/addedOperations';
import { clone, isObject, child, sortKeys, type Json, type JsonObject } from './generator/json';
import { KNOWN_INVALID_EXAMPLES } from './generator/knownInvalid';
import { loadContract } from './generator/loadContract';
import { collectOperations, exampleValues, EXTRA_ROOTS, reachable } from './generator/operations';
import { applyPatches } from './generator/patches/patch';
import { RefRepair } from './generator/refRepair';
import { rewriteClosedAllOf, rewriteDiscriminators, rewriteNullable, stripProse } from './generator/rewrites';

const OUT_DIR = __dirname;
const DEFAULT_CONTRACT = path.join(__dirname, 'meta', 'business-messaging-api_v23.0.yaml');
const SCHEMA_ID = 'https://n8n-nodes-whatsapp-cloud.local/contract/schemas.json';

const MESSAGES_OP = 'POST /{Version}/{Phone-Number-ID}/messages';
const WEBHOOK_OP = 'POST /whatsapp/webhooks';

function writeJson(file: string, value: Json): void {
	fs.writeFileSync(file, `${JSON.stringify(sortKeys(value), null, 2)}\n`);
}

function main(): void {
	const argIndex = process.argv.indexOf('--contract');
	const contractFile = argIndex > 0 ? path.resolve(process.argv[argIndex + 1]) : DEFAULT_CONTRACT;
	const doc = loadContract(contractFile);
	const components = child(child(doc, 'components'), 'schemas');
	if (!isObject(components)) throw new Error('contract has no components.schemas');

	const names = Object.keys(components);
	const repair = new RefRepair(names);
	const defs: JsonObject = {};
	for (const name of names) {
		const schema = clone(components[name]);
		repair.apply(schema, name);
		stripProse(schema);
		defs[name] = schema;
	}
	const operations = collectOperations(doc, defs, repair);
	addOperations(operations, defs);

	applyPatches(defs);
	for (const name of Object.keys(defs)) rewriteNullable(defs[name]);
	const discriminators = rewriteDiscriminators(defs);
	for (const name of Object.keys(defs)) rewriteClosedAllOf(defs[name]);

	const roots = [...EXTRA_ROOTS];
	for (const op of Object.values(operations)) {
		if (op.request) roots.push(...Object.values(op.request.content));
		if (op.response) roots.push(op.response);
	}
	const keep = reachable(defs, roots);
	const outDefs: JsonObject = {};
	for (const name of [...keep].sort()) outDefs[name] = defs[name];
	const outDiscriminators: JsonObject = {};
	for (const [name, info] of Object.entries(discriminators)) {
		if (keep.has(name.split('#')[0])) outDiscriminators[name] = info as unknown as Json;
	}

	writeJson(path.join(OUT_DIR, 'schemas.json'), {
		$id: SCHEMA_ID,
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		source: `${path.basename(contractFile)} (Meta Platforms, MIT licence), rewritten by tools/contract/generate.ts`,
		$defs: outDefs,
		operations: operations as unknown as Json,
		discriminators: outDiscriminators,
	});

	const messages = exampleValues(doc, '/{Version}/{Phone-Number-ID}/messages');
	const webhooks = exampleValues(doc, '/whatsapp/webhooks');
	writeJson(path.join(OUT_DIR, 'examples.json'), {
		source: `${path.basename(contractFile)} (Meta Platforms, MIT licence): request examples of ${MESSAGES_OP} and ${WEBHOOK_OP}`,
		messages,
		webhooks,
		knownInvalid: KNOWN_INVALID_EXAMPLES as unknown as Json,
	});

	const repairs = new Set(repair.log.filter(([owner]) => keep.has(owner)).map(([owner, change]) => `R2 ${owner}: ${change}`));
	for (const line of repairs) console.log(line);
	console.log(`schemas.json: ${keep.size} definitions, ${Object.keys(operations).length} operations`);
	console.log(`examples.json: ${Object.keys(messages).length} message examples, ${Object.keys(webhooks).length} webhook examples`);

	process.exitCode = checkExamples(messages, webhooks) ? 0 : 1;
}

/** Validates every example with the freshly written schemas.json; true when all results are as expected. */
function checkExamples(messages: JsonObject, webhooks: JsonObject): boolean {
	// Loaded here, after schemas.json is written, so validate.ts reads the new file.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const validate = require('./validate') as typeof import('./validate');
	let ok = true;
	const check = (kind: 'messages' | 'webhooks', name: string, result: { valid: boolean; schema: string; errors: string[] }) => {
		const known = KNOWN_INVALID_EXAMPLES[kind][name];
		if (known) {
			const hit = !result.valid && result.errors.some((e) => e.includes(known.expectError));
			if (!hit) {
				ok = false;
				console.error(`UNEXPECTED ${kind} "${name}": expected to fail with "${known.expectError}", got ${JSON.stringify(result)}`);
			}
		} else if (!result.valid) {
			ok = false;
			console.error(`INVALID ${kind} "${name}" (${result.schema}):\n  ${result.errors.join('\n  ')}`);
		}
	};
	for (const name of Object.keys(messages)) {
		check('messages', name, validate.validateRequest('POST', '/v23.0/1/messages', messages[name]));
	}
	for (const name of Object.keys(webhooks)) check('webhooks', name, validate.validateWebhook(webhooks[name]));
	const invalidCount = Object.keys(KNOWN_INVALID_EXAMPLES.messages).length + Object.keys(KNOWN_INVALID_EXAMPLES.webhooks).length;
	console.log(ok ? `examples: all as expected (${invalidCount} known-invalid)` : 'examples: MISMATCH (see above)');
	return ok;
}

if (require.main === module) main();

