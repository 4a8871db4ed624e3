import type { INodeProperties } from 'n8n-workflow';

/** The "Options" collection of an operation or the trigger: its optional settings, alphabetical as the editor lists them. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}
