import { buttons } from './buttons';
import { catalog } from './catalog';
import { ctaUrl } from './ctaUrl';
import { flow } from './flow';
import type { InteractiveKind } from './kind';
import { list } from './list';
import { locationRequest } from './locationRequest';
import { product } from './product';
import { productList } from './productList';
import { requestContactInfo } from './requestContactInfo';

export { defineKind, type InteractiveKind, type KindDefinition, type Part } from './kind';
export { bodyPart, footerPart, headerPart, optionalBodyPart, replyToPart } from './parts';

/**
 * Every kind of interactive message Send Interactive sends; the first is the editor's default.
 * A new kind is one module (see ./kind.ts) and one line here.
 */
export const interactiveKinds: readonly InteractiveKind[] = [
	buttons,
	list,
	ctaUrl,
	locationRequest,
	flow,
	product,
	productList,
	catalog,
	requestContactInfo,
];
