/**
 * Send Interactive is a registry of kinds (nodes/WhatsAppCloud/actions/message/interactive):
 * every entry provides all its parts, each kind's parameters show for that kind only, and a new
 * kind is one module plus one registry line — proved with a kind that exists only in this test,
 * run through n8n-core against the simulator (which checks the request against Meta's contract).
 */
import { describe, expect, it } from '@jest/globals';
import type { IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { z } from 'zod';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { phoneNumberIdParameter } from '../../../../nodes/WhatsAppCloud/actions/parameters';
import {
	bodyPart,
	defineKind,
	interactiveKinds,
	replyToPart,
	type InteractiveKind,
} from '../../../../nodes/WhatsAppCloud/actions/message/interactive';
import {
	description,
	inputs,
	sendInteractiveOperation,
} from '../../../../nodes/WhatsAppCloud/actions/message/sendInteractive.operation';
import { limitedText } from '../../../../nodes/WhatsAppCloud/validation/limits';
import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { runNode } from '../../../harness/runNode';
import { useSimulator } from '../../../harness/simulator';

const kindOf = (property: INodeProperties) => property.displayOptions?.show?.interactiveType;

describe('the registry of interactive kinds', () => {
	it('lists the nine kinds, each with its option, parameters, input check and body builder', () => {
		expect(interactiveKinds.map((kind) => kind.value)).toEqual([
			'buttons',
			'list',
			'ctaUrl',
			'locationRequest',
			'flow',
			'product',
			'productList',
			'catalog',
			'requestContactInfo',
		]);
		for (const kind of interactiveKinds) {
			expect(kind.option).toEqual({ name: expect.any(String), value: kind.value, description: expect.any(String) });
			expect(kind.properties.map((p) => p.name)).toContain('bodyText');
			expect(inputs).toContain(kind.input);
			expect(kind.input.name).toBe(`message.sendInteractive.${kind.value}`);
			expect(typeof kind.read).toBe('function');
			expect(typeof kind.interactive).toBe('function');
		}
	});

	it('Interactive Type offers every kind, by name; Reply Buttons is the default', () => {
		const type = description.find((p) => p.name === 'interactiveType');
		expect(type?.default).toBe('buttons');
		expect(type?.options?.map((o) => (o as { name: string }).name)).toEqual([
			'Catalog',
			'CTA URL Button',
			'Flow',
			'List',
			'Location Request',
			'Product',
			'Product List',
			'Reply Buttons',
			'Request Contact Info',
		]);
	});

	it("every parameter after Interactive Type shows for one kind only, in that kind's order", () => {
		const [to, type, ...rest] = description;
		expect([to.name, type.name]).toEqual(['to', 'interactiveType']);
		for (const property of rest) expect(kindOf(property)).toHaveLength(1);
		const names = (value: string) => rest.filter((p) => kindOf(p)?.[0] === value).map((p) => p.name);
		expect(names('locationRequest')).toEqual(['bodyText', 'options']);
		expect(names('ctaUrl')).toEqual([
			'headerType',
			'headerText',
			'headerMediaSource',
			'headerMediaUrl',
			'headerMediaId',
			'bodyText',
			'footerText',
			'ctaDisplayText',
			'ctaUrl',
			'options',
		]);
		const listHeader = rest.find((p) => p.name === 'headerType' && kindOf(p)?.[0] === 'list');
		expect(listHeader?.options?.map((o) => (o as { value: string }).value)).toEqual(['none', 'text']);
	});

	it('Flow Mode and Flow Token are options of a Flow message only', () => {
		const optionsOf = (value: string) =>
			description
				.find((p) => p.name === 'options' && kindOf(p)?.[0] === value)
				?.options?.map((o) => (o as INodeProperties).displayName);
		expect(optionsOf('flow')).toEqual(['Flow Mode', 'Flow Token', 'Reply To Message ID']);
		for (const value of ['buttons', 'list', 'ctaUrl', 'locationRequest'])
			expect(optionsOf(value)).toEqual(['Reply To Message ID']);
	});
});

/**
 * A kind that exists only here: "Yes or No", two reply buttons whose titles the user sets.
 * All it takes is this module and one entry in a registry.
 */
const yesNo = defineKind({
	value: 'yesNo',
	name: 'Yes or No',
	description: 'Two reply buttons, answered with the ID yes or no',
	parts: [bodyPart, replyToPart],
	properties: [
		{ displayName: 'Yes Title', name: 'yesTitle', type: 'string', default: 'Yes' },
		{ displayName: 'No Title', name: 'noTitle', type: 'string', default: 'No' },
	],
	shape: { yesTitle: limitedText(20), noTitle: limitedText(20) },
	read(itemIndex) {
		return {
			yesTitle: this.getNodeParameter('yesTitle', itemIndex),
			noTitle: this.getNodeParameter('noTitle', itemIndex),
		};
	},
	refine(input, ctx) {
		if (input.yesTitle === input.noTitle) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['noTitle'], message: 'must differ from "Yes Title"' });
		}
	},
	interactive: (input) => ({
		type: 'button',
		action: {
			buttons: [
				{ type: 'reply', reply: { id: 'yes', title: input.yesTitle } },
				{ type: 'reply', reply: { id: 'no', title: input.noTitle } },
			],
		},
	}),
});

