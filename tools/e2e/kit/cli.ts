/**
 * Manual Trigger workflows run through n8n's CLI (`import:workflow` + `execute --rawOutput`), and
 * reading a run's node output and errors.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { N8nInstance } from '../../lab/n8n';
import { recordingDir, recordRun } from '../record';
import { complete, n8nId, type WorkflowDef } from './workflows';
import type { Execution, ItemJson, NodeRun } from './executions';

export interface CliRun {
	workflowId: string;
	code: number | null;
	signal: NodeJS.Signals | null;
	/** the execution (IRun) n8n printed, when it printed one */
	run?: Execution;
	/**
	 * n8n 2.41's CLI often (≈ 6 runs in 10 here) dies with SIGSEGV while exiting, after it printed
	 * the complete result: isolated-vm (its default "vm" expression engine) tearing down. With
	 * N8N_EXPRESSION_ENGINE=legacy it never happens. true = that crash, result intact.
	 */
	crashedOnExit: boolean;
	stdout: string;
	stderr: string;
	ms: number;
}

/** Finds the JSON document n8n's CLI printed after its log lines. */
export function parseCliJson(stdout: string): unknown {
	const starts: number[] = [];
	if (stdout.startsWith('{')) starts.push(0);
	for (let i = stdout.indexOf('\n{'); i !== -1; i = stdout.indexOf('\n{', i + 1)) starts.push(i + 1);
	if (starts.length === 0 && stdout.includes('{')) starts.push(stdout.indexOf('{'));
	const end = stdout.lastIndexOf('}');
	for (const s of starts) {
		try {
			return JSON.parse(stdout.slice(s, end + 1));
		} catch {
			/* a log line with a brace; try the next one */
		}
	}
	return undefined;
}

/** Imports the workflow with `n8n import:workflow` and runs it with `n8n execute --id … --rawOutput`. */
export async function runWorkflowViaCli(n8n: N8nInstance, def: WorkflowDef): Promise<CliRun> {
	const t0 = Date.now();
	const workflowId = n8nId();
	const wf = { id: workflowId, active: false, versionId: randomUUID(), ...complete(def) };
	const dir = path.join(n8n.userFolder, 'e2e-workflows');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${workflowId}.json`);
	fs.writeFileSync(file, JSON.stringify(wf, null, 2));
	const imp = await n8n.cli(['import:workflow', `--input=${file}`]);
	if (imp.code !== 0) throw new Error(`n8n import:workflow failed (${imp.code}):\n${imp.stdout}\n${imp.stderr}`);
	const ex = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
	const run = parseCliJson(ex.stdout) as Execution | undefined;
	const recordTo = recordingDir();
	if (recordTo && run) recordRun(recordTo, run.data?.resultData?.runData, wf.nodes, `cli ${workflowId}`);
	return {
		workflowId,
		code: ex.code,
		signal: ex.signal,
		run,
		crashedOnExit: ex.signal === 'SIGSEGV' && run !== undefined,
		stdout: ex.stdout,
		stderr: ex.stderr,
		ms: Date.now() - t0,
	};
}

/** Items (json) a node produced on its first run, output 0 by default. */
export function nodeOutput(run: Execution | undefined, nodeName: string, output = 0): ItemJson[] {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run?.data?.resultData?.runData ?? {}).join(', ')}`);
	const items = runs[0]?.data?.main?.[output] ?? [];
	return items.map((i) => i.json);
}

/** The error of a node's first run, if any. */
export function nodeError(run: Execution | undefined, nodeName: string): NodeRun['error'] {
	return run?.data?.resultData?.runData?.[nodeName]?.[0]?.error;
}
