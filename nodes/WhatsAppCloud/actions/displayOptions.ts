import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * The parameters, each shown only where `show` says (merged into its own display conditions:
 * a field shown for one header type of one operation keeps its header condition). Operations
 * declare their fields without resource/operation conditions; the resource adds them here.
 */
export function showOnlyFor(
	show: NonNullable<IDisplayOptions['show']>,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			// Resource and operation first: n8n stops checking at the first condition whose
			// value is an expression, so the outer conditions must be the ones it sees first.
			show: { ...show, ...property.displayOptions?.show, ...show },
		},
	}));
}
