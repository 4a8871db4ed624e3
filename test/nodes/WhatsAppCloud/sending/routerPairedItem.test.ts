/**
 * pairedItem on every output item, error items included, when the output cannot be paired by
 * n8n itself. n8n-core fills a missing pairedItem only when one item comes in, or as many come
 * out as went in (WorkflowExecute.assignPairedItems): tests with one output per input pass even
 * if the router forgets it. Here one input item yields several items and others fail, so only
 * the router (nodes/WhatsAppCloud/actions/router.ts) can pair them.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { WABA_ID } from '../../../../tools/simulator/fixtures';
import { useSimulator } from '../../../harness/simulator';

const { run } = useSimulator();

/** A WABA the simulator does not know: Graph answers with an error for it. */
const UNKNOWN_WABA = '200000000000999';

/** Template → Get Many with a per-item limit and WABA (from the input item). */
const LIST_TEMPLATES = {
	resource: 'template',
	operation: 'getAll',
	returnAll: false,
	limit: '={{ $json.limit }}',
	businessAccountId: '={{ $json.waba }}',
};

const INPUT: INodeExecutionData[] = [
	{ json: { limit: 3, waba: WABA_ID } },
	// Refused before any request: Limit must be at least 1.
	{ json: { limit: 0, waba: WABA_ID } },
	{ json: { limit: 2, waba: WABA_ID } },
	// Refused by Graph: an account the token cannot see.
	{ json: { limit: 2, waba: UNKNOWN_WABA } },
	{ json: { limit: 1, waba: WABA_ID } },
];

const isError = (item: INodeExecutionData) => 'error' in item.json;

describe('router: pairedItem when inputs and outputs do not match one to one', () => {
	it('with Continue On Fail, every item (several per input, and error items) is paired with its input', async () => {
		const result = await run(LIST_TEMPLATES, { input: INPUT, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const output = result.items[0];
		// 3 + error + 2 + error + 1: more items out than in, so n8n cannot pair them by itself.
		expect(output).toHaveLength(8);
		expect(output.map((item) => [item.pairedItem, isError(item)])).toEqual([
			[{ item: 0 }, false],
			[{ item: 0 }, false],
			[{ item: 0 }, false],
			[{ item: 1 }, true],
			[{ item: 2 }, false],
			[{ item: 2 }, false],
			[{ item: 3 }, true],
			[{ item: 4 }, false],
		]);
		expect(output[3].json.error).toMatch(/limit/i);
		expect(output[0].json).toHaveProperty('name');
	});

	it('pairs error items when fewer items come out than went in', async () => {
		const input: INodeExecutionData[] = [
			{ json: { limit: 0, waba: WABA_ID } },
			{ json: { limit: 2, waba: UNKNOWN_WABA } },
			{ json: { limit: 0, waba: WABA_ID } },
		];
		// Each input fails: three error items for three inputs would be paired by n8n, so add an
		// input that yields nothing at all (a name no template has).
		const result = await run(
			{ ...LIST_TEMPLATES, filters: { name: '={{ $json.name ?? "" }}' } },
			{ input: [...input, { json: { limit: 5, waba: WABA_ID, name: 'no_template_has_this_name' } }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].map((item) => [item.pairedItem, isError(item)])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, true],
			[{ item: 2 }, true],
		]);
	});

	it('without Continue On Fail, the node fails with the first failed item', async () => {
		const result = await run(LIST_TEMPLATES, { input: INPUT, continueOnFail: false });
		expect(result.error).toBeDefined();
		expect((result.error as Error).message).toMatch(/limit/i);
	});
});
