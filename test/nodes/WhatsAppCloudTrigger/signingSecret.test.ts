import {
	forgetSigningSecret,
	REFRESH_INTERVAL_MS,
	SecretMemory,
	signingSecretKey,
	signingSecrets,
} from '../../../nodes/WhatsAppCloudTrigger/signingSecret';
import { payload, PHONE_A, messagesChange, textMessage } from '../../fixtures/webhookPayloads';
import { APP_SECRET, HarnessTrigger, signedJson, takeLogs, VERIFY_TOKEN } from '../../harness/triggerWebhook';

function counting(values: Array<string | undefined | Error>) {
	const reader = Object.assign(
		async () => {
			const v = values[Math.min(reader.calls, values.length - 1)];
			reader.calls++;
			if (v instanceof Error) throw v;
			return v;
		},
		{ calls: 0 },
	);
	return reader;
}

describe('remembered App Secret (SecretMemory)', () => {
	it('reads once per TTL: remembered at 4,999 ms, read again at 5,000 ms', async () => {
		let now = 1_000_000;
		const memory = new SecretMemory(() => now);
		const read = counting(['s1', 's2']);
		expect(await memory.get('k', read)).toEqual({ appSecret: 's1', fresh: true });
		now += 4_999;
		expect(await memory.get('k', read)).toEqual({ appSecret: 's1', fresh: false });
		now += 1;
		expect(await memory.get('k', read)).toEqual({ appSecret: 's2', fresh: true });
		expect(read.calls).toBe(2);
	});

	it('refresh() reads anew and replaces what was remembered once that is a second old', async () => {
		let now = 0;
		const memory = new SecretMemory(() => now);
		const read = counting(['old', 'new']);
		await memory.get('k', read);
		now += REFRESH_INTERVAL_MS;
		expect(await memory.refresh('k', read)).toEqual({ appSecret: 'new', fresh: true });
		now += 10;
		expect(await memory.get('k', read)).toEqual({ appSecret: 'new', fresh: false });
		expect(read.calls).toBe(2);
	});

	it('a flood of mismatches re-reads at most once per second: refresh() within 999 ms of a read returns the remembered secret', async () => {
		let now = 50_000;
		const memory = new SecretMemory(() => now);
		const read = counting(['s1', 's2', 's3']);
		await memory.get('k', read);
		for (let i = 0; i < 100; i++) expect(await memory.refresh('k', read)).toEqual({ appSecret: 's1', fresh: false });
		now += 999;
		expect(await memory.refresh('k', read)).toEqual({ appSecret: 's1', fresh: false });
		expect(read.calls).toBe(1);
		now += 1;
		expect(await memory.refresh('k', read)).toEqual({ appSecret: 's2', fresh: true });
		expect(await memory.refresh('k', read)).toEqual({ appSecret: 's2', fresh: false });
		expect(read.calls).toBe(2);
		expect(REFRESH_INTERVAL_MS).toBe(1_000);
	});

	it('the limit is per key: another trigger or credential still reads', async () => {
		const memory = new SecretMemory(() => 0);
		const read = counting(['a', 'b']);
		await memory.refresh('k1', read);
		expect(await memory.refresh('k2', read)).toEqual({ appSecret: 'b', fresh: true });
	});

	it('concurrent requests on a cold memory share one read', async () => {
		const memory = new SecretMemory(() => 0);
		const read = counting(['s']);
		const all = await Promise.all([memory.get('k', read), memory.get('k', read), memory.get('k', read)]);
		expect(all.map((s) => s.appSecret)).toEqual(['s', 's', 's']);
		expect(all.map((s) => s.fresh)).toEqual([true, false, false]);
		expect(read.calls).toBe(1);
	});

	it('a failed read is not remembered: the next request reads again', async () => {
		const memory = new SecretMemory(() => 0);
		const read = counting([new Error('credential not found'), 'later']);
		await expect(memory.get('k', read)).rejects.toThrow('credential not found');
		expect(await memory.get('k', read)).toEqual({ appSecret: 'later', fresh: true });
	});

	it('keys are per trigger and credential id; forgetting a trigger forgets all its credentials only', async () => {
		const memory = new SecretMemory(() => 0);
		const read = counting(['a', 'b', 'c', 'd']);
		await memory.get(signingSecretKey('wf1:n1', 'c1'), read);
		await memory.get(signingSecretKey('wf1:n1', 'c2'), read);
		await memory.get(signingSecretKey('wf1:n10', 'c1'), read);
		expect(read.calls).toBe(3);
		memory.forget('wf1:n1|');
		expect(await memory.get(signingSecretKey('wf1:n10', 'c1'), read)).toEqual({ appSecret: 'c', fresh: false });
		expect(await memory.get(signingSecretKey('wf1:n1', 'c1'), read)).toEqual({ appSecret: 'd', fresh: true });
	});
});

