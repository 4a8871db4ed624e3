/**
 * The trigger fuzzer (tools/fuzz/trigger.ts) at a small size: 500 mutated payloads and 50 forged
 * signatures through webhook() in a real n8n-core WebhookContext, plus checks that its oracle
 * catches what it is there to catch.
 */
import { compare, expectedEvents, expectedIdentities, namingProblems } from '../../../tools/fuzz/oracle';
import { Rng } from '../../../tools/fuzz/rng';
import { runFuzz } from '../../../tools/fuzz/triggerFuzz';
import { batchedPayload, bsuidStatusesPayload, GROUP_ID, groupStatusesPayload, GROUP_PARTICIPANTS, metaGroupStatusesPayload, USERNAME_USER, usernamesPayload } from '../../fixtures/webhookPayloads';

describe('trigger fuzz (--count 500)', () => {
	it('no crash, no rejection, forged → 401, every valid event exactly once', async () => {
		const report = await runFuzz({ seed: 1, count: 500, forged: 50 });
		expect(report.violations).toEqual([]);
		expect(report.crashes).toBe(0);
		expect(report.unhandledRejections).toBe(0);
		expect(report.signedAnswered200).toBe(500);
		expect(report.forged401).toBe(50);
		expect(report.forgedExecutions).toBe(0);
		expect(report.emittedExactlyOnce).toBe(report.validMessages + report.validStatuses);
		expect(report.validMessages).toBeGreaterThan(500);
		expect(report.validStatuses).toBeGreaterThan(50);
		expect(report.reEmittedOnRedelivery).toBe(0);
		expect(report.misnamed).toBe(0);
		expect(report.mutations.usernames).toBeGreaterThan(0);
	}, 120_000);
});

describe('the fuzzer itself', () => {
	it('is reproducible from its seed', () => {
		const a = new Rng(42);
		const b = new Rng(42);
		const draws = Array.from({ length: 5 }, () => [a.next(), b.next()]);
		expect(draws.every(([x, y]) => x === y)).toBe(true);
		expect(new Rng(43).next()).not.toBe(new Rng(42).next());
	});

	it('oracle: 8 events in the batch, one per group participant, none for a non-WhatsApp object', () => {
		expect(expectedIdentities(batchedPayload('o')).size).toBe(8);
		expect(expectedIdentities(groupStatusesPayload('wamid.g', 'delivered', GROUP_PARTICIPANTS)).size).toBe(3);
		expect(expectedIdentities({ ...batchedPayload('o'), object: 'page' }).size).toBe(0);
	});

	it("oracle: Meta's group layout is one event per member; BSUID events expect their BSUID as userId", () => {
		const group = [...expectedIdentities(metaGroupStatusesPayload('wamid.mg', 'read', GROUP_PARTICIPANTS))];
		expect(group).toEqual(GROUP_PARTICIPANTS.map((m) => JSON.stringify(['status', '106540352242922', 'wamid.mg', 'read', m, GROUP_ID])));
		const statuses = expectedEvents(bsuidStatusesPayload('wamid.b', ['sent']));
		expect([...statuses.userIds.values()]).toEqual([USERNAME_USER.userId]);
		expect([...expectedEvents(usernamesPayload('o')).userIds.values()]).toEqual([USERNAME_USER.userId, 'US.80412755920371846602']);
	});

	it('oracle: flags an item whose recipient, userId or signatureVerified is wrong', () => {
		const expected = expectedEvents(usernamesPayload('n'));
		const item = (json: Record<string, unknown>) => ({ json: { phoneNumberId: '106540352242922', messageId: 'wamid.n.u1', type: 'text', signatureVerified: true, ...json } });
		const outcome = (json: Record<string, unknown>) => ({ items: [[item(json)], []] }) as never;
		const right = { waId: null, userId: USERNAME_USER.userId, parentUserId: null, recipient: USERNAME_USER.userId };
		expect(namingProblems(expected, outcome(right))).toEqual([]);
		expect(namingProblems(expected, outcome({ ...right, recipient: null }))).toHaveLength(1);
		expect(namingProblems(expected, outcome({ ...right, userId: 'US.1', recipient: 'US.1' }))).toHaveLength(1);
		expect(namingProblems(expected, outcome({ ...right, signatureVerified: false }))).toHaveLength(1);
	});

	it('oracle: flags a missing, a doubled and an invented event', () => {
		const expected = new Set(['a', 'b']);
		expect(compare(expected, ['a', 'b'])).toEqual([]);
		expect(compare(expected, ['a'])).toEqual(['b emitted 0×, expected once']);
		expect(compare(expected, ['a', 'b', 'b'])).toEqual(['b emitted 2×, expected once']);
		expect(compare(expected, ['a', 'b', 'c'])).toEqual(['c emitted but not a valid event of the payload']);
	});
});
