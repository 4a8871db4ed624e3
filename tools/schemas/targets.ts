/**
 * Which output schemas the package ships and where n8n reads them (CONTRIBUTING.md → "Output
 * schemas"): one per operation of "WhatsApp Cloud" per node version, and for the trigger one per
 * item kind plus the one file n8n reads (all kinds merged), per node version. Read from the node
 * descriptions in nodes/, so a new operation is a new target without editing this file.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import type { EventKind } from '../../nodes/WhatsAppCloudTrigger/fanOut';

export const REPO_DIR = path.resolve(__dirname, '..', '..');
export const SAMPLES_DIR = path.join(REPO_DIR, 'tools', 'schemas', 'samples');
export const ACTION_NODE = 'whatsAppCloud';
export const TRIGGER_NODE = 'whatsAppCloudTrigger';
export const PACKAGE_NAME = 'n8n-nodes-whatsapp-cloud';

/** The trigger's item kinds (fanOut.ts `EventKind`); the type check below fails when one is missing here. */
export const TRIGGER_KINDS = ['message', 'status', 'other'] as const;
type MissingKind = Exclude<EventKind, (typeof TRIGGER_KINDS)[number]>;
const everyKindListed: [MissingKind] extends [never] ? true : MissingKind = true;
void everyKindListed;

/** n8n's version folder for a node version: 1 → v1.0.0, 1.1 → v1.1.0 (n8n pads to three parts). */
export function versionDir(version: number): string {
	return `v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;
}

/** Kind of a trigger item: its `event` field (fanOut.ts), "message" / "status", anything else "other". */
export function triggerKind(json: unknown): (typeof TRIGGER_KINDS)[number] {
	const event = (json as { event?: unknown } | null)?.event;
	return event === 'message' || event === 'status' ? event : 'other';
}

export interface Target {
	node: typeof ACTION_NODE | typeof TRIGGER_NODE;
	/** "message/sendText" for an operation, "message" for a trigger item kind */
	key: string;
	resource?: string;
	operation?: string;
	kind?: (typeof TRIGGER_KINDS)[number];
	/** the committed samples it is made from */
	samplesFile: string;
	/** the schema files made from them, relative to the repo (one per node version) */
	schemaFiles: string[];
}

/** The trigger's file n8n reads, per version: every kind's samples merged. */
export interface MergedTarget {
	node: typeof TRIGGER_NODE;
	schemaFile: string;
	from: Target[];
}

const versionsOf = (d: INodeTypeDescription): number[] => (Array.isArray(d.version) ? d.version : [d.version]);

/** Every resource × operation of the node, from the Resource and Operation selectors. */
export function operationsOf(description: INodeTypeDescription): Array<{ resource: string; operation: string }> {
	const resourceParameter = description.properties.find((p) => p.name === 'resource');
	const resources = (resourceParameter?.options ?? []).map((o) => String((o as { value: unknown }).value));
	const found: Array<{ resource: string; operation: string }> = [];
	for (const resource of resources) {
		const selectors = description.properties.filter(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		if (selectors.length === 0) throw new Error(`resource ${resource} has no Operation selector`);
		for (const selector of selectors) {
			for (const option of selector.options ?? []) {
				found.push({ resource, operation: String((option as { value: unknown }).value) });
			}
		}
	}
	return found;
}

/**
 * The node descriptions from the source. Required by file name with `.ts`: next to each
 * `X.node.ts` lies its codex `X.node.json`, which tsx would load for an extensionless path.
 */
export function descriptions(): { action: INodeTypeDescription; trigger: INodeTypeDescription } {
	/* eslint-disable @typescript-eslint/no-require-imports -- loaded by file name, see above */
	const { WhatsAppCloud } = require(
		path.join(REPO_DIR, 'nodes', 'WhatsAppCloud', 'WhatsAppCloud.node.ts'),
	) as typeof import('../../nodes/WhatsAppCloud/WhatsAppCloud.node');
	const { WhatsAppCloudTrigger } = require(
		path.join(REPO_DIR, 'nodes', 'WhatsAppCloudTrigger', 'WhatsAppCloudTrigger.node.ts'),
	) as typeof import('../../nodes/WhatsAppCloudTrigger/WhatsAppCloudTrigger.node');
	/* eslint-enable @typescript-eslint/no-require-imports */
	return { action: new WhatsAppCloud().description, trigger: new WhatsAppCloudTrigger().description };
}

const nodeDir = (node: string) => (node === ACTION_NODE ? 'WhatsAppCloud' : 'WhatsAppCloudTrigger');

export function targets(): { targets: Target[]; merged: MergedTarget[] } {
	const { action, trigger } = descriptions();
	const list: Target[] = [];
	for (const { resource, operation } of operationsOf(action)) {
		list.push({
			node: ACTION_NODE,
			key: `${resource}/${operation}`,
			resource,
			operation,
			samplesFile: path.join(SAMPLES_DIR, ACTION_NODE, resource, `${operation}.json`),
			schemaFiles: versionsOf(action).map((v) =>
				path.posix.join('nodes', nodeDir(ACTION_NODE), '__schema__', versionDir(v), resource, `${operation}.json`),
			),
		});
	}
	const kinds: Target[] = TRIGGER_KINDS.map((kind) => ({
		node: TRIGGER_NODE,
		key: kind,
		kind,
		samplesFile: path.join(SAMPLES_DIR, TRIGGER_NODE, `${kind}.json`),
		schemaFiles: versionsOf(trigger).map((v) =>
			path.posix.join('nodes', nodeDir(TRIGGER_NODE), '__schema__', versionDir(v), `${kind}.json`),
		),
	}));
	list.push(...kinds);
	const merged: MergedTarget[] = versionsOf(trigger).map((v) => ({
		node: TRIGGER_NODE,
		schemaFile: path.posix.join('nodes', nodeDir(TRIGGER_NODE), '__schema__', `${versionDir(v)}.json`),
		from: kinds,
	}));
	return { targets: list, merged };
}

/** The `__schema__` folders the generator owns (it rewrites them whole). */
export const SCHEMA_DIRS = [ACTION_NODE, TRIGGER_NODE].map((n) =>
	path.join(REPO_DIR, 'nodes', nodeDir(n), '__schema__'),
);

/** One committed sample: the node version it was recorded with and the item's JSON. */
export interface Sample {
	nodeVersion: number;
	json: unknown;
}

/** A target's committed samples (none when it was never recorded). */
export function readSamples(target: Pick<Target, 'samplesFile'>): Sample[] {
	if (!fs.existsSync(target.samplesFile)) return [];
	return JSON.parse(fs.readFileSync(target.samplesFile, 'utf8')) as Sample[];
}
