import { PHONE_NUMBERS, PHONE_NUMBER_ID, TOKENS } from '../../../tools/simulator/fixtures';
import { useSimulator } from '../../harness/simulator';
import { ThroughputLimiter, messageSender } from '../../../tools/simulator/throughput';

describe('ThroughputLimiter (per phone number, trailing second)', () => {
	test('lets perSecond through per number, refuses the next with 130429, and counts both', () => {
		const limiter = new ThroughputLimiter();
		limiter.set({ perSecond: 2 });
		expect(limiter.check('A', 1000)).toBeUndefined();
		expect(limiter.check('A', 1100)).toBeUndefined();
		const refused = limiter.check('A', 1999);
		expect(refused?.status).toBe(400);
		expect(refused?.body).toMatchObject({
			error: {
				message: '(#130429) Rate limit hit',
				code: 130429,
				error_data: { details: 'Cloud API message throughput has been reached.' },
			},
		});
		expect(refused?.headers).toBeUndefined();
		// another number has its own budget
		expect(limiter.check('B', 1999)).toBeUndefined();
		// a second after the first send there is room for one again (refusals do not count)
		expect(limiter.check('A', 2000)).toBeUndefined();
		expect(limiter.check('A', 2050)?.status).toBe(400);
		expect(limiter.counts()).toEqual({ accepted: { A: 3, B: 1 }, refused: { A: 2 } });
	});

	test('off by default and after set(undefined); a new limit starts fresh counts', () => {
		const limiter = new ThroughputLimiter();
		for (let i = 0; i < 100; i++) expect(limiter.check('A', 1000)).toBeUndefined();
		expect(limiter.counts()).toEqual({ accepted: {}, refused: {} });
		limiter.set({ perSecond: 1, retryAfterSeconds: 2, status: 429 });
		expect(limiter.check('A', 1000)).toBeUndefined();
		expect(limiter.check('A', 1001)).toMatchObject({ status: 429, headers: { 'retry-after': '2' } });
		limiter.set(undefined);
		expect(limiter.check('A', 1002)).toBeUndefined();
		expect(() => limiter.set({ perSecond: 0 })).toThrow('throughput perSecond must be an integer >= 1');
	});

	test('messageSender reads the phone number of a message send only', () => {
		expect(messageSender('POST', '/v23.0/106540352242922/messages')).toBe('106540352242922');
		expect(messageSender('GET', '/v23.0/106540352242922/messages')).toBeUndefined();
		expect(messageSender('POST', '/v23.0/106540352242922/media')).toBeUndefined();
	});
});

describe('simulator with a throughput limit', () => {
	const { sim } = useSimulator();

	const send = (phoneNumberId: string, body: unknown) =>
		fetch(`${sim.url}/v23.0/${phoneNumberId}/messages`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKENS.valid}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		}).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: number } } }));
	const text = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: '+1 555 000 9999',
		type: 'text',
		text: { body: 'Hi' },
	};

	test('the second send of a number within the second is refused 130429 and not delivered; read receipts and other numbers are not limited', async () => {
		sim.reset();
		sim.setThroughputLimit({ perSecond: 1 });
		// Both at once: sent one after the other, a loaded machine can let a second pass between them.
		const [a, b] = await Promise.all([send(PHONE_NUMBER_ID, text), send(PHONE_NUMBER_ID, text)]);
		const [first, second] = a.status === 200 ? [a, b] : [b, a];
		const receipt = await send(PHONE_NUMBER_ID, {
			messaging_product: 'whatsapp',
			status: 'read',
			message_id: 'wamid.x',
		});
		const other = await send(PHONE_NUMBERS[1].id, text);
		expect([first.status, second.status, receipt.status, other.status]).toEqual([200, 400, 200, 200]);
		expect(second.body.error?.code).toBe(130429);
		expect(sim.state.sentMessages.map((m) => m.phoneNumberId)).toEqual([PHONE_NUMBER_ID, PHONE_NUMBERS[1].id]);
		expect(sim.throughputCounts()).toEqual({
			accepted: { [PHONE_NUMBER_ID]: 1, [PHONE_NUMBERS[1].id]: 1 },
			refused: { [PHONE_NUMBER_ID]: 1 },
		});
		sim.reset();
		expect(sim.throughputCounts()).toEqual({ accepted: {}, refused: {} });
	});
});
