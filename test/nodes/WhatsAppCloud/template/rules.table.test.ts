/**
 * One table of template languages and names, fed through Send Template, Template → Create and
 * Template → Get Many in-process (n8n-core + the simulator). The three must agree: a value one
 * of them accepts, the others accept; a value one refuses, the others refuse before any
 * request, with the same explanation after their own field label.
 */
import { describe, expect, it } from '@jest/globals';

import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

interface Case {
	field: 'name' | 'language';
	value: string;
	/** The explanation after the label (`"<label>"` stands for the operation's own label); none when valid. */
	refused?: string;
}

const SPANISH = 'es, es_AR, es_CL, es_CO, es_CR, es_CRI, es_DO, es_EC, es_HN, es_MX, es_PA, es_PE, es_ES, es_UY';
const NAME_RULE = 'may only contain lowercase letters a-z, digits and underscores';

const TABLE: Case[] = [
	{ field: 'language', value: 'en' },
	{ field: 'language', value: 'pt_BR' },
	{ field: 'language', value: 'zh_HK' },
	{ field: 'language', value: 'prs_AF' },
	{ field: 'language', value: ' es_MX ' },
	{
		field: 'language',
		value: 'es_419',
		refused: `"<label>": "es_419" is not a WhatsApp template language; for this language WhatsApp has ${SPANISH}`,
	},
	{
		field: 'language',
		value: 'EN_us',
		refused: '"<label>": "EN_us" is not written as WhatsApp writes it: use "en_US"',
	},
	{
		field: 'language',
		value: 'en-US',
		refused: '"<label>": "en-US" is not written as WhatsApp writes it: use "en_US"',
	},
	{
		field: 'language',
		value: 'en US',
		refused: '"<label>": "en US" is not written as WhatsApp writes it: use "en_US"',
	},
	{
		field: 'language',
		value: 'xx',
		refused: `"<label>": "xx" is not a WhatsApp template language: use a code from Meta's list, e.g. en, en_US, pt_BR, es_MX`,
	},
	{
		field: 'language',
		value: 'english_united_kingdom',
		refused: `"<label>": "english_united_kingdom" is not a WhatsApp template language: use a code from Meta's list, e.g. en, en_US, pt_BR, es_MX`,
	},
	{ field: 'name', value: 'order_update_2' },
	{ field: 'name', value: '  spaced_out  ' },
	{ field: 'name', value: 'a'.repeat(512) },
	{ field: 'name', value: 'Order_Update', refused: `"<label>": "Order_Update" ${NAME_RULE}, e.g. "order_update"` },
	{ field: 'name', value: 'order update', refused: `"<label>": "order update" ${NAME_RULE}, e.g. "order_update"` },
	{ field: 'name', value: 'order-update', refused: `"<label>": "order-update" ${NAME_RULE}, e.g. "order_update"` },
	{
		field: 'name',
		value: 'a'.repeat(513),
		refused: '"<label>" is too long: 513 characters; WhatsApp allows at most 512',
	},
];

const DEFAULT_NAME = 'table_template';
const DEFAULT_LANGUAGE = 'en_US';

function nameAndLanguage(entry: Case) {
	return {
		name: entry.field === 'name' ? entry.value : DEFAULT_NAME,
		language: entry.field === 'language' ? entry.value : DEFAULT_LANGUAGE,
	};
}

/** Puts an APPROVED template with this (trimmed) name and language into the WABA. */
function seed(entry: Case): string {
	const { name, language } = nameAndLanguage(entry);
	const id = '400000000000777';
	sim.state.templates.push({
		id,
		name: name.trim(),
		language: language.trim(),
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [{ type: 'BODY', text: 'Hello from the table.' }],
	});
	return id;
}

/** What one operation made of the case: "accepted", or its error with its own label replaced by <label>. */
type Outcome = string;

const operations: Array<{
	name: string;
	labels: Record<Case['field'], string>;
	outcome(entry: Case): Promise<Outcome>;
}> = [
	{
		name: 'Message → Send Template',
		labels: { name: 'Template', language: 'Language' },
		async outcome(entry) {
			seed(entry);
			const { name, language } = nameAndLanguage(entry);
			const result = await run({
				resource: 'message',
				operation: 'sendTemplate',
				phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
				to: '+1 555 000 9999',
				template: { __rl: true, mode: 'name', value: name },
				templateLanguage: language,
			});
			if (result.error) return result.error.message;
			const [sent] = sim.requests({ method: 'POST', pathIncludes: '/messages' });
			expect(sent.contract).toMatchObject({ checked: true, valid: true });
			expect((sent.body as { template: unknown }).template).toEqual({
				name: name.trim(),
				language: { policy: 'deterministic', code: language.trim() },
			});
			return 'accepted';
		},
	},
	{
		name: 'Template → Create',
		labels: { name: 'Template Name', language: 'Language' },
		async outcome(entry) {
			const { name, language } = nameAndLanguage(entry);
			const result = await run({
				resource: 'template',
				operation: 'create',
				name,
				language,
				bodyText: 'Hello from the table.',
			});
			if (result.error) return result.error.message;
			const [created] = sim.requests({ method: 'POST', pathIncludes: '/message_templates' });
			expect(created.contract).toMatchObject({ checked: true, valid: true });
			expect(created.body).toMatchObject({ name: name.trim(), language: language.trim() });
			return 'accepted';
		},
	},
	{
		name: 'Template → Get Many',
		labels: { name: 'Name', language: 'Language' },
		async outcome(entry) {
			const id = seed(entry);
			const { name, language } = nameAndLanguage(entry);
			const result = await run({
				resource: 'template',
				operation: 'getAll',
				returnAll: true,
				filters: { name, language },
			});
			if (result.error) return result.error.message;
			expect(result.items[0].map((item) => item.json.id)).toEqual([id]);
			return 'accepted';
		},
	},
];

describe('template names and languages: one rule for Send Template, Create and Get Many', () => {
	it.each(
		TABLE.map(
			(entry) =>
				[
					entry.field,
					JSON.stringify(entry.value.length > 40 ? `${entry.value.slice(0, 8)}…(${entry.value.length})` : entry.value),
					entry,
				] as const,
		),
	)('%s %s', async (_field, _shown, entry) => {
		const outcomes: string[] = [];
		for (const operation of operations) {
			sim.reset();
			const outcome = await operation.outcome(entry);
			if (entry.refused) expect(sim.requests()).toHaveLength(0);
			const label = operation.labels[entry.field];
			outcomes.push(outcome.replace(`"${label}"`, '"<label>"'));
		}
		const expected = entry.refused ? `${entry.refused} (item 1)` : 'accepted';
		expect(outcomes).toEqual([expected, expected, expected]);
	});
});
