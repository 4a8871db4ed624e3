/**
 * Phone Number → Set / Get Business Public Key through n8n-core against the simulator
 * (POST / GET /{Phone-Number-ID}/whatsapp_business_encryption, contract-checked): the public half
 * of the credential's Flow Endpoint Private Key (never the private key) or a typed PEM.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { businessPublicKeys } from '../../../../tools/simulator/flowEndpoint';
import { businessKeyPair } from '../../../../tools/simulator/flowEncryption';
import { byId, errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run, credentials } = useSimulator();
const keys = businessKeyPair('pass phrase');
const withKey = () => credentials({ flowPrivateKey: keys.privateKey, flowPrivateKeyPassphrase: 'pass phrase' });

const params = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'phoneNumber',
	operation,
	phoneNumberId: byId(PHONE_NUMBER_ID),
	...extra,
});

describe('Phone Number → Set and Get Business Public Key', () => {
	it("uploads the public half of the credential's key; Get reads it back VALID", async () => {
		expect(outputJson(await run(params('getBusinessPublicKey')))).toEqual([
			{ phoneNumberId: PHONE_NUMBER_ID, businessPublicKey: null, signatureStatus: 'MISMATCH' },
		]);
		const [set] = outputJson(await run(params('setBusinessPublicKey'), { credentials: withKey() }));
		expect(set).toEqual({ success: true, phoneNumberId: PHONE_NUMBER_ID, businessPublicKey: keys.publicKey });
		expect(businessPublicKeys(sim.state)[PHONE_NUMBER_ID]).toBe(keys.publicKey.trim());
		expect(outputJson(await run(params('getBusinessPublicKey')))).toEqual([
			{ phoneNumberId: PHONE_NUMBER_ID, businessPublicKey: keys.publicKey.trim(), signatureStatus: 'VALID' },
		]);
		const requests = sim.requests();
		expect(requestLines(requests)).toEqual([
			`GET /${PHONE_NUMBER_ID}/whatsapp_business_encryption`,
			`POST /${PHONE_NUMBER_ID}/whatsapp_business_encryption`,
			`GET /${PHONE_NUMBER_ID}/whatsapp_business_encryption`,
		]);
		// The upload's body is checked against Meta's contract (a GET has none to check).
		expect(requests.map((r) => [r.contract.checked, r.contract.valid])).toEqual([[false, true], [true, true], [false, true]]);
		expect(JSON.stringify(requests[1].body)).not.toContain('PRIVATE');
	});

	it('uploads a typed PEM (pasted on one line) as given', async () => {
		const other = businessKeyPair();
		const [set] = outputJson(await run(params('setBusinessPublicKey', { publicKeySource: 'text', businessPublicKey: other.publicKey.replace(/\n/g, ' ') })));
		expect(set.businessPublicKey).toBe(other.publicKey);
	});

	it('names what is wrong before any request', async () => {
		expect(errorMessage(await run(params('setBusinessPublicKey', { publicKeySource: 'text', businessPublicKey: 'hello' })))).toBe(
			'"Business Public Key" is not an RSA public key in PEM (-----BEGIN PUBLIC KEY-----)',
		);
		expect(errorMessage(await run(params('setBusinessPublicKey')))).toBe('The public key cannot be derived: the credential has no Flow Endpoint Private Key');
		expect(sim.requests()).toEqual([]);
	});
});
