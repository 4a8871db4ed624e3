/** Phone numbers of the WABA: list and single number. */
import { SCOPE_MANAGEMENT } from '../fixtures';
import type { Route } from '../router';
import { PHONE_NUMBER_DEFAULT_FIELDS, PHONE_NUMBER_FIELDS } from '../state';
import { paginate, project } from './common';

const NODE_TYPE = 'WhatsAppBusinessPhoneNumber';

export const listPhoneNumbers: Route = {
	method: 'GET',
	path: '/{WABA-ID}/phone_numbers',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		return { body: paginate(ctx.state.phoneNumbers, ctx, (p) => project(p, ctx, PHONE_NUMBER_FIELDS, PHONE_NUMBER_DEFAULT_FIELDS, NODE_TYPE)) };
	},
};

export const getPhoneNumber: Route = {
	method: 'GET',
	path: '/{Phone-Number-ID}',
	scope: SCOPE_MANAGEMENT,
	handle(ctx) {
		const phone = ctx.state.phoneNumbers.find((p) => p.id === ctx.params['Phone-Number-ID']);
		return { body: project(phone as object, ctx, PHONE_NUMBER_FIELDS, PHONE_NUMBER_DEFAULT_FIELDS, NODE_TYPE) };
	},
};
