/**
 *  R2 Broken $refs from the contract's merge repaired. Meta's file is several specs merged into one
 *     components.schemas; colliding names were renamed with a suffix (TextMessage_2,
 *     BaseMessageProperties_1, ErrorObject_2, SubscribedApp_1, ...) but the $refs inside the renamed
 *     family still say the un-suffixed name. Example: the webhook's IncomingMessage maps "text" to
 *     #/components/schemas/TextMessage, which is the *send* schema (requires `to`, no `from`); the
 *     webhook's own text schema is TextMessage_2, defined right next to IncomingMessage.
 *     Rule: a $ref (or discriminator mapping) to N inside component C, when N_1, N_2... also exist,
 *     goes to the candidate (N or N_k, never C itself) defined nearest to C in document order.
 *     Every repair is printed when the generator runs.
 */
import { isObject, walkSchema, type Json } from './json';

export const COMPONENT_PREFIX = '#/components/schemas/';

export function refName(ref: string): string {
	if (!ref.startsWith(COMPONENT_PREFIX)) throw new Error(`unsupported $ref ${ref}`);
	return ref.slice(COMPONENT_PREFIX.length);
}

export class RefRepair {
	private readonly order: Map<string, number>;
	/** Repairs made, as [owner, "from -> to"]. */
	readonly log: Array<[string, string]> = [];

	constructor(private readonly names: string[]) {
		this.order = new Map(names.map((name, index) => [name, index]));
	}

	/** Target name for a reference to `name` written inside component `owner` (undefined = no owner). */
	resolve(name: string, owner: string | undefined): string {
		if (!this.order.has(name)) throw new Error(`$ref to unknown schema ${name}`);
		if (owner === undefined) return name;
		const suffixed = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_[0-9]+$`);
		const candidates = this.names.filter((n) => (n === name || suffixed.test(n)) && n !== owner);
		if (candidates.length <= 1) return candidates[0] ?? name;
		const ownerIndex = this.order.get(owner) ?? 0;
		let best = candidates[0];
		for (const candidate of candidates) {
			const distance = Math.abs((this.order.get(candidate) ?? 0) - ownerIndex);
			if (distance < Math.abs((this.order.get(best) ?? 0) - ownerIndex)) best = candidate;
		}
		if (best !== name) this.log.push([owner, `${name} -> ${best}`]);
		return best;
	}

	/** Rewrites every #/components/schemas/ reference in `schema` to #/$defs/, repaired for `owner`. */
	apply(schema: Json, owner: string | undefined): void {
		walkSchema(schema, (node) => {
			if (typeof node.$ref === 'string') node.$ref = `#/$defs/${this.resolve(refName(node.$ref), owner)}`;
			const discriminator = node.discriminator;
			if (isObject(discriminator) && isObject(discriminator.mapping)) {
				for (const key of Object.keys(discriminator.mapping)) {
					const target = discriminator.mapping[key];
					if (typeof target === 'string') {
						discriminator.mapping[key] = `#/$defs/${this.resolve(refName(target), owner)}`;
					}
				}
			}
		});
	}
}
