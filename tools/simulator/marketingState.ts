/**
 * Marketing Messages API for WhatsApp in the simulator: the WABA's onboarding status (Meta's
 * `marketing_messages_onboarding_status` field, "Onboard": ELIGIBLE until the business accepts
 * the terms, then ONBOARDED; INELIGIBLE when Meta refuses it) and the admin hook that sets it.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding/
 * Kept beside the state object (a WeakMap) like groupState.ts, so `reset()` forgets it too.
 */
import type { SimState } from './state';
import type { Simulator } from './server';

export const ONBOARDING_STATUSES = ['ELIGIBLE', 'ONBOARDED', 'INELIGIBLE'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

interface MarketingState {
	onboarding: OnboardingStatus;
}

const states = new WeakMap<SimState, MarketingState>();

/** A new account has not accepted the terms: eligible, not onboarded. */
export function marketingState(state: SimState): MarketingState {
	let marketing = states.get(state);
	if (!marketing) {
		marketing = { onboarding: 'ELIGIBLE' };
		states.set(state, marketing);
	}
	return marketing;
}

/**
 * The WABA fields this file answers for GET /{WABA-ID}?fields=… (handlers/wabaAnalytics.ts asks
 * here first); undefined for any other field. `account_review_status` is Meta's review of the WABA
 * ("WhatsApp Business Account" reference), APPROVED for the simulator's account.
 */
export function wabaMarketingField(state: SimState, field: string): string | undefined {
	if (field === 'marketing_messages_onboarding_status') return marketingState(state).onboarding;
	if (field === 'account_review_status') return 'APPROVED';
	return undefined;
}

type MarketingEndpoint = (sim: Simulator, input: Record<string, unknown>) => unknown;

/**
 *   POST /__sim/marketing/onboarding  {onboarded: boolean} or {status: ELIGIBLE|ONBOARDED|INELIGIBLE}
 *   GET  /__sim/marketing             {onboarding}
 */
export const MARKETING_ENDPOINTS: Record<string, MarketingEndpoint> = {
	'POST /__sim/marketing/onboarding': (sim, input) => {
		const status = typeof input.status === 'string' ? input.status : input.onboarded === true ? 'ONBOARDED' : input.onboarded === false ? 'ELIGIBLE' : '';
		if (!(ONBOARDING_STATUSES as readonly string[]).includes(status)) {
			throw new Error(`give onboarded (true/false) or status (${ONBOARDING_STATUSES.join(', ')})`);
		}
		marketingState(sim.state).onboarding = status as OnboardingStatus;
		return { success: true, onboarding: status };
	},
	'GET /__sim/marketing': (sim) => ({ onboarding: marketingState(sim.state).onboarding }),
};