describe('the trigger with a remembered App Secret', () => {
	const delivery = (id: string) =>
		payload([{ id: '419561257915477', changes: [messagesChange(PHONE_A, [textMessage(id, 'hi')])] }]);

	it('a new App Secret works from the first delivery signed with it a second after the last read; the old one is refused from then on', async () => {
		const t = new HarnessTrigger();
		expect((await t.deliver(signedJson(delivery('wamid.rot.1')))).status).toBe(200);
		// A mismatch re-reads the credential at most once per second (REFRESH_INTERVAL_MS).
		await new Promise((resolve) => setTimeout(resolve, REFRESH_INTERVAL_MS));
		t.setCredentials({
			accessToken: 'harness-token',
			appSecret: 'rotated-secret',
			verifyToken: VERIFY_TOKEN,
			graphBaseUrl: 'http://127.0.0.1:9',
		});
		const signedNew = await t.deliver(signedJson(delivery('wamid.rot.2'), { secret: 'rotated-secret' }));
		expect(signedNew.status).toBe(200);
		expect(signedNew.executionStarted).toBe(true);
		const signedOld = await t.deliver(signedJson(delivery('wamid.rot.3'), { secret: APP_SECRET }));
		expect(signedOld.status).toBe(401);
		expect(signedOld.body).toBe(
			'Invalid signature: the X-Hub-Signature-256 does not match the body signed with the App Secret',
		);
		expect(signedOld.executionStarted).toBe(false);
		takeLogs();
	});

	it('within a second of the last read a new App Secret is not read yet: its delivery is refused (Meta retries)', async () => {
		const t = new HarnessTrigger();
		expect((await t.deliver(signedJson(delivery('wamid.soon.1')))).status).toBe(200);
		t.setCredentials({ accessToken: 'harness-token', appSecret: 'rotated-secret', verifyToken: VERIFY_TOKEN, graphBaseUrl: 'http://127.0.0.1:9' });
		expect((await t.deliver(signedJson(delivery('wamid.soon.2'), { secret: 'rotated-secret' }))).status).toBe(401);
		takeLogs();
	});

	it('a forged signature is refused although a secret is remembered (checked again against a fresh read)', async () => {
		const t = new HarnessTrigger();
		expect((await t.deliver(signedJson(delivery('wamid.forge.1')))).status).toBe(200);
		const forged = await t.deliver(signedJson(delivery('wamid.forge.2'), { secret: 'guessed' }));
		expect(forged.status).toBe(401);
		expect(forged.executionStarted).toBe(false);
		takeLogs();
	});

	it('deactivation forgets the remembered secret of that trigger', async () => {
		const key = signingSecretKey('wf-x:node-x', 'cred-x');
		await signingSecrets.get(key, async () => 'remembered');
		forgetSigningSecret('wf-x:node-x');
		expect(await signingSecrets.get(key, async () => 'read again')).toEqual({ appSecret: 'read again', fresh: true });
		forgetSigningSecret('wf-x:node-x');
	});
});
