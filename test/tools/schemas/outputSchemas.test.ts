/**
 * The output schemas n8n shows before a node has run (CONTRIBUTING.md → "Output schemas"): every
 * operation of "WhatsApp Cloud" (walked from the node's Resource / Operation selectors) and every
 * item kind of the trigger has a schema file per node version, made by tools/schemas/generate.ts
 * from the committed recorded samples. A new operation without a recorded output fails here.
 */
import fs from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';

import { schemaOf } from '../../../tools/schemas/jsonSchema';
import { secretsIn } from '../../../tools/schemas/secrets';
import {
	descriptions,
	operationsOf,
	readSamples,
	REPO_DIR,
	SCHEMA_DIRS,
	targets,
	TRIGGER_KINDS,
	triggerKind,
	versionDir,
} from '../../../tools/schemas/targets';

const { targets: all, merged } = targets();
const read = (file: string) =>
	JSON.parse(fs.readFileSync(path.join(REPO_DIR, file), 'utf8')) as Record<string, unknown>;
const RECORD = 'add an e2e case that runs it, then `npm run schemas:record`';

function filesUnder(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory() ? filesUnder(full) : [path.relative(REPO_DIR, full).split(path.sep).join('/')];
	});
}

describe('n8n folder names', () => {
	it.each([
		[1, 'v1.0.0'],
		[1.1, 'v1.1.0'],
		[2, 'v2.0.0'],
		[1.25, 'v1.25.0'],
	])('version %s → %s', (version, dir) => expect(versionDir(version)).toBe(dir));
});

describe('what needs a schema', () => {
	it('walks every resource × operation of the node', () => {
		const ops = operationsOf(descriptions().action).map((o) => `${o.resource}/${o.operation}`);
		expect(ops).toEqual(expect.arrayContaining(['message/sendText', 'media/upload', 'template/getAll']));
		expect(all.filter((t) => t.node === 'whatsAppCloud').map((t) => t.key)).toEqual(ops);
	});

	it("the trigger's item kinds, for versions 1 and 1.1", () => {
		expect(all.filter((t) => t.node === 'whatsAppCloudTrigger').map((t) => t.key)).toEqual([...TRIGGER_KINDS]);
		expect(merged.map((m) => m.schemaFile)).toEqual([
			'nodes/WhatsAppCloudTrigger/__schema__/v1.0.0.json',
			'nodes/WhatsAppCloudTrigger/__schema__/v1.1.0.json',
		]);
	});
});

describe.each(all.map((t) => [`${t.node} ${t.key}`, t] as const))('%s', (_name, target) => {
	const samples = readSamples(target);

	it('has recorded samples', () => {
		expect({ target: target.key, samples: samples.length > 0 ? 'recorded' : `none — ${RECORD}` }).toEqual({
			target: target.key,
			samples: 'recorded',
		});
	});

	it.each(target.schemaFiles)('%s is the schema of its samples and valid draft-07', (file) => {
		expect(fs.existsSync(path.join(REPO_DIR, file)) ? file : `${file} missing — ${RECORD}`).toBe(file);
		const schema = read(file);
		const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
		expect(ajv.validateSchema(schema) ? [] : ajv.errors).toEqual([]);
		const validate = ajv.compile(schema);
		for (const sample of samples) {
			expect(validate(sample.json) ? [] : validate.errors).toEqual([]);
		}
		// What n8n's editor requires of a schema preview: an object type with at least one field.
		expect(schema.type).toBe('object');
		expect(Object.keys((schema.properties as object) ?? {}).length).toBeGreaterThan(0);
		// Generated, not edited: `npm run schemas:generate` writes exactly this.
		expect(schema).toEqual(schemaOf(samples.map((s) => s.json)));
	});

	if (target.kind) {
		it(`every sample is a "${target.kind}" item`, () => {
			expect(samples.map((s) => triggerKind(s.json))).toEqual(samples.map(() => target.kind));
		});
	}

	it('holds no token or secret', () => {
		expect(secretsIn(samples)).toEqual([]);
	});
});

describe('the trigger file n8n reads (all kinds merged)', () => {
	it.each(merged.map((m) => m.schemaFile))('%s', (file) => {
		const m = merged.find((x) => x.schemaFile === file)!;
		const samples = m.from.flatMap(readSamples);
		const schema = read(file);
		expect(schema).toEqual(schemaOf(samples.map((s) => s.json)));
		expect(Object.keys(schema.properties as object)).toEqual(
			expect.arrayContaining(['event', 'messageId', 'statusId', 'waId', 'text', 'status']),
		);
	});
});

it('no schema file without a target (a removed operation leaves none behind)', () => {
	const expected = [...all.flatMap((t) => t.schemaFiles), ...merged.map((m) => m.schemaFile)].sort();
	expect(SCHEMA_DIRS.flatMap(filesUnder).sort()).toEqual(expected);
});

it('no schema names a token or secret', () => {
	const files = SCHEMA_DIRS.flatMap(filesUnder);
	expect(files.flatMap((f) => secretsIn(read(f)).map((s) => `${f} ${s}`))).toEqual([]);
});
