/**
 * One table of WABA cases — the credential's only, the node's override, an invalid override,
 * neither — through the pickers (n8n-core's LoadOptionsContext), a Business Account operation
 * and the template operations (WorkflowExecute), all against the simulator. Every caller uses
 * nodes/shared/waba.ts resolveWabaId, so they agree: the same WABA is asked, or the same sentence
 * explains what to fix.
 */
import { describe, expect, it } from '@jest/globals';
import type { ICredentialDataDecryptedObject, INodeParameters, INodeType } from 'n8n-workflow';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { PHONE_NUMBER_ID, TOKENS, WABA_ID } from '../../../../tools/simulator/fixtures';
import { runListSearch, runLoadOptions, runNode } from '../../../harness/runNode';
import { useSimulator } from '../../../harness/simulator';

const { sim } = useSimulator();
const nodeType = new WhatsAppCloud();
const credentialTypes = [new WhatsAppCloudApi()];

/** A WABA the simulator does not know: a caller that used it instead of the override would fail. */
const OTHER_WABA = '200000000000999';

interface WabaCase {
	name: string;
	credential: string;
	override: string;
	/** The WABA every caller must use. */
	uses?: string;
	/** What every caller must say, before its own ending; `<purpose>` is the caller's purpose. */
	problem?: string;
}

const FIND_IT = 'WhatsApp Manager → Account tools, or App Dashboard → WhatsApp → API Setup';

const TABLE: WabaCase[] = [
	{ name: 'credential only', credential: WABA_ID, override: '', uses: WABA_ID },
	{ name: 'node override', credential: OTHER_WABA, override: WABA_ID, uses: WABA_ID },
	{ name: 'node override, credential without WABA', credential: '', override: ` ${WABA_ID} `, uses: WABA_ID },
	{
		name: 'override invalid',
		credential: WABA_ID,
		override: 'waba-1',
		problem: `"WhatsApp Business Account ID" must be an ID made of digits only, not "waba-1": copy it from ${FIND_IT}`,
	},
	{
		name: 'neither',
		credential: '',
		override: '',
		problem: `No WhatsApp Business Account ID, so <purpose>: add the WABA ID (${FIND_IT}) to the credential, or enter it in this node`,
	},
];

function credentialsFor(entry: WabaCase): Record<string, ICredentialDataDecryptedObject> {
	return {
		whatsAppCloudApi: {
			accessToken: TOKENS.valid,
			businessAccountId: entry.credential,
			apiVersion: 'v23.0',
			graphBaseUrl: sim.url,
		},
	};
}

const sendTemplate = (
	entry: WabaCase,
	template: Record<string, unknown> = { mode: 'list', value: '' },
): INodeParameters => ({
	resource: 'message',
	operation: 'sendTemplate',
	phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
	to: '+1 555 000 9999',
	businessAccountId: entry.override,
	template: { __rl: true, ...template },
	templateVariables: { mappingMode: 'defineBelow', value: {} },
});

/** The WABA the only Graph request for a WABA went to (path /v23.0/{WABA-ID}/…). */
function wabaAsked(): string {
	const asked = sim
		.requests()
		.map((request) => /^\/v23\.0\/(\d+)\/(message_templates|phone_numbers|subscribed_apps)$/.exec(request.path)?.[1])
		.filter((waba): waba is string => waba !== undefined);
	expect(new Set(asked).size).toBe(1);
	return asked[0];
}

interface Caller {
	name: string;
	/** Finishes "… so <purpose>" in the "neither" sentence. */
	purpose: string;
	/** Added after the sentence by this caller: a picker's way out, or the item. */
	ending: string;
	/** Runs the caller; resolves to its error message, or undefined when it went to Graph. */
	run(entry: WabaCase): Promise<string | undefined>;
}

