import { forgetTriggerMemory, KeyedMemory, triggerMemory } from '../../../nodes/WhatsAppCloudTrigger/memory';

describe('the trigger memory (one eviction rule for every store)', () => {
	it('an entry lives ttlMs from when it was set: there at ttl - 1, gone at ttl', () => {
		const memory = new KeyedMemory<string>({ maxEntries: 10, ttlMs: 1_000 });
		memory.set('a', 'x', 5_000);
		expect(memory.get('a', 5_999)).toBe('x');
		expect(memory.get('a', 6_000)).toBeUndefined();
		expect(memory.size).toBe(0);
	});

	it('beyond maxEntries the least recently used entry (read or set) is dropped', () => {
		const memory = new KeyedMemory<number>({ maxEntries: 2 });
		memory.set('a', 1, 0);
		memory.set('b', 2, 0);
		expect(memory.get('a', 1)).toBe(1);
		memory.set('c', 3, 2);
		expect([memory.get('a', 3), memory.get('b', 3), memory.get('c', 3)]).toEqual([1, undefined, 3]);
	});

	it('deletes one key or every key with a prefix', () => {
		const memory = new KeyedMemory<number>({ maxEntries: 10 });
		for (const key of ['wf:1|a', 'wf:1|b', 'wf:10|a']) memory.set(key, 1, 0);
		memory.deletePrefix('wf:1|');
		expect(memory.size).toBe(1);
		memory.delete('wf:10|a');
		expect(memory.size).toBe(0);
	});

	it('forgetTriggerMemory empties every named store, as a restart does', () => {
		const store = triggerMemory<number>('test store', { maxEntries: 5 });
		store.set('k', 1, 0);
		forgetTriggerMemory();
		expect(store.get('k', 0)).toBeUndefined();
	});
});
