/**
 * The e2e harness's recording switch (`--record <dir>` or `WA_E2E_RECORD=<dir>`): every output item
 * this package's nodes produced in the run is written to `<dir>` as one JSON file, for the output
 * schemas (`npm run schemas:record`, tools/schemas/generate.ts).
 *
 * Two sources, so every suite is covered without touching it:
 * - at the end of the run, before n8n stops, every execution of every running instance (public API,
 *   with data and the workflow as it ran: the node's type, version, resource and operation);
 * - every CLI run (`runWorkflowViaCli`), from the run n8n printed.
 * Items a node produced with "Continue On Fail" from an error (`{ error: "…" }`) are skipped: they
 * are the error output, not the operation's. At most MAX_ITEMS items per node run and output.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { N8nInstance } from '../lab/n8n';

export const RECORD_ENV = 'WA_E2E_RECORD';
const PACKAGE_PREFIX = 'n8n-nodes-whatsapp-cloud.';
const MAX_ITEMS = 20;

/** One recorded output item. */
export interface RecordedItem {
	/** e.g. n8n-nodes-whatsapp-cloud.whatsAppCloud */
	nodeType: string;
	nodeVersion: number;
	/** the node's resource / operation parameters (absent for the trigger) */
	resource?: string;
	operation?: string;
	/** index of the node output the item left by */
	output: number;
	/** where it was recorded: `execution <id>` or `cli <workflow id>` */
	source: string;
	json: unknown;
}

/** The recording folder, when the switch is on. */
export function recordingDir(): string | undefined {
	const dir = process.env[RECORD_ENV];
	return dir ? path.resolve(dir) : undefined;
}

interface RunNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters?: Record<string, unknown>;
}

const isErrorItem = (json: unknown) =>
	!!json && typeof json === 'object' && typeof (json as { error?: unknown }).error === 'string';

/** Writes the package nodes' output items of one run (IRun.data.resultData.runData). Returns how many. */
export function recordRun(dir: string, runData: unknown, nodes: RunNode[], source: string): number {
	if (!runData || typeof runData !== 'object') return 0;
	let written = 0;
	for (const node of nodes) {
		if (!node.type.startsWith(PACKAGE_PREFIX)) continue;
		const runs = (runData as Record<string, unknown>)[node.name];
		if (!Array.isArray(runs)) continue;
		for (const run of runs as Array<{ error?: unknown; data?: { main?: unknown[] } }>) {
			if (run?.error || !Array.isArray(run?.data?.main)) continue;
			run.data.main.forEach((items, output) => {
				if (!Array.isArray(items)) return;
				for (const item of items.slice(0, MAX_ITEMS) as Array<{ json?: unknown }>) {
					if (item?.json === undefined || isErrorItem(item.json)) continue;
					const p = node.parameters ?? {};
					const recorded: RecordedItem = {
						nodeType: node.type,
						nodeVersion: node.typeVersion,
						...(typeof p.resource === 'string' ? { resource: p.resource } : {}),
						...(typeof p.operation === 'string' ? { operation: p.operation } : {}),
						output,
						source,
						json: item.json,
					};
					const text = JSON.stringify(recorded, null, '\t');
					const name = createHash('sha256').update(text).digest('hex').slice(0, 16);
					fs.mkdirSync(dir, { recursive: true });
					fs.writeFileSync(path.join(dir, `${name}.json`), `${text}\n`);
					written++;
				}
			});
		}
	}
	return written;
}

/** Records every execution an instance holds (call it while n8n still runs). Returns items written. */
export async function recordInstance(dir: string, n8n: N8nInstance): Promise<{ executions: number; items: number }> {
	const ids: string[] = [];
	let cursor: string | undefined;
	do {
		const page = await n8n.api<{ data: Array<{ id: string | number }>; nextCursor?: string | null }>(
			'GET',
			`/executions?limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		ids.push(...page.data.map((e) => String(e.id)));
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	let items = 0;
	for (const id of ids) {
		const execution = await n8n.api<{
			data?: { resultData?: { runData?: unknown } };
			workflowData?: { nodes?: RunNode[] };
		}>('GET', `/executions/${id}?includeData=true`);
		items += recordRun(
			dir,
			execution.data?.resultData?.runData,
			execution.workflowData?.nodes ?? [],
			`execution ${id}`,
		);
	}
	return { executions: ids.length, items };
}
