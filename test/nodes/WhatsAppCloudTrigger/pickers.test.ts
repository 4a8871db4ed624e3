/**
 * The trigger's pickers: "Only Phone Numbers" (the WABA's numbers from Graph) and "Other Fields"
 * (Meta's webhook field names), each with the typed option saved workflows already use.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloudTrigger } from '../../../nodes/WhatsAppCloudTrigger/WhatsAppCloudTrigger.node';
import { runLoadOptions } from '../../harness/runNode';
import { useSimulator } from '../../harness/simulator';
import { batchedPayloadWithOther, PHONE_B } from '../../fixtures/webhookPayloads';
import { emitted, HarnessTrigger, signedJson } from '../../harness/triggerWebhook';

const numbersOf = async (options: INodeParameters) => {
	const outcome = await new HarnessTrigger({ parameters: { options } }).deliver(signedJson(batchedPayloadWithOther()));
	return emitted(outcome).map((e) => `${String(e.event)}:${String(e.phoneNumberId)}`);
};

const FOR_B = [
	'status:106540352242923',
	'status:106540352242923',
	'message:106540352242923',
	'message:106540352242923',
	'group_lifecycle_update:106540352242923',
];

describe('Only Phone Numbers', () => {
	it('keeps only the picked numbers', async () => {
		expect((await numbersOf({ phoneNumberIdList: [PHONE_B.phone_number_id] })).sort()).toEqual([...FOR_B].sort());
	});

	it('a saved comma-separated "Only Phone Number IDs (Typed)" still filters', async () => {
		expect((await numbersOf({ phoneNumberIds: ` ${PHONE_B.phone_number_id}, ` })).sort()).toEqual([...FOR_B].sort());
	});

	it('picked and typed IDs add up', async () => {
		expect(
			await numbersOf({ phoneNumberIdList: ['106540352242922'], phoneNumberIds: PHONE_B.phone_number_id }),
		).toHaveLength(9);
	});
});

describe('Other Fields', () => {
	const others = async (options: INodeParameters) =>
		emitted(
			await new HarnessTrigger({ parameters: { events: ['other'], options } }).deliver(
				signedJson(batchedPayloadWithOther()),
			),
		).map((e) => e.field);

	it("offers Meta's webhook field names", () => {
		const options = new WhatsAppCloudTrigger().description.properties.find((p) => p.name === 'options')?.options ?? [];
		const list = options.find((o) => 'name' in o && o.name === 'otherFieldList') as {
			type: string;
			options: Array<{ value: string }>;
		};
		expect(list.type).toBe('multiOptions');
		expect(list.options.map((o) => o.value)).toEqual(
			expect.arrayContaining([
				'group_lifecycle_update',
				'message_template_status_update',
				'phone_number_quality_update',
				'account_update',
			]),
		);
	});

	it.each([
		[{ otherFieldList: ['group_lifecycle_update'] }, ['group_lifecycle_update']],
		[{ otherFieldList: ['group_settings_update'] }, []],
		[{ otherFields: 'group_lifecycle_update' }, ['group_lifecycle_update']],
		[{ otherFields: 'account_update, group_settings_update' }, []],
		[{}, ['group_lifecycle_update']],
	])('%p', async (options, fields) => {
		expect(await others(options)).toEqual(fields);
	});
});

describe("the phone number picker lists the WABA's numbers", () => {
	const { credentials } = useSimulator();

	it("from the credential's WABA", async () => {
		const options = await runLoadOptions({
			nodeType: new WhatsAppCloudTrigger(),
			method: 'getPhoneNumberOptions',
			parameters: { options: {} },
			credentials: credentials(),
			credentialTypes: [new WhatsAppCloudApi()],
		});
		expect(options).toEqual([
			{ name: '+1 555-010-0001 — Sim Shop (quality GREEN)', value: '100000000000001' },
			{ name: '+1 555-010-0002 — Sim Shop Support (quality GREEN)', value: '100000000000002' },
		]);
	});
});
