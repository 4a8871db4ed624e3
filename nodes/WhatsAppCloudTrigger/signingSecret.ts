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
 * - a remembered secret is trusted for at most SECRET_TTL_MS after it was read: once the App
 *   Secret is changed or removed, the old one stops validating within that time (n8n tells a
 *   node nothing when a credential changes — the node sees only its id and name, no updatedAt);
 * - the memory is per trigger and per credential id (another credential on the node is read at
 *   once), per n8n process, and forgotten when the trigger is deactivated.
 */

export const SECRET_TTL_MS = 5_000;

export interface SigningSecret {
	appSecret: string | undefined;
	/** read from the credential for this request (false: remembered from an earlier one) */
	fresh: boolean;
}

type Reader = () => Promise<string | undefined>;

interface Entry {
	readAt: number;
	value: Promise<string | undefined>;
}

export class SecretMemory {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly ttlMs = SECRET_TTL_MS,
		private readonly now: () => number = Date.now,
	) {}

	/** The remembered secret while it is younger than the TTL, else a fresh read (concurrent callers share one read). */
	async get(key: string, read: Reader): Promise<SigningSecret> {
		const entry = this.entries.get(key);
		if (entry && this.now() - entry.readAt < this.ttlMs) return { appSecret: await entry.value, fresh: false };
		return await this.refresh(key, read);
	}

	/** Reads the secret now and remembers it; a failed read is not remembered. */
	async refresh(key: string, read: Reader): Promise<SigningSecret> {
		const entry: Entry = { readAt: this.now(), value: read() };
		this.entries.set(key, entry);
		entry.value.catch(() => {
			if (this.entries.get(key) === entry) this.entries.delete(key);
		});
		return { appSecret: await entry.value, fresh: true };
	}

	/** Forgets every secret remembered for keys starting with `prefix`. */
	forget(prefix: string): void {
		for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
	}
}

/** One per n8n process, shared by every trigger in it. */
export const signingSecrets = new SecretMemory();

/** The memory key of a trigger (workflow id : node id) and the credential it uses. */
export function signingSecretKey(triggerKey: string, credentialId: string | null | undefined): string {
	return `${triggerKey}|${credentialId ?? ''}`;
}

/** Called when the trigger is deactivated. */
export function forgetSigningSecret(triggerKey: string): void {
	signingSecrets.forget(`${triggerKey}|`);
}
