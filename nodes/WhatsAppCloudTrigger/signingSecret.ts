/**
 * The App Secret the trigger checks X-Hub-Signature-256 with, read from the credential at most
 * once every few seconds per trigger instead of on every POST.
 *
 * Why: in n8n 2.x each getCredentials() in a webhook builds a throw-away workflow and takes an
 * expression isolate for it (n8n/dist/credentials-helper.js, applyDefaultsAndOverwrites): measured
 * with `npm run bench:trigger -- --profile`, that is one of the three isolates n8n creates per
 * trigger request and the largest single cost the trigger can avoid.
 *
 * What keeps it safe:
 * - a signature that does not match the remembered secret is checked again against a freshly
 *   read one before it is refused, so a new App Secret (Meta signs with it at once) works from the
 *   first delivery after it is saved;
 * - a remembered secret is trusted for at most 5 seconds (SIGNING_SECRET_LIMITS) after it was read: once the App
 *   Secret is changed or removed, the old one stops validating within that time (n8n tells a
 *   node nothing when a credential changes — the node sees only its id and name, no updatedAt);
 * - a flood of badly signed requests does not read the credential on each one: a mismatch
 *   re-reads at most once per second (REFRESH_INTERVAL_MS) per trigger and credential, and is
 *   otherwise judged against the secret read within that second;
 * - the memory is per trigger and per credential id (another credential on the node is read at
 *   once), per n8n process, and forgotten when the trigger is deactivated.
 */

import { KeyedMemory, MAX_TRIGGERS, triggerMemory, type MemoryLimits } from './memory';

const SIGNING_SECRET_LIMITS: MemoryLimits = { maxEntries: MAX_TRIGGERS, ttlMs: 5_000 };

/** A mismatch re-reads the secret only when the remembered one is at least this old. */
export const REFRESH_INTERVAL_MS = 1_000;

interface SigningSecret {
	appSecret: string | undefined;
	/** read from the credential for this request (false: remembered from an earlier one) */
	fresh: boolean;
}

type Reader = () => Promise<string | undefined>;
interface Remembered {
	secret: Promise<string | undefined>;
	readAt: number;
}

export class SecretMemory {
	constructor(
		private readonly now: () => number = Date.now,
		private readonly entries: KeyedMemory<Remembered> = new KeyedMemory(SIGNING_SECRET_LIMITS),
	) {}

	/** The remembered secret while it is younger than the TTL, else a fresh read (concurrent callers share one read). */
	async get(key: string, read: Reader): Promise<SigningSecret> {
		const remembered = this.entries.get(key, this.now());
		if (remembered) return { appSecret: await remembered.secret, fresh: false };
		return await this.read(key, read);
	}

	/**
	 * Reads the secret anew and remembers it, unless the remembered one was read less than
	 * REFRESH_INTERVAL_MS ago: then that one is returned (`fresh: false`) without a read.
	 */
	async refresh(key: string, read: Reader): Promise<SigningSecret> {
		const now = this.now();
		const remembered = this.entries.get(key, now);
		if (remembered && now - remembered.readAt < REFRESH_INTERVAL_MS) return { appSecret: await remembered.secret, fresh: false };
		return await this.read(key, read);
	}

	/** Reads the secret now and remembers it; a failed read is not remembered. */
	private async read(key: string, read: Reader): Promise<SigningSecret> {
		const readAt = this.now();
		const entry: Remembered = { secret: read(), readAt };
		this.entries.set(key, entry, readAt);
		entry.secret.catch(() => {
			if (this.entries.get(key, this.now()) === entry) this.entries.delete(key);
		});
		return { appSecret: await entry.secret, fresh: true };
	}

	/** Forgets every secret remembered for keys starting with `prefix`. */
	forget(prefix: string): void {
		this.entries.deletePrefix(prefix);
	}
}

/** One per n8n process, shared by every trigger in it. */
export const signingSecrets = new SecretMemory(Date.now, triggerMemory('signing secrets', SIGNING_SECRET_LIMITS));

/** The memory key of a trigger (workflow id : node id) and the credential it uses. */
export function signingSecretKey(triggerKey: string, credentialId: string | null | undefined): string {
	return `${triggerKey}|${credentialId ?? ''}`;
}

/** Called when the trigger is deactivated. */
export function forgetSigningSecret(triggerKey: string): void {
	signingSecrets.forget(`${triggerKey}|`);
}
