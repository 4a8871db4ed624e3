/**
 * Installs (or finds in the cache) both pinned n8n versions, 2.41.1 first, so `.ci/run` can start
 * the slow cold installs in the background while it builds, lints and runs jest. The e2e harness
 * waits on the same install lock (install.ts), so a run that starts before this is done just waits.
 *
 *   npx tsx tools/lab/prewarm.ts
 */
import { ensureN8n } from './install';

async function main(): Promise<void> {
	for (const major of [2, 1] as const) {
		const t = Date.now();
		const install = await ensureN8n({ major });
		console.log(`prewarm: n8n ${install.version} ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
	}
}

main().catch((e: unknown) => {
	console.error(`prewarm: ${(e as Error).stack ?? String(e)}`);
	process.exit(1);
});
