/**
 * GET / POST /{Phone-Number-ID}/whatsapp_business_profile. GET answers in the contract's shape,
 * `{data: [{business_profile: {...}}]}`, with `fields` projection; POST (body checked against
 * the contract: about ≤ 139, websites ≤ 2, vertical enum …) changes only the fields sent, and a
 * profile_picture_handle becomes a new profile_picture_url.
 */
import { createHash } from 'node:crypto';

import { SCOPE_MANAGEMENT } from '../fixtures';
import type { Route } from '../router';
import type { SimBusinessProfile } from '../state';
import { project } from './graphQuery';

const PROFILE_FIELDS = ['messaging_product', 'about', 'address', 'description', 'email', 'profile_picture_url', 'websites', 'vertical'];

export const getBusinessProfile: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}/whatsapp_business_profile',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const profile = ctx.state.businessProfiles[ctx.params['Phone-Number-ID']] ?? { messaging_product: 'whatsapp' };
		const projected = project(profile, ctx, PROFILE_FIELDS, PROFILE_FIELDS, 'WhatsAppBusinessProfile');
		return { body: { data: [{ business_profile: { messaging_product: 'whatsapp', ...projected } }] } };
	},
};

export const updateBusinessProfile: Route = {
	method: 'POST',
	path: '/{Phone-Number-ID}/whatsapp_business_profile',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const id = ctx.params['Phone-Number-ID'];
		const body = (ctx.body ?? {}) as Record<string, unknown>;
		const profile: SimBusinessProfile = ctx.state.businessProfiles[id] ?? { messaging_product: 'whatsapp' };
		for (const key of ['about', 'address', 'description', 'email', 'vertical'] as const) {
			if (typeof body[key] === 'string') profile[key] = body[key] as string;
		}
		if (Array.isArray(body.websites)) profile.websites = body.websites.map(String);
		if (typeof body.profile_picture_handle === 'string') {
			const hash = createHash('sha256').update(body.profile_picture_handle).digest('hex').slice(0, 16);
			profile.profile_picture_url = `https://pps.whatsapp.net/sim/${hash}.jpg`;
		}
		ctx.state.businessProfiles[id] = profile;
		return { body: { success: true } };
	},
};
