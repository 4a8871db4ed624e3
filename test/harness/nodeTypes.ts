/**
 * The node types a harness workflow knows: the node under test (its thrown error kept), the
 * "Input" node that emits the test's items, and how n8n names and versions them.
 */
import './setup';

import { NodeConnectionTypes, NodeHelpers, UnexpectedError } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

/** Package prefix of node type names, as n8n names community nodes (`<package>.<name>`). */
export const DEFAULT_PACKAGE_NAME = 'n8n-nodes-whatsapp-cloud';

export const INPUT_NODE_TYPE = 'n8n-nodes-harness.input';

export type AnyNodeType = INodeType | IVersionedNodeType;

/** Latest (default) version of a node type. */
export function defaultVersionOf(nodeType: AnyNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { description } = nodeType;
	if (description.defaultVersion !== undefined) return description.defaultVersion;
	return Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
}

/** Type name of the node, like n8n's loader names community nodes. */
export function typeNameOf(nodeType: AnyNodeType, override?: string): string {
	if (override) return override;
	const { name } = nodeType.description;
	return name.includes('.') ? name : `${DEFAULT_PACKAGE_NAME}.${name}`;
}

/**
 * Wraps the resolved node type so the instance of the error thrown by `execute`
 * is kept (the engine only stores a plain-object copy of it in the run data).
 */
export function withErrorCapture(
	nodeType: INodeType,
	onError: (error: unknown) => void,
): INodeType {
	const original = nodeType.execute;
	if (typeof original !== 'function') return nodeType;
	const wrapper = Object.create(nodeType) as INodeType;
	const execute = async function (this: unknown, ...args: unknown[]) {
		// Classic nodes are called with the context as `this`; class-style nodes
		// (NODE_CLASS_TAG) are called as methods with the context as argument.
		const self = this === wrapper ? nodeType : this;
		try {
			return await (original as (...a: unknown[]) => unknown).apply(self, args);
		} catch (error) {
			onError(error);
			throw error;
		}
	};
	Object.defineProperty(wrapper, 'execute', { value: execute, enumerable: true, writable: true });
	return wrapper;
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, { type: AnyNodeType; resolve: (version?: number) => INodeType }>();

	add(name: string, type: AnyNodeType, resolve?: (version?: number) => INodeType): void {
		this.types.set(name, {
			type,
			resolve: resolve ?? ((version) => NodeHelpers.getVersionedNodeType(type, version)),
		});
	}

	getByName(nodeType: string): AnyNodeType {
		return this.require(nodeType).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return this.require(nodeType).resolve(version);
	}

	getKnownTypes() {
		return {};
	}

	private require(name: string) {
		const entry = this.types.get(name);
		if (!entry) throw new UnexpectedError(`Unknown node type "${name}" in harness`);
		return entry;
	}
}

/** The node feeding the configured items to the node under test (like a trigger with fixed output). */
export function createInputNodeType(items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: 'Harness Input',
			name: INPUT_NODE_TYPE,
			group: ['trigger'],
			version: 1,
			description: 'Emits the items given to the harness',
			defaults: { name: 'Input' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [structuredClone(items)];
		},
	};
}
