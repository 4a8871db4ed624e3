/**
 * One-time environment setup for the in-process n8n harness.
 *
 * Load it through jest `setupFiles` (it is also imported by `runNode.ts`, so a
 * test file that only imports the harness still gets it). It must run before
 * n8n-core is required: n8n-core's DI config classes read these variables when
 * they are first instantiated.
 *
 * It only touches `process.env` and a scratch folder under `os.tmpdir()`; it
 * never imports n8n-core itself, so it stays cheap.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Parent of every harness scratch folder (one sub-folder per worker process). */
export const HARNESS_TMP_ROOT = join(tmpdir(), 'n8n-nodes-whatsapp-cloud-harness');

/** Marker so repeated loads within one module registry are no-ops. */
const SETUP_MARKER = 'N8N_HARNESS_SETUP_DONE';

function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Removes scratch folders left behind by worker processes that have exited. */
function removeStaleFolders(): void {
	if (!existsSync(HARNESS_TMP_ROOT)) return;
	for (const entry of readdirSync(HARNESS_TMP_ROOT)) {
		const pid = Number(entry);
		if (!Number.isInteger(pid) || pid === process.pid || isProcessAlive(pid)) continue;
		try {
			rmSync(join(HARNESS_TMP_ROOT, entry), { recursive: true, force: true });
		} catch {
			// Another worker may be cleaning the same folder; ignore.
		}
	}
}

function setDefault(name: string, value: string): void {
	if (process.env[name] === undefined || process.env[name] === '') process.env[name] = value;
}

export function setupHarnessEnvironment(): string {
	const userFolder = join(HARNESS_TMP_ROOT, String(process.pid));
	if (process.env[SETUP_MARKER] === userFolder) return userFolder;

	removeStaleFolders();
	mkdirSync(userFolder, { recursive: true });

	// Always a scratch folder: n8n-core writes `<folder>/.n8n/config` (encryption key) and
	// stores binary data under `<folder>/.n8n/storage`. Never the real home directory.
	process.env.N8N_USER_FOLDER = userFolder;

	setDefault('NODE_ENV', 'test');
	// A fixed key keeps InstanceSettings from generating (and announcing) a new one.
	setDefault('N8N_ENCRYPTION_KEY', 'n8n-nodes-whatsapp-cloud-test-harness-key');
	// Quiet: n8n's winston logger and the ErrorReporter (which logs through it).
	setDefault('N8N_LOG_LEVEL', 'silent');
	setDefault('N8N_DIAGNOSTICS_ENABLED', 'false');
	// isolated-vm is not compiled (ignore-scripts): expressions must use the legacy engine.
	// n8n-workflow's Expression class already defaults to it; this makes it explicit.
	process.env.N8N_EXPRESSION_ENGINE = 'legacy';
	// n8n's default binary data mode; `default` would keep binary data in memory (base64).
	setDefault('N8N_DEFAULT_BINARY_DATA_MODE', 'filesystem');
	// Tests talk to simulators on 127.0.0.1: SSRF protection (off by default in n8n) stays off.
	setDefault('N8N_SSRF_PROTECTION_ENABLED', 'false');

	process.env[SETUP_MARKER] = userFolder;
	return userFolder;
}

setupHarnessEnvironment();
