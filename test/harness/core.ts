/**
 * Access to n8n-core's dependency-injection container and the one-time service
 * initialisation the harness needs.
 *
 * n8n-core ships its own nested copy of `@n8n/di` (node_modules/n8n-core/node_modules/@n8n/di),
 * and the container is a module singleton, so `import { Container } from '@n8n/di'`
 * from this package would reach a *different* container (the hoisted, older copy).
 * The container is therefore loaded from n8n-core's own resolution path. Using
 * `require` (not `createRequire`) keeps it inside jest's module registry, so it is
 * the same instance n8n-core uses in the current test file.
 */
import './setup';

import { BinaryDataService, InstanceSettings, prepareBinaryData } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';
import { dirname } from 'node:path';

export interface CoreContainer {
	get<T>(type: abstract new (...args: never[]) => T): T;
	set<T>(type: abstract new (...args: never[]) => T, instance: T): void;
}

let container: CoreContainer | undefined;

/** n8n-core's DI container (the one its services are registered in). */
export function getCoreContainer(): CoreContainer {
	if (!container) {
		const coreDir = dirname(require.resolve('n8n-core'));
		const diPath = require.resolve('@n8n/di', { paths: [coreDir] });
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		container = (require(diPath) as { Container: CoreContainer }).Container;
	}
	return container;
}

let ready: Promise<void> | undefined;

/**
 * Instantiates InstanceSettings (reads N8N_USER_FOLDER, writes `.n8n/config` there)
 * and initialises BinaryDataService so binary data is stored the way n8n does by
 * default (`filesystem` mode, under `<N8N_USER_FOLDER>/.n8n/storage`). With
 * N8N_DEFAULT_BINARY_DATA_MODE=default binary data stays in memory (base64).
 * Runs once per module registry (i.e. once per jest test file).
 */
export async function ensureHarnessReady(): Promise<void> {
	ready ??= (async () => {
		const di = getCoreContainer();
		di.get(InstanceSettings);
		await di.get(BinaryDataService).init();
	})();
	await ready;
}

/** Workflow/execution ids under which `storeBinary()` keeps test input files. */
const INPUT_BINARY_WORKFLOW_ID = 'harness-workflow';
const INPUT_BINARY_EXECUTION_ID = 'harness-input';

/**
 * Stores `content` through n8n-core's BinaryDataService (as an upstream node's
 * `prepareBinaryData` would) and returns the IBinaryData to put on an input item.
 */
export async function storeBinary(
	content: Buffer | string,
	options: { fileName?: string; mimeType?: string } = {},
): Promise<IBinaryData> {
	await ensureHarnessReady();
	const buffer = typeof content === 'string' ? Buffer.from(content) : content;
	const binary = await prepareBinaryData(
		buffer,
		INPUT_BINARY_EXECUTION_ID,
		INPUT_BINARY_WORKFLOW_ID,
		undefined,
		options.mimeType,
	);
	if (options.fileName !== undefined) binary.fileName = options.fileName;
	return binary;
}

/** Reads the bytes of binary data produced by a node (filesystem or in-memory mode). */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	await ensureHarnessReady();
	return await getCoreContainer().get(BinaryDataService).getAsBuffer(binary);
}
