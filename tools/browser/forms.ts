/**
 * Every form the editor can show for the package's nodes, read from the built node descriptions
 * (dist/, what users install): one per resource × operation of "WhatsApp Cloud", plus the
 * trigger. For each form, the parameters n8n must show with the parameters at their defaults,
 * in order - computed with n8n-workflow's own display rules (NodeHelpers.displayParameter).
 */
import path from 'node:path';

import { NodeHelpers, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { NODE_TYPE, TRIGGER_TYPE } from '../e2e/kit/workflows';
import { REPO_DIR } from '../lab/n8n';

export const NODE_FILE = path.join(REPO_DIR, 'dist', 'nodes', 'WhatsAppCloud', 'WhatsAppCloud.node.js');
export const TRIGGER_FILE = path.join(
	REPO_DIR,
	'dist',
	'nodes',
	'WhatsAppCloudTrigger',
	'WhatsAppCloudTrigger.node.js',
);

/** What the editor shows for one visible top-level parameter. */
export interface ExpectedParameter {
	name: string;
	type: INodeProperties['type'];
	/** the text n8n prints for it: the label, or a notice's text */
	text: string;
}

export interface Form {
	/** "Message › Send Text", "Trigger" */
	title: string;
	/** the node's name on the canvas (unique in the workflow): the action label, as n8n names a node added from the Actions list */
	nodeName: string;
	nodeType: string;
	/** the node's newest version, the one the editor adds and the expected parameters are computed for */
	typeVersion: number;
	resource?: string;
	operation?: string;
	/** the operation's entry in the node creator's Actions list */
	action?: string;
	parameters: INodeParameters;
	expected: ExpectedParameter[];
}

export interface Descriptions {
	node: INodeTypeDescription;
	trigger: INodeTypeDescription;
}

function loadClass(file: string, className: string): INodeTypeDescription {
	// dist/ may have been rebuilt since this process started
	delete require.cache[require.resolve(file)];
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load of a built file, by path
	const mod = require(file) as Record<string, new () => { description: INodeTypeDescription }>;
	const Cls = mod[className];
	if (typeof Cls !== 'function') throw new Error(`${file} does not export ${className}: run \`npm run build\``);
	return new Cls().description;
}

export function loadDescriptions(): Descriptions {
	return {
		node: loadClass(NODE_FILE, 'WhatsAppCloud'),
		trigger: loadClass(TRIGGER_FILE, 'WhatsAppCloudTrigger'),
	};
}

/** HTML (notices may hold links) → the text the browser renders. */
export function plainText(html: string): string {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
}

function newestVersion(description: INodeTypeDescription): number {
	return Array.isArray(description.version) ? Math.max(...description.version) : description.version;
}

/** The top-level parameters n8n displays for these values, in order (hidden ones left out). */
export function visibleParameters(description: INodeTypeDescription, values: INodeParameters): ExpectedParameter[] {
	const node = { typeVersion: newestVersion(description) };
	const full = NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ?? {};
	return description.properties
		.filter((p) => p.type !== 'hidden' && NodeHelpers.displayParameter(full, p, node, description, full))
		.map((p) => ({ name: p.name, type: p.type, text: plainText(p.displayName) }));
}

function optionsOf(description: INodeTypeDescription, name: string, resource?: string) {
	const prop = description.properties.find(
		(p) =>
			p.name === name &&
			(resource === undefined || (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource)),
	);
	if (!prop || prop.type !== 'options')
		throw new Error(`the node has no "${name}" selector${resource ? ` for resource ${resource}` : ''}`);
	return (prop.options ?? []) as Array<{ name: string; value: string; action?: string }>;
}

/** Every form, the action node's in the editor's order (resources, then operations), the trigger last. */
export function allForms(d: Descriptions): Form[] {
	const forms: Form[] = [];
	for (const resource of optionsOf(d.node, 'resource')) {
		for (const operation of optionsOf(d.node, 'operation', resource.value)) {
			const parameters = { resource: resource.value, operation: operation.value };
			forms.push({
				title: `${resource.name} › ${operation.name}`,
				nodeName: operation.action ?? `${resource.name} › ${operation.name}`,
				nodeType: NODE_TYPE,
				typeVersion: newestVersion(d.node),
				resource: resource.value,
				operation: operation.value,
				action: operation.action,
				parameters,
				expected: visibleParameters(d.node, parameters),
			});
		}
	}
	const names = new Set<string>();
	for (const f of forms) {
		if (names.has(f.nodeName)) f.nodeName = f.title;
		names.add(f.nodeName);
	}
	forms.push({
		title: 'Trigger',
		nodeName: d.trigger.defaults.name ?? d.trigger.displayName,
		nodeType: TRIGGER_TYPE,
		typeVersion: newestVersion(d.trigger),
		parameters: {},
		expected: visibleParameters(d.trigger, {}),
	});
	return forms;
}
