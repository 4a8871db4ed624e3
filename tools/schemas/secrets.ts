/**
 * The secrets a recorded output must never hold: the simulator's tokens, app secrets and verify
 * token (what the e2e credentials carry), and anything shaped like a Meta access token or an
 * `access_token` field. Outputs are committed as samples and their shape ships in the package.
 */
import { APPS, TOKENS, VERIFY_TOKEN } from '../simulator/fixtures';

const SECRET_VALUES: string[] = [
	...Object.values(TOKENS),
	...APPS.flatMap((app) => [app.secret, app.token]),
	VERIFY_TOKEN,
];

/** Meta's user / system-user / page tokens start with "EAA" followed by a long base62 run. */
const META_TOKEN = /EAA[A-Za-z0-9]{30,}/;

/** What in `value` looks secret: each finding names the path and what matched (never the value). */
export function secretsIn(value: unknown, at = '$'): string[] {
	if (typeof value === 'string') {
		const found = SECRET_VALUES.filter((s) => value.includes(s)).map(() => `${at}: a simulator secret`);
		if (META_TOKEN.test(value)) found.push(`${at}: a Meta access token`);
		return found;
	}
	if (Array.isArray(value)) return value.flatMap((v, i) => secretsIn(v, `${at}[${i}]`));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => [
			...(/^(access_?token|app_?secret|client_secret)$/i.test(k) ? [`${at}.${k}: a secret field`] : []),
			...secretsIn(v, `${at}.${k}`),
		]);
	}
	return [];
}
