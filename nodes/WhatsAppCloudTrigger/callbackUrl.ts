import { isLoopbackHost } from '../shared/transport/graphRequest';

/** Whether Meta can deliver webhooks to n8n's URL for the trigger. Pure. */

/** Meta's limit for override_callback_uri. */
const MAX_CALLBACK_URL_LENGTH = 200;

const PRIVATE = /^(10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|169\.254(?:\.\d{1,3}){2}|0\.0\.0\.0|\[?f[cd][0-9a-f]{2}:.*|\[?fe80:.*)$/i;

function talksToMeta(graphBaseUrl: string | undefined): boolean {
	try {
		const host = new URL(graphBaseUrl || 'https://graph.facebook.com').hostname.toLowerCase();
		return host === 'facebook.com' || host.endsWith('.facebook.com');
	} catch {
		return true;
	}
}

const MANUAL = 'set "Subscription Mode" to "None (Set Up Manually)" and set the callback URL yourself';

/**
 * Meta only calls public HTTPS URLs; an override callback URL may have at most 200 characters
 * (`limitLength`). A local simulator (the credential's Graph API Base URL is not Meta's) may use
 * http on loopback. Returns what to fix, or undefined when the URL is fine.
 */
export function callbackUrlProblem(callbackUrl: string, graphBaseUrl: string | undefined, limitLength = true): string | undefined {
	let url: URL;
	try {
		url = new URL(callbackUrl);
	} catch {
		return `n8n's webhook URL "${callbackUrl}" is not a valid URL. Set n8n's WEBHOOK_URL to your public https address.`;
	}
	if (limitLength && callbackUrl.length > MAX_CALLBACK_URL_LENGTH) {
		return `n8n's webhook URL is ${callbackUrl.length} characters long; Meta accepts at most ${MAX_CALLBACK_URL_LENGTH} for an override. Use a shorter WEBHOOK_URL, or ${MANUAL}.`;
	}
	const host = url.hostname.toLowerCase();
	const fix = `Set n8n's WEBHOOK_URL to a public https address (for example behind a reverse proxy or a tunnel) and activate again, or ${MANUAL}.`;
	if (talksToMeta(graphBaseUrl)) {
		if (url.protocol !== 'https:') {
			return `n8n's webhook URL ${callbackUrl} is not HTTPS: Meta only delivers webhooks to public HTTPS URLs. ${fix}`;
		}
		if (isLoopbackHost(host) || PRIVATE.test(host) || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.')) {
			return `n8n's webhook URL ${callbackUrl} is not reachable from the internet, so Meta cannot deliver webhooks to it. ${fix}`;
		}
		return undefined;
	}
	if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(host))) return undefined;
	return `n8n's webhook URL ${callbackUrl} is not HTTPS. Only a simulator on this machine may use http (on localhost / 127.0.0.1). ${fix}`;
}
