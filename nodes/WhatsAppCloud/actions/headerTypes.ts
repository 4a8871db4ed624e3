import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The header types of messages and templates, in the one order every "Header" selector shows
 * them (Send Interactive's kinds, Template → Create): None first, then text, then the media
 * types, then location.
 */
export const HEADER_TYPE_ORDER = ['none', 'text', 'image', 'video', 'document', 'location'] as const;

type HeaderTypeKey = (typeof HEADER_TYPE_ORDER)[number];

const HEADER_TYPE_NAMES: Record<HeaderTypeKey, string> = {
	none: 'None',
	text: 'Text',
	image: 'Image',
	video: 'Video',
	document: 'Document',
	location: 'Location',
};

/**
 * The options of a "Header" selector: the `allowed` types in HEADER_TYPE_ORDER, each stored as
 * `valueOf(type)` (Send Interactive stores "image", Template → Create "IMAGE"; "none" stays "none").
 */
export function headerTypeOptions(
	allowed: readonly HeaderTypeKey[],
	valueOf: (type: HeaderTypeKey) => string = (type) => type,
): INodePropertyOptions[] {
	return HEADER_TYPE_ORDER.filter((type) => allowed.includes(type)).map((type) => ({
		name: HEADER_TYPE_NAMES[type],
		value: valueOf(type),
	}));
}