const testKinds: InteractiveKind[] = [...interactiveKinds, yesNo];
const testOperation = sendInteractiveOperation(testKinds);

/** A node with only Sender Phone Number and Send Interactive built from the test registry. */
class InteractiveTestNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Interactive Test',
		name: 'interactiveTest',
		group: ['output'],
		version: 1,
		description: 'Send Interactive with a test registry',
		defaults: { name: 'Interactive Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppCloudApi', required: true }],
		properties: [phoneNumberIdParameter(), ...testOperation.description],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) out.push(...(await testOperation.execute.call(this, i)));
		return [out];
	}
}

describe('a new kind is one module and one registry line', () => {
	const { sim, credentials } = useSimulator();
	const nodeType = new InteractiveTestNode();
	const TO = '+1 555 000 9999';
	const REPLY_TO = 'wamid.HBgLMTU1NTAwMDk5OTkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=';

	const run = (parameters: INodeParameters) =>
		runNode({
			nodeType,
			parameters: { phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID }, ...parameters },
			credentials: credentials(),
			credentialTypes: [new WhatsAppCloudApi()],
		});

	it('the editor offers it, with its own parameters shown for it only', () => {
		const type = testOperation.description.find((p) => p.name === 'interactiveType');
		expect(type?.options).toContainEqual({
			name: 'Yes or No',
			value: 'yesNo',
			description: 'Two reply buttons, answered with the ID yes or no',
		});
		const own = testOperation.description.filter((p) => kindOf(p)?.[0] === 'yesNo').map((p) => p.name);
		expect(own).toEqual(['bodyText', 'yesTitle', 'noTitle', 'options']);
	});

	it('it is sent, contract-valid, with the shared body and reply-to', async () => {
		const result = await run({
			to: TO,
			interactiveType: 'yesNo',
			bodyText: 'Keep your booking?',
			noTitle: 'Cancel it',
			options: { replyTo: REPLY_TO },
		});
		expect(result.error).toBeUndefined();
		const sent = sim.requests({ method: 'POST', pathIncludes: '/messages' });
		expect(sent).toHaveLength(1);
		expect(sent[0].contract).toMatchObject({ checked: true, valid: true, errors: [] });
		expect(sent[0].body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '15550009999',
			type: 'interactive',
			context: { message_id: REPLY_TO },
			interactive: {
				type: 'button',
				body: { text: 'Keep your booking?' },
				action: {
					buttons: [
						{ type: 'reply', reply: { id: 'yes', title: 'Yes' } },
						{ type: 'reply', reply: { id: 'no', title: 'Cancel it' } },
					],
				},
			},
		});
	});

	it('its errors name its fields by their editor labels; nothing is sent', async () => {
		const result = await run({
			to: TO,
			interactiveType: 'yesNo',
			bodyText: 'Sure?',
			yesTitle: 'Same',
			noTitle: 'Same',
		});
		expect(result.error?.message).toBe('"No Title": must differ from "Yes Title" (item 1)');
		expect(sim.requests()).toHaveLength(0);
	});

	it('the other kinds work unchanged next to it', async () => {
		const result = await run({ to: TO, interactiveType: 'locationRequest', bodyText: 'Where should we deliver?' });
		expect(result.error).toBeUndefined();
		const sent = sim.requests({ method: 'POST', pathIncludes: '/messages' });
		expect(sent[0].contract).toMatchObject({ checked: true, valid: true });
		expect((sent[0].body as { interactive: unknown }).interactive).toEqual({
			type: 'location_request_message',
			body: { text: 'Where should we deliver?' },
			action: { name: 'send_location' },
		});
	});

	it('a kind no registry lists is refused with the names of those it does', async () => {
		const result = await run({ to: TO, interactiveType: 'carousel', bodyText: 'x' });
		expect(result.error?.message).toBe(
			'"Interactive Type" "carousel" is not one this version of the node can send; choose one of: Catalog, CTA URL Button, Flow, List, Location Request, Product, Product List, Reply Buttons, Request Contact Info, Yes or No (item 1)',
		);
		expect(sim.requests()).toHaveLength(0);
	});
});
