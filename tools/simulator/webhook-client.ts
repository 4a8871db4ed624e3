/** The simulator's outgoing calls: signed webhook deliveries and verification handshakes (undici). */
import { createHmac, randomInt } from 'node:crypto';
import { request } from 'undici';

export type SignMode = 'valid' | 'forged' | 'none';

export interface PostWebhookOptions {
	/** 'valid' (default): correct X-Hub-Signature-256; 'forged': same format, wrong value; 'none': no header. */
	sign?: SignMode;
	/** Key for the signature; default the simulator's app secret. */
	secret?: string;
	/** Exact bytes to send instead of JSON.stringify(payload). */
	rawBody?: string;
}

export function signatureHeader(secret: string, rawBody: Buffer | string): string {
	return `sha256=${createHmac('sha256', secret).update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody).digest('hex')}`;
}

export async function postWebhook(targetUrl: string, payload: unknown, appSecret: string, options: PostWebhookOptions = {}): Promise<{ status: number; body: string }> {
	const rawBody = options.rawBody ?? JSON.stringify(payload);
	const secret = options.secret ?? appSecret;
	const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'facebookexternalua' };
	const sign = options.sign ?? 'valid';
	if (sign === 'valid') headers['x-hub-signature-256'] = signatureHeader(secret, rawBody);
	if (sign === 'forged') headers['x-hub-signature-256'] = signatureHeader(`forged:${secret}`, rawBody);
	const response = await request(targetUrl, { method: 'POST', headers, body: rawBody });
	return { status: response.statusCode, body: await response.body.text() };
}

/** GET <url>?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…, as Meta does when a callback URL is set. */
export async function handshake(targetUrl: string, verifyToken: string, challenge?: string): Promise<{ status: number; body: string }> {
	const url = new URL(targetUrl);
	url.searchParams.set('hub.mode', 'subscribe');
	url.searchParams.set('hub.challenge', challenge ?? String(randomInt(1_000_000_000, 2_000_000_000)));
	url.searchParams.set('hub.verify_token', verifyToken);
	const response = await request(url, { method: 'GET', headers: { 'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' } });
	return { status: response.statusCode, body: await response.body.text() };
}
