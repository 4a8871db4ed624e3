/**
 * `npm run schemas:record` — the e2e suites on n8n 2.41.1 with the harness's recording switch on
 * (tools/e2e/record.ts), then tools/schemas/generate.ts on what they recorded: committed samples
 * (tools/schemas/samples/) and the `__schema__` files n8n serves to the editor.
 *
 *   npm run schemas:record                    build, every suite, generate
 *   npm run schemas:record -- --no-build      other arguments go to the e2e run (--only … records only
 *                                             those cases: the targets they reach get new samples)
 *
 * Exits non-zero when a case failed or the generator did (secrets in an output, a target without
 * samples); the schemas are generated from whatever was recorded either way.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const REPO_DIR = path.resolve(__dirname, '..', '..');
const RECORDINGS = path.join(REPO_DIR, '.e2e', 'schema-recordings');

function run(script: string, args: string[]): number {
	const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(REPO_DIR, script), ...args], {
		cwd: REPO_DIR,
		stdio: 'inherit',
	});
	return r.status ?? 1;
}

const passThrough = process.argv.slice(2);
if (passThrough.some((a) => a === '--n8n' || a.startsWith('--n8n=') || a === '--record' || a.startsWith('--record='))) {
	console.error('schemas:record always records on n8n 2.41.1 into its own folder; leave out --n8n / --record');
	process.exit(2);
}
fs.rmSync(RECORDINGS, { recursive: true, force: true });
fs.mkdirSync(RECORDINGS, { recursive: true });
const e2e = run('tools/e2e/run.ts', ['--record', RECORDINGS, ...passThrough]);
const recorded = fs.readdirSync(RECORDINGS).filter((f) => f.endsWith('.json')).length;
console.log(
	`schemas:record: e2e exited ${e2e}, ${recorded} output items recorded in ${path.relative(REPO_DIR, RECORDINGS)}`,
);
const generated = run('tools/schemas/generate.ts', recorded > 0 ? ['--recordings', RECORDINGS] : []);
process.exit(e2e !== 0 ? e2e : generated);
