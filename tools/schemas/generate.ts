/**
 * Output schemas from recorded outputs (CONTRIBUTING.md → "Output schemas").
 *
 *   npx tsx tools/schemas/generate.ts [--recordings <dir>]
 *
 * 1. With `--recordings` (what `npm run schemas:record` passes): reads the items the e2e harness
 *    recorded (tools/e2e/record.ts), groups them by operation (action node) or item kind (trigger),
 *    keeps one sample per distinct shape and writes them to tools/schemas/samples/ (committed).
 *    A group present in the recordings replaces its samples; groups the run did not reach keep theirs.
 * 2. Always: rewrites nodes/<Node>/__schema__/ from the committed samples — per operation
 *    `v<version>/<resource>/<operation>.json`, for the trigger `v<version>/<kind>.json` and the file
 *    n8n reads, `v<version>.json` (all kinds merged).
 *
 * Deterministic (sorted, prettier-formatted): a second run changes nothing. Fails (exit 1) when a
 * recording holds one of the simulator's secrets, and lists every target without samples.
 */
import fs from 'node:fs';
import path from 'node:path';

import prettier from 'prettier';

import type { RecordedItem } from '../e2e/record';
import { distinctShapes, schemaOf } from './jsonSchema';
import { secretsIn } from './secrets';
import {
	ACTION_NODE,
	PACKAGE_NAME,
	readSamples,
	REPO_DIR,
	SCHEMA_DIRS,
	TRIGGER_NODE,
	targets,
	triggerKind,
	type Sample,
} from './targets';

async function formatJson(value: unknown): Promise<string> {
	const config = (await prettier.resolveConfig(path.join(REPO_DIR, 'package.json'))) ?? {};
	return await prettier.format(JSON.stringify(value), { ...config, parser: 'json' });
}

async function writeJson(file: string, value: unknown): Promise<void> {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, await formatJson(value));
}

function readRecordings(dir: string): RecordedItem[] {
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort();
	return files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as RecordedItem);
}

function keyOf(item: RecordedItem): { node: string; key: string } | undefined {
	if (item.nodeType === `${PACKAGE_NAME}.${ACTION_NODE}`) {
		return item.resource && item.operation
			? { node: ACTION_NODE, key: `${item.resource}/${item.operation}` }
			: undefined;
	}
	if (item.nodeType === `${PACKAGE_NAME}.${TRIGGER_NODE}`) return { node: TRIGGER_NODE, key: triggerKind(item.json) };
	return undefined;
}

function parseArgs(argv: string[]): { recordings?: string } {
	const args: { recordings?: string } = {};
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--recordings') args.recordings = argv[++i];
		else if (argv[i].startsWith('--recordings=')) args.recordings = argv[i].slice('--recordings='.length);
		else throw new Error(`unknown argument ${argv[i]} (usage: generate.ts [--recordings <dir>])`);
	}
	return args;
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	const { targets: all, merged } = targets();
	const byKey = new Map(all.map((t) => [`${t.node} ${t.key}`, t]));
	let failed = false;

	if (args.recordings) {
		const items = readRecordings(args.recordings);
		const leaks = items.flatMap((item) => secretsIn(item.json).map((s) => `${item.source}: ${s}`));
		if (leaks.length > 0) {
			console.error(`schemas: recorded outputs hold secrets, nothing written:\n  ${leaks.join('\n  ')}`);
			return 1;
		}
		const groups = new Map<string, Sample[]>();
		const unknown = new Set<string>();
		for (const item of items) {
			const k = keyOf(item);
			if (!k) continue;
			const id = `${k.node} ${k.key}`;
			if (!byKey.has(id)) {
				unknown.add(id);
				continue;
			}
			const list = groups.get(id) ?? [];
			list.push({ nodeVersion: item.nodeVersion, json: item.json });
			groups.set(id, list);
		}
		for (const [id, samples] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
			const kept = distinctShapes(samples, (s) => s.json);
			await writeJson(byKey.get(id)!.samplesFile, kept);
			console.log(`schemas: ${id}: ${samples.length} recorded items, ${kept.length} distinct shapes`);
		}
		for (const id of unknown)
			console.log(`schemas: ${id}: recorded, but the node description has no such target (skipped)`);
		console.log(`schemas: ${items.length} recordings read from ${args.recordings}, ${groups.size} targets updated`);
	}

	for (const dir of SCHEMA_DIRS) fs.rmSync(dir, { recursive: true, force: true });
	const missing: string[] = [];
	let written = 0;
	for (const target of all) {
		const samples = readSamples(target);
		const leaks = secretsIn(samples);
		if (leaks.length > 0) {
			console.error(`schemas: ${path.relative(REPO_DIR, target.samplesFile)} holds secrets: ${leaks.join(', ')}`);
			failed = true;
			continue;
		}
		if (samples.length === 0) {
			missing.push(`${target.node} ${target.key}`);
			continue;
		}
		const schema = schemaOf(samples.map((s) => s.json));
		for (const file of target.schemaFiles) {
			await writeJson(path.join(REPO_DIR, file), schema);
			written++;
		}
	}
	for (const m of merged) {
		const samples = m.from.flatMap(readSamples);
		if (samples.length === 0) continue;
		await writeJson(path.join(REPO_DIR, m.schemaFile), schemaOf(samples.map((s) => s.json)));
		written++;
	}
	console.log(`schemas: ${written} schema files written`);
	if (missing.length > 0) {
		console.error(
			`schemas: no recorded output for ${missing.length} target(s) — add an e2e case that runs it, then \`npm run schemas:record\`:\n  ${missing.join('\n  ')}`,
		);
		failed = true;
	}
	return failed ? 1 : 0;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(e: unknown) => {
			console.error(e);
			process.exit(1);
		},
	);
}
