import { DedupeWindow, dedupeWindowFor, forgetDedupeWindow, MAX_KEYS_PER_TRIGGER } from '../../../nodes/WhatsAppCloudTrigger/dedupe';
import { fanOut } from '../../../nodes/WhatsAppCloudTrigger/fanOut';
import { applyFilter, parseList, type EventFilter } from '../../../nodes/WhatsAppCloudTrigger/filters';
import { batchedPayload, WEBHOOK_EXAMPLES } from '../../fixtures/webhookPayloads';

const fp = (value: unknown) => JSON.stringify(value);
const none: EventFilter = { events: [], messageTypes: [], statusTypes: [], phoneNumberIds: [], otherFields: [] };
const ids = (events: ReturnType<typeof fanOut>) => events.map((e) => `${e.json.messageId ?? e.json.statusId ?? e.json.field}:${e.json.status ?? ''}`);

describe('filters', () => {
	const events = [...fanOut(batchedPayload('f'), fp), ...fanOut(WEBHOOK_EXAMPLES['Group Create Message'], fp)];

	it('keeps everything without filters', () => {
		expect(applyFilter(events, none)).toHaveLength(9);
	});

	it('filters by event family', () => {
		expect(applyFilter(events, { ...none, events: ['messages'] }).every((e) => e.kind === 'message')).toBe(true);
		expect(applyFilter(events, { ...none, events: ['messages'] })).toHaveLength(4);
		expect(applyFilter(events, { ...none, events: ['statuses'] })).toHaveLength(4);
		expect(applyFilter(events, { ...none, events: ['other'] }).map((e) => e.json.event)).toEqual(['group_lifecycle_update']);
		expect(applyFilter(events, { ...none, events: ['messages', 'statuses'] })).toHaveLength(8);
	});

	it('filters by phone number ID; events without a number pass', () => {
		const onlyB = applyFilter(events, { ...none, phoneNumberIds: ['106540352242923'] });
		// The group event belongs to number A, so it is dropped too.
		expect(ids(onlyB)).toEqual(['wamid.f.out1:read', 'wamid.f.out2:failed', 'wamid.f.m3:', 'wamid.f.m4:']);
		const templateUpdate = fanOut(
			{ entry: [{ id: '1', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }] },
			fp,
		);
		expect(applyFilter(templateUpdate, { ...none, phoneNumberIds: ['106540352242923'] })).toHaveLength(1);
	});

	it('filters by message type, status type and other field', () => {
		const all = [...events, ...fanOut(WEBHOOK_EXAMPLES['Image Message'], fp)];
		expect(applyFilter(all, { ...none, messageTypes: ['image'] }).filter((e) => e.kind === 'message').map((e) => e.json.type)).toEqual(['image']);
		expect(ids(applyFilter(all, { ...none, statusTypes: ['read', 'failed'] }).filter((e) => e.kind === 'status'))).toEqual([
			'wamid.f.out1:read',
			'wamid.f.out2:failed',
		]);
		expect(applyFilter(all, { ...none, otherFields: ['group_settings_update'] }).filter((e) => e.kind === 'other')).toHaveLength(0);
		expect(applyFilter(all, { ...none, otherFields: ['group_lifecycle_update'] }).filter((e) => e.kind === 'other')).toHaveLength(1);
	});

	it('parses comma / space separated lists', () => {
		expect(parseList(' 1, 2 ;3\n4 ')).toEqual(['1', '2', '3', '4']);
		expect(parseList('')).toEqual([]);
		expect(parseList(undefined)).toEqual([]);
	});
});

describe('redelivery dedupe', () => {
	it('drops a key seen within the window and lets it through after the window', () => {
		const w = new DedupeWindow(60_000);
		expect(w.firstTime('a', 1_000)).toBe(true);
		expect(w.firstTime('a', 30_000)).toBe(false);
		expect(w.firstTime('b', 30_000)).toBe(true);
		expect(w.firstTime('a', 61_001)).toBe(true);
		expect(w.firstTime('b', 61_001)).toBe(false);
	});

	it('expires old keys lazily and never grows beyond its bound', () => {
		const w = new DedupeWindow(1_000, 3);
		for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) expect(w.firstTime(k, i)).toBe(true);
		expect(w.size).toBe(3);
		expect(w.firstTime('a', 10)).toBe(true); // evicted by the bound, so new again
		expect(w.firstTime('d', 10)).toBe(false);
		w.firstTime('z', 5_000);
		expect(w.size).toBe(1); // everything older than the window is gone
		expect(MAX_KEYS_PER_TRIGGER).toBe(10_000);
	});

	it('keeps sent, delivered and read of one message apart but drops a redelivered payload', () => {
		const w = dedupeWindowFor('wf:node-1', 60_000);
		const first = fanOut(batchedPayload('d'), fp).filter((e) => e.dedupeKey === null || w.firstTime(e.dedupeKey));
		expect(first).toHaveLength(8);
		const again = fanOut(batchedPayload('d'), fp).filter((e) => e.dedupeKey === null || w.firstTime(e.dedupeKey));
		expect(again).toHaveLength(0);
		// Another trigger has its own window.
		const other = dedupeWindowFor('wf:node-2', 60_000);
		expect(fanOut(batchedPayload('d'), fp).filter((e) => other.firstTime(e.dedupeKey!))).toHaveLength(8);
		// Forgetting a window (deactivation) starts afresh.
		forgetDedupeWindow('wf:node-1');
		expect(dedupeWindowFor('wf:node-1', 60_000).size).toBe(0);
	});

	it('does not confuse different contract examples that reuse one message id', () => {
		const w = new DedupeWindow(60_000);
		const names = ['Text Message', 'Reaction Message', 'Image Message', 'Contact Sharing Message'];
		const kept = names.flatMap((n) => fanOut(WEBHOOK_EXAMPLES[n], fp)).filter((e) => w.firstTime(e.dedupeKey!));
		expect(kept).toHaveLength(4);
		const group = fanOut(WEBHOOK_EXAMPLES['Group Create Message'], fp);
		expect(w.firstTime(group[0].dedupeKey!)).toBe(true);
		expect(w.firstTime(fanOut(WEBHOOK_EXAMPLES['Group Create Message'], fp)[0].dedupeKey!)).toBe(false);
		expect(w.firstTime(fanOut(WEBHOOK_EXAMPLES['Group Remove Participants'], fp)[0].dedupeKey!)).toBe(true);
	});
});
