/**
 * The credential is read once per node run (issue 20): n8n-core does not cache getCredentials()
 * (a database read, a decryption and an expression isolate each time in n8n), so a bulk send
 * must not read it per message. Counted at the credentials helper n8n-core calls, in-process
 * through n8n-core's real engine against the simulator.
 */
import { describe, expect, it } from '@jest/globals';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { PHONE_NUMBER_ID, TOKENS } from '../../../tools/simulator/fixtures';
import { HarnessCredentialsHelper } from '../../harness/runNode';
import { byId, errorMessage, useSimulator } from '../../harness/simulator';

const { sim, run } = useSimulator();

/** The harness's helper, counting the decrypted reads n8n-core asks it for. */
class CountingCredentialsHelper extends HarnessCredentialsHelper {
	reads = 0;

	async getDecrypted(...args: Parameters<HarnessCredentialsHelper['getDecrypted']>): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		return await super.getDecrypted(...args);
	}
}

const sendText = (extra: IDataObject = {}) => ({
	resource: 'message',
	operation: 'sendText',
	phoneNumberId: byId(PHONE_NUMBER_ID),
	to: '={{ $json.to }}',
	body: '={{ $json.text }}',
	...extra,
});

const items = (count: number, extra: (i: number) => IDataObject = () => ({})) =>
	Array.from({ length: count }, (_, i) => ({ json: { to: `1555000${String(1000 + i)}`, text: `Hello ${i}`, ...extra(i) } }));

const sentBodies = () => sim.requests({ method: 'POST', pathIncludes: '/messages' }).map((r) => r.body as IDataObject);

describe('one credential read per node run', () => {
	it('a bulk Send Text of 25 items reads the credential once and sends 25 messages', async () => {
		const helper = new CountingCredentialsHelper([new WhatsAppCloudApi()]);
		const result = await run(sendText(), { input: items(25), credentialsHelper: helper });
		expect(result.error).toBeUndefined();
		expect(sentBodies()).toHaveLength(25);
		expect(helper.reads).toBe(1);
	});

	it('a one-at-a-time resource (Media → Get URL for 3 items) reads it once too', async () => {
		const helper = new CountingCredentialsHelper([new WhatsAppCloudApi()]);
		const result = await run(
			{ resource: 'media', operation: 'getUrl', mediaId: '={{ $json.id }}' },
			{ input: [1, 2, 3].map(() => ({ json: { id: 'sim-media-1' } })), credentialsHelper: helper, continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toHaveLength(3);
		expect(helper.reads).toBe(1);
	});

	it('each run reads it anew: a changed credential applies from the next run', async () => {
		const helper = new CountingCredentialsHelper([new WhatsAppCloudApi()]);
		await run(sendText(), { input: items(2), credentialsHelper: helper });
		const second = await run(sendText(), {
			input: items(2),
			credentialsHelper: helper,
			credentials: { whatsAppCloudApi: { accessToken: TOKENS.expired, graphBaseUrl: sim.url, apiVersion: 'v23.0' } },
		});
		expect(helper.reads).toBe(2);
		expect(errorMessage(second)).toMatch(/expired|session/i);
	});

	it("a credential field that is an item expression takes the first item's value for the whole run, as n8n's routing nodes do", async () => {
		const helper = new CountingCredentialsHelper([new WhatsAppCloudApi()]);
		const result = await run(sendText(), {
			input: items(3, (i) => ({ token: i === 0 ? TOKENS.valid : 'not-a-token' })),
			credentialsHelper: helper,
			credentials: { whatsAppCloudApi: { accessToken: '={{ $json.token }}', graphBaseUrl: sim.url, apiVersion: 'v23.0' } },
		});
		expect(result.error).toBeUndefined();
		expect(sentBodies()).toHaveLength(3);
		expect(helper.reads).toBe(1);
	});
});
