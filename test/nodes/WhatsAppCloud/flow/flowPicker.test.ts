/**
 * The Flow picker ("From List" of the Flow parameters) through n8n-core's LoadOptionsContext
 * against the simulator: the WABA's Flows by name and status, filtered by name; in Send
 * Interactive the published ones come first and the others say they open only as drafts.
 */
import { describe, expect, it } from '@jest/globals';

import { WhatsAppCloudApi } from '../../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppCloud } from '../../../../nodes/WhatsAppCloud/WhatsAppCloud.node';
import { flowState } from '../../../../tools/simulator/flowState';
import { runListSearch } from '../../../harness/runNode';
import { outputJson, useSimulator } from '../../../harness/simulator';

const { sim, run, credentials } = useSimulator();
const nodeType = new WhatsAppCloud();
const credentialTypes = [new WhatsAppCloudApi()];
const FLOW_JSON = JSON.stringify({ version: '7.0', screens: [{ id: 'ONE', terminal: true, layout: { type: 'SingleColumnLayout', children: [] } }] });

describe('Flow picker', () => {
	it('lists the Flows by name and status; Send Interactive puts the published ones first', async () => {
		for (const [name, publish] of [['Survey draft', false], ['Booking', true]] as const) {
			const text = { flowJsonSource: 'text', flowJson: FLOW_JSON, publish };
			outputJson(await run({ resource: 'flow', operation: 'create', name, categories: ['OTHER'], ...text }));
		}
		const [draft, booking] = flowState(sim.state).flows;
		const list = (parameters: Record<string, string>, filter?: string) =>
			runListSearch({ nodeType, method: 'searchFlows', credentials: credentials(), credentialTypes, parameters, ...(filter ? { filter } : {}) });

		const managing = await list({ resource: 'flow', operation: 'publish' });
		expect(managing.results).toEqual([
			{ name: 'Survey draft (DRAFT)', value: draft.id },
			{ name: 'Booking (PUBLISHED)', value: booking.id },
		]);
		const sending = await list({ resource: 'message', operation: 'sendInteractive' });
		expect(sending.results).toEqual([
			{ name: 'Booking (PUBLISHED)', value: booking.id },
			{ name: 'Survey draft (DRAFT)', value: draft.id, description: 'Opens only with Flow Mode "Draft" while DRAFT' },
		]);
		expect((await list({ resource: 'flow', operation: 'get' }, 'book')).results.map((r) => r.value)).toEqual([booking.id]);
	});
});
