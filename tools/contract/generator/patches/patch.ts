/**
 * R7 contract fixes, each checked against the value it replaces (the generator stops if Meta's file
 * changed there). One module per topic, each listing its fixes by letter: messages.ts (a b c h k q),
 * templates.ts (d e f g l m), webhooks.ts (i j q r), account.ts (n o p), usernames.ts (s t u),
 * webhookFieldsUsers.ts (v w x), webhookFieldsBusiness.ts (y), groups.ts (z), calling.ts (z1 z2 z3 z5),
 * marketing.ts (m1), flows.ts (fa fb fc fd fe), templateAdmin.ts (z6 z7).
 */
import { child, clone, isObject, sameJson, type Json, type JsonObject } from '../json';
import { ACCOUNT_PATCHES } from './account';
import { CALLING_PATCHES } from './calling';
import { FLOW_PATCHES } from './flows';
import { GROUP_PATCHES } from './groups';
import { MARKETING_PATCHES } from './marketing';
import { MESSAGE_PATCHES } from './messages';
import { TEMPLATE_ADMIN_PATCHES } from './templateAdmin';
import { TEMPLATE_PATCHES } from './templates';
import { USERNAME_PATCHES } from './usernames';
import { WEBHOOK_PATCHES } from './webhooks';
import { WEBHOOK_FIELDS_BUSINESS_PATCHES } from './webhookFieldsBusiness';
import { WEBHOOK_FIELDS_USERS_PATCHES } from './webhookFieldsUsers';

/**
 * `at` is a path inside components.schemas (after R2), `before` the value that must be there now,
 * `after` the replacement (undefined `before` = the key must not exist yet).
 */
export interface Patch {
	id: string;
	at: string[];
	before: Json | undefined;
	after: Json;
}

/** Applied in this order: a patch may expect what an earlier one of its topic wrote. */
const PATCHES: Patch[] = [
	...MESSAGE_PATCHES,
	...TEMPLATE_PATCHES,
	...WEBHOOK_PATCHES,
	...ACCOUNT_PATCHES,
	...USERNAME_PATCHES,
	...WEBHOOK_FIELDS_USERS_PATCHES,
	...WEBHOOK_FIELDS_BUSINESS_PATCHES,
	...GROUP_PATCHES,
	...CALLING_PATCHES,
	...MARKETING_PATCHES,
	...FLOW_PATCHES,
	...TEMPLATE_ADMIN_PATCHES,
];

export function applyPatches(defs: JsonObject): void {
	for (const patch of PATCHES) {
		const parentPath = patch.at.slice(0, -1);
		const last = patch.at[patch.at.length - 1];
		let parent: Json | undefined = defs;
		for (const key of parentPath) parent = child(parent, key);
		const current = child(parent, last);
		const where = `${patch.id} at ${patch.at.join('/')}`;
		if (parent === undefined || !sameJson(current, patch.before)) {
			throw new Error(`${where}: contract changed, found ${JSON.stringify(current)}; review this patch`);
		}
		if (Array.isArray(parent)) {
			if (Number(last) !== parent.length) throw new Error(`${where}: can only append`);
			parent.push(clone(patch.after));
		} else if (isObject(parent)) {
			parent[last] = clone(patch.after);
		}
	}
}
