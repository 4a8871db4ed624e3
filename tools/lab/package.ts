/**
 * This package as users get it: `npm pack` once per run, then `npm install <tgz> --omit=dev
 * --omit=peer` into an n8n user folder's `.n8n/nodes`, so n8n-workflow and zod come from n8n.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runLogged } from './install';
import { cleanEnv, removeOnExit } from './processes';

export interface InstalledPackage {
	name: string;
	version: string;
	tgz: string;
	/** <N8N_USER_FOLDER>/.n8n/nodes */
	nodesDir: string;
	/** <nodesDir>/node_modules/<name> */
	dir: string;
}

const packCache = new Map<string, Promise<{ tgz: string; name: string; version: string }>>();

/** `npm pack` the repo once per process (after `npm run build`; scripts off so prepack does not rebuild). */
export function packPackage(packageDir: string): Promise<{ tgz: string; name: string; version: string }> {
	const key = path.resolve(packageDir);
	let p = packCache.get(key);
	if (!p) {
		p = (async () => {
			const pkg = JSON.parse(fs.readFileSync(path.join(key, 'package.json'), 'utf8')) as { name: string; version: string; n8n?: { nodes?: string[]; credentials?: string[] } };
			for (const f of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
				if (!fs.existsSync(path.join(key, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
			}
			const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-e2e-pack-'));
			removeOnExit(dest);
			const logFile = path.join(dest, 'pack.log');
			await runLogged('npm', ['pack', '--ignore-scripts', '--pack-destination', dest], { cwd: key, env: npmEnv(), logFile });
			const tgz = fs.readdirSync(dest).find((f) => f.endsWith('.tgz'));
			if (!tgz) throw new Error(`npm pack produced no .tgz (see ${logFile})`);
			return { tgz: path.join(dest, tgz), name: pkg.name, version: pkg.version };
		})();
		packCache.set(key, p);
	}
	return p;
}

function npmEnv(): NodeJS.ProcessEnv {
	const env = cleanEnv();
	if (process.env.npm_config_registry) env.npm_config_registry = process.env.npm_config_registry;
	if (process.env.npm_config_cache) env.npm_config_cache = process.env.npm_config_cache;
	return env;
}

/** Installs the packed package into <userFolder>/.n8n/nodes like n8n's community-package installer would. */
export async function installPackage(userFolder: string, packageDir: string): Promise<InstalledPackage> {
	const packed = await packPackage(packageDir);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2) + '\n');
	}
	// a reused folder (dev) may hold an older build of the same version: replace it outright
	fs.rmSync(path.join(nodesDir, 'node_modules', packed.name), { recursive: true, force: true });
	await runLogged(
		'npm',
		['install', packed.tgz, '--omit=dev', '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund'],
		{ cwd: nodesDir, env: npmEnv(), logFile: path.join(userFolder, 'npm-install.log') },
	);
	return { ...packed, nodesDir, dir: path.join(nodesDir, 'node_modules', packed.name) };
}

/**
 * What users get must resolve `n8n-workflow` and `zod` from n8n itself: a private copy would
 * break `instanceof` checks (NodeApiError…) and double the code. Returns the offending paths.
 */
export function privateCopiesOfHostDeps(pkg: InstalledPackage): string[] {
	const found: string[] = [];
	for (const base of [path.join(pkg.dir, 'node_modules'), path.join(pkg.nodesDir, 'node_modules')]) {
		for (const dep of ['n8n-workflow', 'zod', 'n8n-core']) {
			const p = path.join(base, dep);
			if (fs.existsSync(p)) found.push(p);
		}
	}
	return found;
}
