/**
 * The redelivery window and keys (dedupe.ts), rule by rule: where the window ends, keys claimed
 * again or forgotten, a clock that steps back, the memory bound, and the keys of events without
 * an ID and of group statuses.
 */
import { DedupeWindow, dedupeWindowFor, forgetDedupeWindow, messageKey, statusKey, statusParties } from '../../../nodes/WhatsAppCloudTrigger/dedupe';

const hash = () => 'H';
/** The window's queue of claims (private): its length is the memory the window holds. */
const queueOf = (window: DedupeWindow) => (window as unknown as { queue: unknown[]; head: number });

describe('the window', () => {
	it('ends exactly windowMs after a claim: an older key leaves it when another is claimed', () => {
		const window = new DedupeWindow(1000);
		expect(window.claim(['a'], 0)).toEqual([true]);
		expect(window.firstTime('a', 999)).toBe(false);
		expect(window.claim(['b'], 1000)).toEqual([true]);
		expect(window.size).toBe(1);
		expect(window.firstTime('a', 1000)).toBe(true);
	});

	it('judges a repeat by its own time when the clock stepped back (the queue is then out of order)', () => {
		const window = new DedupeWindow(1000);
		window.claim(['late'], 5000);
		window.claim(['a'], 0);
		// 'late' heads the queue and is not expired at 1000, so 'a' is still held: its age decides.
		expect(window.firstTime('a', 1000)).toBe(true);
		expect(window.firstTime('a', 1999)).toBe(false);
	});

	it('skips forgotten keys and keys claimed again when it expires the oldest', () => {
		const window = new DedupeWindow(1000);
		window.claim(['a', 'b'], 0);
		window.forget(['a']);
		window.claim(['b'], 1500);
		expect(window.claim(['c'], 1600)).toEqual([true]);
		expect(window.size).toBe(2);
		// 'b' was claimed again at 1500: its first claim's expiry (at 1000) must not drop it.
		expect(window.firstTime('b', 2400)).toBe(false);
		expect(window.firstTime('b', 2500)).toBe(true);
	});

	it('keeps at most maxKeys, dropping the oldest, and its queue stays bounded', () => {
		const window = new DedupeWindow(60_000, 10);
		for (let i = 0; i < 5000; i++) window.claim([`k${i}`], i);
		expect(window.size).toBe(10);
		expect(window.firstTime('k4999', 5000)).toBe(false);
		expect(window.firstTime('k4989', 5000)).toBe(true);
		const { queue, head } = queueOf(window);
		expect(queue.length).toBeLessThan(2 * 1024 + 20);
		expect(head).toBeLessThanOrEqual(1024 + 20);
	});

	it('does not compact a queue of up to 1,024 dropped claims', () => {
		const window = new DedupeWindow(60_000, 1);
		for (let i = 0; i <= 1024; i++) window.claim([`k${i}`], i);
		// 1,024 dropped in front of one live claim: compaction waits for the 1,025th.
		expect(queueOf(window).head).toBe(1024);
		window.claim(['next'], 2000);
		expect(queueOf(window).head).toBe(0);
		expect(queueOf(window).queue).toHaveLength(1);
	});

	it('a trigger keeps its window when its window length changes', () => {
		const first = dedupeWindowFor('rules-trigger', 1000, 0);
		first.claim(['a'], 0);
		const again = dedupeWindowFor('rules-trigger', 5000, 10);
		expect(again).toBe(first);
		expect(again.firstTime('a', 2000)).toBe(false);
		forgetDedupeWindow('rules-trigger');
		expect(dedupeWindowFor('rules-trigger', 5000, 20)).not.toBe(first);
		forgetDedupeWindow('rules-trigger');
	});
});

describe('the keys', () => {
	it('a message without an ID is keyed by its content', () => {
		expect(messageKey('1', { type: 'text' }, hash)).toBe('message|["1",null,"text","H"]');
		expect(messageKey('1', { id: 'wamid.1', type: 'text' }, hash)).toBe('message|["1","wamid.1","text"]');
	});

	it('a group status names its member (by phone, else by user ID) and its group', () => {
		expect(statusParties({ recipient_type: 'group', recipient_id: 'G1', recipient_participant_id: '15550001' })).toEqual({ group: true, recipientId: '15550001', groupId: 'G1' });
		expect(statusParties({ recipient_type: 'group', recipient_id: 'G1', recipient_participant_user_id: 'US.1' })).toEqual({ group: true, recipientId: 'US.1', groupId: 'G1' });
		expect(statusParties({ recipient_type: 'group', recipient_id: 'G1', recipient_participant_parent_user_id: 'US.ENT.1' })).toEqual({ group: true, recipientId: 'US.ENT.1', groupId: 'G1' });
	});

	it('a status without an ID is keyed by its content too', () => {
		expect(statusKey('1', { status: 'sent', recipient_id: '15550001' }, hash)).toBe('status|["1",null,"sent","15550001",null,"H"]');
		expect(statusKey('1', { id: 'wamid.1', status: 'sent', recipient_id: '15550001' }, hash)).toBe('status|["1","wamid.1","sent","15550001",null]');
	});
});
