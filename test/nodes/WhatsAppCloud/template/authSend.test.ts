/**
 * Sending an authentication template (Meta, "Authentication templates" → sending): the one "Code"
 * field fills the body parameter and the OTP button's URL parameter, which the simulator checks
 * are one and the same; an archived template is refused; `redactCode` masks the code in a real
 * failed send's error, wherever Meta quoted it.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters, INodeType, ResourceMapperFields } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { oneTimeCodeOf, redactCode } from '../../../../nodes/WhatsAppCloud/templates/redact';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { PHONE_NUMBER_ID, TOKENS } from '../../../../tools/simulator/fixtures';
import { runLoadOptions } from '../../../harness/runNode';
import { errorMessage, outputJson, useSimulator } from '../../../harness/simulator';

const { sim, run, credentials } = useSimulator();
const CODE = '482913';
const LOGIN_CODE = '400000000000007';

const send = (code: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'sendTemplate',
	phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
	to: '+1 555 000 9999',
	template: { __rl: true, mode: 'id', value: LOGIN_CODE },
	templateVariables: { mappingMode: 'defineBelow', value: { 'body:1': code }, matchingColumns: [], schema: [] },
	...extra,
});

async function graph(body: unknown): Promise<{ status: number; body: { error?: { code: number } } }> {
	const response = await fetch(`${sim.url}/v23.0/${PHONE_NUMBER_ID}/messages`, {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKENS.valid}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as { error?: { code: number } } };
}

const authMessage = (components: unknown[]) => ({
	messaging_product: 'whatsapp',
	to: '15550009999',
	type: 'template',
	template: { name: 'login_code', language: { code: 'en_US' }, components },
});
const bodyParameter = (text: string) => ({ type: 'body', parameters: [{ type: 'text', text }] });
const buttonParameter = (text: string, subType = 'url') => ({ type: 'button', sub_type: subType, index: '0', parameters: [{ type: 'text', text }] });

describe('Send Template: authentication templates', () => {
	it('the editor asks for one field, "Code"', async () => {
		const nodeType = new WhatsAppCloud();
		const shim = {
			description: nodeType.description,
			methods: { loadOptions: { fields: nodeType.methods.resourceMapping.getTemplateVariables } },
		} as unknown as INodeType;
		const result = (await runLoadOptions({
			nodeType: shim,
			method: 'fields',
			parameters: send(''),
			credentials: credentials(),
			credentialTypes: [new WhatsAppCloudApi()],
			path: 'parameters.templateVariables',
		})) as unknown as ResourceMapperFields;
		expect(result.fields.map((f) => [f.id, f.displayName, f.required])).toEqual([['body:1', 'Code', true]]);
	});

	it('the code goes into the body and the OTP button, contract-valid, and Meta accepts it', async () => {
		outputJson(await run(send(CODE)));
		const [request] = sim.requests({ method: 'POST', pathIncludes: '/messages' });
		expect(request.contract).toMatchObject({ checked: true, valid: true });
		expect(request.response.status).toBe(200);
		expect((request.body as { template: { components: unknown[] } }).template.components).toEqual([
			bodyParameter(CODE),
			buttonParameter(CODE),
		]);
	});

	it('the simulator refuses a button code that differs from the body, or a non-URL button (131009)', async () => {
		expect((await graph(authMessage([bodyParameter(CODE), buttonParameter('111111')]))).body.error?.code).toBe(131009);
		expect((await graph(authMessage([bodyParameter(CODE), buttonParameter(CODE, 'quick_reply')]))).body.error?.code).toBe(131009);
		expect((await graph(authMessage([bodyParameter(CODE), buttonParameter(CODE)]))).status).toBe(200);
	});

	it('an archived template cannot be sent', async () => {
		sim.state.templates.find((t) => t.id === LOGIN_CODE)!.status = 'ARCHIVED';
		expect((await graph(authMessage([bodyParameter(CODE), buttonParameter(CODE)]))).body.error?.code).toBe(132001);
	});
});

describe('redactCode', () => {
	it("a failed send's error never carries the code, though Meta quotes the parameter back", async () => {
		sim.addFault({
			method: 'POST',
			pathIncludes: '/messages',
			status: 400,
			error: { message: `(#131009) Parameter value is not valid: ${CODE}`, code: 131009, error_data: { details: `text ${CODE} is not accepted` } },
		});
		const result = await run(send(CODE));
		errorMessage(result);
		expect(JSON.stringify(sim.requests({ pathIncludes: '/messages' }).at(-1)?.body)).toContain(CODE);
		const text = JSON.stringify(result.error, Object.getOwnPropertyNames(result.error));
		expect(text).not.toContain(CODE);
		expect(text).toContain('[code hidden]');
		expect(text).toContain('131009');
	});

	it('masks in place, in message, description and what Meta answered', () => {
		const error = Object.assign(new Error(`bad ${CODE}`), { description: `Details: ${CODE}`, errorResponse: { details: [CODE] } });
		expect(redactCode(error, CODE)).toBe(error);
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(CODE);
		expect(error.message).toBe('bad [code hidden]');
	});

	it('finds the code of an authentication send only', () => {
		const components = [bodyParameter(CODE), buttonParameter(CODE)];
		expect(oneTimeCodeOf(components, true)).toBe(CODE);
		expect(oneTimeCodeOf(components, false)).toBeUndefined();
		expect(redactCode(new Error('no code here'), undefined).message).toBe('no code here');
	});
});
