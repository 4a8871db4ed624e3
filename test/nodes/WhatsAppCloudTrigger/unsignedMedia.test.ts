/**
 * "Accept Unsigned Events (Testing Only)" never fetches media: an unsigned body may name any media
 * ID, and the download would spend the credential's token on it (issue 25).
 */
import { GRAPH_VERSION, TOKENS } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';
import { seedVoiceAndDocument, voiceAndDocumentDelivery } from '../../fixtures/mediaPayloads';
import { emitted, HarnessTrigger, signedJson, takeLogs } from '../../harness/triggerWebhook';

const { sim } = useSimulator();

beforeEach(() => {
	seedVoiceAndDocument(sim.state);
	takeLogs();
});

const trigger = () =>
	new HarnessTrigger({
		parameters: { options: { downloadMedia: true, acceptUnsigned: true } },
		credentials: { accessToken: TOKENS.valid, graphBaseUrl: sim.url, apiVersion: GRAPH_VERSION },
	});

describe('unsigned deliveries and Download Media', () => {
	it('an unsigned delivery comes out without files and without a Graph request', async () => {
		const raw = JSON.stringify(voiceAndDocumentDelivery('unsigned-media'));
		const outcome = await trigger().deliver({ headers: { 'content-type': 'application/json' }, body: raw });
		expect(outcome.status).toBe(200);
		const items = outcome.items![0];
		expect(items).toHaveLength(3);
		expect(items.every((item) => item.binary === undefined && item.json.signatureVerified === false)).toBe(true);
		expect(sim.requests()).toEqual([]);
	});

	it('the same delivery signed downloads its files (the option is what differs)', async () => {
		const outcome = await trigger().deliver(signedJson(voiceAndDocumentDelivery('signed-media')));
		expect(emitted(outcome).map((item) => item.signatureVerified)).toEqual([true, true, true]);
		expect(outcome.items![0].filter((item) => item.binary !== undefined)).toHaveLength(2);
		expect(sim.requests().length).toBeGreaterThan(0);
	});
});
