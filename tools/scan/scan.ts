/**
 * `npm run scan`: n8n's community-package scanner (@n8n/scan-community-package, pinned in
 * devDependencies) on this repository, before anything is published.
 *
 * The scanner's CLI only takes a package name: it downloads the published tarball and the
 * source commit its npm provenance points at, then lints both with its own ESLint rule set
 * (inline `eslint-disable` comments ignored). This script calls the same analyser
 * (`analyzePackage` from the scanner's scanner.mjs) on the same two inputs, made locally:
 *   (a) the source tree, with the scanner's SOURCE_FILE_PATTERNS (package.json, nodes/**,
 *       credentials/**);
 *   (b) the tarball `npm pack` makes from this repository, unpacked, with the patterns the CLI
 *       uses for the tarball (every .js file and package.json). The tarball must also contain
 *       every file package.json's "n8n" section lists, or the scan fails.
 * Not run here: the CLI's provenance check, which needs the published package (the publish
 * workflow publishes with --provenance).
 *
 * Options: --no-build packs without running prepack (after `npm run build`, as CI does).
 * Exit code 0 when both legs have no finding, 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface AnalysisResult {
	passed: boolean;
	message?: string;
	details?: string;
}

interface ScannerModule {
	analyzePackage(packageDir: string, filePatterns?: string[]): Promise<AnalysisResult>;
	SOURCE_FILE_PATTERNS: string[];
}

interface PackedFile {
	path: string;
}

const ROOT = path.resolve(__dirname, '..', '..');
const SCANNER_PACKAGE = '@n8n/scan-community-package';
/** What the CLI lints in the downloaded tarball (scanner.mjs, analyzePackageByName). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function scannerVersion(): string {
	const manifest = require.resolve(`${SCANNER_PACKAGE}/package.json`, { paths: [ROOT] });
	return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function loadScanner(): Promise<ScannerModule> {
	// A variable specifier: the scanner ships plain ESM without type declarations.
	const specifier = `${SCANNER_PACKAGE}/scanner/scanner.mjs`;
	return (await import(specifier)) as ScannerModule;
}

function run(command: string, args: string[], cwd: string): string {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (result.status !== 0) {
		process.stderr.write(result.stdout ?? '');
		process.stderr.write(result.stderr ?? '');
		throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
	}
	return result.stdout;
}

/** `npm pack` into `dest`; with `build`, prepack runs (this repo's .npmrc turns scripts off by default). */
function pack(dest: string, build: boolean): { tarball: string; files: string[] } {
	// --dry-run=false: under `npm publish --dry-run` (prepublishOnly) npm passes dry-run on to us.
	const scripts = build ? '--ignore-scripts=false' : '--ignore-scripts';
	const stdout = run('npm', ['pack', '--json', '--dry-run=false', '--pack-destination', dest, scripts], ROOT);
	// With scripts on, prepack's output comes first: the JSON report is the last top-level array.
	const json = stdout.slice(stdout.lastIndexOf('\n[') + 1 || stdout.indexOf('['));
	const [report] = JSON.parse(json) as Array<{ filename: string; files: PackedFile[] }>;
	return { tarball: path.join(dest, report.filename), files: report.files.map((f) => f.path).sort() };
}

/** Top-level files by name, folders as `dir/ (n files)` one level down: the shape of the tarball. */
function summarize(files: string[]): string[] {
	const groups = new Map<string, number>();
	for (const file of files) {
		const parts = file.split('/');
		const key = parts.length === 1 ? file : parts.length === 2 ? `${parts[0]}/` : `${parts[0]}/${parts[1]}/`;
		groups.set(key, (groups.get(key) ?? 0) + 1);
	}
	return [...groups].map(([key, count]) => (key.endsWith('/') ? `${key} (${count} files)` : key));
}

function declaredEntryPoints(): string[] {
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	return [...(manifest.n8n?.credentials ?? []), ...(manifest.n8n?.nodes ?? [])];
}

function report(label: string, result: AnalysisResult): boolean {
	if (result.passed) {
		console.log(`✅ ${label}: no findings${result.message ? ` (${result.message})` : ''}`);
		return true;
	}
	console.log(`❌ ${label}: ${result.message ?? 'failed'}`);
	if (result.details) console.log(result.details.trimEnd());
	return false;
}

async function main(): Promise<number> {
	const build = !process.argv.includes('--no-build');
	const scanner = await loadScanner();
	console.log(`== ${SCANNER_PACKAGE} ${scannerVersion()}, its own rule set (inline eslint-disable ignored)`);

	console.log(`== (a) source tree: ${scanner.SOURCE_FILE_PATTERNS.join(', ')}`);
	const sourceOk = report('source', await scanner.analyzePackage(ROOT, scanner.SOURCE_FILE_PATTERNS));

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-cloud-scan-'));
	try {
		console.log(`== (b) tarball: npm pack${build ? ' (prepack builds)' : ' --ignore-scripts (built before)'}`);
		const { tarball, files } = pack(work, build);
		console.log(`${path.basename(tarball)}: ${files.length} files`);
		for (const line of summarize(files)) console.log(`  ${line}`);

		const missing = declaredEntryPoints().filter((entry) => !files.includes(entry));
		let tarballOk = true;
		if (missing.length > 0) {
			console.log(`❌ tarball: lacks ${missing.join(', ')} (package.json "n8n" section). Build before packing: npm run pack`);
			tarballOk = false;
		}

		const unpacked = path.join(work, 'package');
		fs.mkdirSync(unpacked);
		run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], work);
		console.log(`   linted: ${TARBALL_FILE_PATTERNS.join(', ')}`);
		tarballOk = report('tarball', await scanner.analyzePackage(unpacked, TARBALL_FILE_PATTERNS)) && tarballOk;

		const ok = sourceOk && tarballOk;
		console.log(`== scan ${ok ? 'passed' : 'FAILED'}: source ${sourceOk ? 'clean' : 'has findings'}, tarball ${tarballOk ? 'clean' : 'has findings'}`);
		return ok ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** The scanner module makes an (unused) temp folder when it loads; remove it if still empty. */
function removeScannerTempFolder(): void {
	const prefix = `tmp-${process.pid}-`;
	for (const entry of fs.readdirSync(os.tmpdir())) {
		if (!entry.startsWith(prefix)) continue;
		try {
			fs.rmdirSync(path.join(os.tmpdir(), entry));
		} catch {
			// not empty or already gone: leave it
		}
	}
}

main().then(
	(code) => {
		removeScannerTempFolder();
		process.exit(code);
	},
	(error: unknown) => {
		console.error('scan failed to run:', error);
		removeScannerTempFolder();
		process.exit(1);
	},
);
