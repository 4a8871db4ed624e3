/**
 * The simulator as WhatsApp's Flow client (POST /__sim/flows/request, /complete, GET /keys): it
 * encrypts with the stored business public key, signs (or forges, or leaves out) the signature,
 * corrupts the payload on request and decrypts the answer. The endpoint here is the package's
 * own crypto (nodes/shared/flowCrypto.ts) behind a bare HTTP server, so both sides cross.
 */
import { validateWebhook } from '../../../tools/contract/validate';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { decryptFlowRequest, encryptFlowResponse, flowPrivateKey } from '../../../nodes/shared/flowCrypto';
import { verifySignature } from '../../../nodes/shared/webhookSignature';
import { APP_SECRET, PHONE_NUMBER_ID, TOKENS } from '../../../tools/simulator/fixtures';
import { businessKeyPair } from '../../../tools/simulator/flowEncryption';
import { useSimulator } from '../../harness/simulator';

const { sim } = useSimulator();
const keys = businessKeyPair();
const privateKey = flowPrivateKey(keys.privateKey);

/** A bare endpoint: 432 on a bad signature, 421 when it cannot decrypt, else the screen named after the action. */
let endpoint: http.Server;
let endpointUrl = '';
const received: unknown[] = [];
beforeAll(async () => {
	endpoint = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			if (!verifySignature(APP_SECRET, raw, req.headers['x-hub-signature-256']).valid) return void res.writeHead(432).end();
			const decrypted = privateKey.ok ? decryptFlowRequest(JSON.parse(raw.toString('utf8')), privateKey.value) : privateKey;
			if (!decrypted.ok) return void res.writeHead(421).end();
			received.push(decrypted.value.payload);
			const { action } = decrypted.value.payload as { action: string };
			res.writeHead(200, { 'content-type': 'text/plain' }).end(encryptFlowResponse({ screen: action.toUpperCase(), data: {} }, decrypted.value.aesKey, decrypted.value.initialVector));
		});
	});
	await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
	endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/flow`;
});
afterAll(async () => await new Promise((resolve) => endpoint.close(resolve)));

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function setKey(): Promise<void> {
	const response = await fetch(`${sim.url}/v25.0/${PHONE_NUMBER_ID}/whatsapp_business_encryption`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKENS.valid}`, 'content-type': 'application/json' },
		body: JSON.stringify({ business_public_key: keys.publicKey }),
	});
	expect(response.status).toBe(200);
}

describe("the simulator playing WhatsApp's Flow client", () => {
	it('refuses to call before a business public key is set', async () => {
		expect(await admin('POST', '/__sim/flows/request', { endpointUrl, action: 'INIT' })).toEqual({
			status: 400,
			body: { error: `no business public key was set for ${PHONE_NUMBER_ID}` },
		});
	});

	it('sends an encrypted, signed request and decrypts the answer; keys are listed', async () => {
		await setKey();
		expect((await admin('GET', '/__sim/flows/keys')).body).toEqual({ [PHONE_NUMBER_ID]: keys.publicKey.trim() });
		received.length = 0;
		const { body } = await admin('POST', '/__sim/flows/request', { endpointUrl, action: 'data_exchange', screen: 'A', data: { n: 1 }, flowToken: 'tok' });
		expect(body).toMatchObject({ status: 200, answer: { screen: 'DATA_EXCHANGE', data: {} } });
		expect(typeof body.latencyMs).toBe('number');
		expect(received).toEqual([{ version: '3.0', action: 'data_exchange', screen: 'A', data: { n: 1 }, flow_token: 'tok' }]);
	});

	it('forges or leaves out the signature, and corrupts the payload, when asked', async () => {
		await setKey();
		for (const [options, status] of [[{ sign: 'forged' }, 432], [{ sign: 'none' }, 432], [{ corrupt: true }, 421]] as const) {
			const { body } = await admin('POST', '/__sim/flows/request', { endpointUrl, action: 'INIT', ...options });
			expect(body.status).toBe(status);
			expect(body).not.toHaveProperty('answer');
		}
	});

	it('refuses a public key that is not a PEM public key', async () => {
		const response = await fetch(`${sim.url}/v25.0/${PHONE_NUMBER_ID}/whatsapp_business_encryption`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKENS.valid}`, 'content-type': 'application/json' },
			body: JSON.stringify({ business_public_key: keys.privateKey }),
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: { code: number } }).error.code).toBe(100);
	});

	it("posts a completed Flow's nfm_reply, signed, with the flow_token in response_json", async () => {
		let got: { signature: unknown; body: Record<string, unknown> } | undefined;
		const hook = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				got = { signature: verifySignature(APP_SECRET, Buffer.concat(chunks), req.headers['x-hub-signature-256']).valid, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
				res.writeHead(200).end();
			});
		});
		await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`;
			const { body } = await admin('POST', '/__sim/flows/complete', { url, flowToken: 'tok', params: { slot: '09:00' }, messageId: 'wamid.flow-1' });
			expect(body.delivery).toMatchObject({ status: 200 });
			expect(got?.signature).toBe(true);
			const message = (got?.body as { entry: Array<{ changes: Array<{ value: { messages: Array<{ context: { id: string }; interactive: { nfm_reply: { response_json: string } } }> } }> }> }).entry[0].changes[0].value.messages[0];
			expect(JSON.parse(message.interactive.nfm_reply.response_json)).toEqual({ slot: '09:00', flow_token: 'tok' });
			expect(message.context.id).toBe('wamid.flow-1');
			expect(validateWebhook(got?.body)).toMatchObject({ valid: true, errors: [] });
		} finally {
			await new Promise((resolve) => hook.close(resolve));
		}
	});
});