async function pickerError(call: () => Promise<unknown>): Promise<string | undefined> {
	try {
		await call();
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

const mapperShim = {
	description: nodeType.description,
	methods: { loadOptions: { fields: nodeType.methods.resourceMapping.getTemplateVariables } },
} as unknown as INodeType;

const CALLERS: Caller[] = [
	{
		name: 'template picker (Send Template → From List)',
		purpose: 'the templates cannot be listed',
		ending: ', or switch this field to "By ID"',
		run: (entry) =>
			pickerError(() =>
				runListSearch({
					nodeType,
					method: 'searchTemplates',
					parameters: sendTemplate(entry),
					credentials: credentialsFor(entry),
					credentialTypes,
				}),
			),
	},
	{
		name: 'sender picker (Send Template → Sender Phone Number)',
		purpose: 'the phone numbers cannot be listed',
		ending: ', or switch this field to "By ID"',
		run: (entry) =>
			pickerError(() =>
				runListSearch({
					nodeType,
					method: 'searchPhoneNumbers',
					parameters: sendTemplate(entry),
					credentials: credentialsFor(entry),
					credentialTypes,
				}),
			),
	},
	{
		name: 'template variables (resource mapper, template by name)',
		purpose: 'the template cannot be looked up by name or language',
		ending: '',
		run: (entry) =>
			pickerError(() =>
				runLoadOptions({
					nodeType: mapperShim,
					method: 'fields',
					parameters: sendTemplate(entry, { mode: 'name', value: 'order_update_v2' }),
					credentials: credentialsFor(entry),
					credentialTypes,
					path: 'parameters.templateVariables',
				}),
			),
	},
	{
		name: 'Business Account → Get Subscribed Apps',
		purpose: 'there is no account to act on',
		ending: ' (item 1)',
		run: (entry) =>
			execute(entry, {
				resource: 'businessAccount',
				operation: 'getSubscribedApps',
				businessAccountId: entry.override,
			}),
	},
	{
		name: 'Template → Get Many',
		purpose: 'the templates cannot be listed',
		ending: ' (item 1)',
		run: (entry) =>
			execute(entry, { resource: 'template', operation: 'getAll', returnAll: true, businessAccountId: entry.override }),
	},
	{
		name: 'Template → Create',
		purpose: 'there is no account to create the template in',
		ending: ' (item 1)',
		run: (entry) =>
			execute(entry, {
				resource: 'template',
				operation: 'create',
				businessAccountId: entry.override,
				name: 'waba_table_check',
				language: 'en_US',
				bodyText: 'Checking which account this goes to.',
			}),
	},
	{
		name: 'Template → Delete',
		purpose: 'there is no account to delete the template from',
		ending: ' (item 1)',
		run: (entry) =>
			execute(entry, {
				resource: 'template',
				operation: 'delete',
				businessAccountId: entry.override,
				name: 'hello_world',
			}),
	},
	{
		name: 'Message → Send Template (by name)',
		purpose: 'the template cannot be looked up by name or language',
		ending: ' (item 1)',
		run: (entry) => execute(entry, sendTemplate(entry, { mode: 'name', value: 'hello_world' })),
	},
];

async function execute(entry: WabaCase, parameters: INodeParameters): Promise<string | undefined> {
	const result = await runNode({ nodeType, parameters, credentials: credentialsFor(entry), credentialTypes });
	return result.error?.message;
}

describe('one WABA rule for pickers, Business Account and template operations', () => {
	describe.each(TABLE.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
		it.each(CALLERS.map((caller) => [caller.name, caller] as const))('%s', async (_caller, caller) => {
			const error = await caller.run(entry);
			if (entry.uses) {
				expect(error).toBeUndefined();
				expect(wabaAsked()).toBe(entry.uses);
			} else {
				expect(error).toBe(`${entry.problem!.replace('<purpose>', caller.purpose)}${caller.ending}`);
				expect(
					sim.requests().filter((r) => /message_templates|phone_numbers|subscribed_apps/.test(r.path)),
				).toHaveLength(0);
			}
		});
	});

	it('a picker of a node without the override field uses the credential, and says so when it has none', async () => {
		const sendText: INodeParameters = {
			resource: 'message',
			operation: 'sendText',
			phoneNumberId: { __rl: true, mode: 'list', value: '' },
		};
		const withWaba = TABLE[0];
		await runListSearch({
			nodeType,
			method: 'searchPhoneNumbers',
			parameters: sendText,
			credentials: credentialsFor(withWaba),
			credentialTypes,
		});
		expect(wabaAsked()).toBe(WABA_ID);
		const error = await pickerError(() =>
			runListSearch({
				nodeType,
				method: 'searchPhoneNumbers',
				parameters: sendText,
				credentials: credentialsFor(TABLE[4]),
				credentialTypes,
			}),
		);
		expect(error).toBe(
			`No WhatsApp Business Account ID, so the phone numbers cannot be listed: add the WABA ID (${FIND_IT}) to the credential, or switch this field to "By ID"`,
		);
	});

	it('an override given as an expression cannot be resolved in the editor: the picker says so', async () => {
		const error = await pickerError(() =>
			runListSearch({
				nodeType,
				method: 'searchTemplates',
				parameters: sendTemplate({ ...TABLE[0], override: '={{ $json.waba }}' }),
				credentials: credentialsFor(TABLE[0]),
				credentialTypes,
			}),
		);
		expect(error).toBe(
			'"WhatsApp Business Account ID" is an expression, so the templates cannot be listed in the editor: enter the ID itself, or switch this field to "By ID"',
		);
	});
});
