/** The `npm run dev` customer console's grammar (tools/simulator/customerConsole.ts). */
import { type ConsoleSession, parseCustomerLine } from '../../../tools/simulator/customerConsole';

describe('customer console lines', () => {
	test('as username switches who acts; say sends their text', () => {
		const session: ConsoleSession = { who: 'phone' };
		expect(parseCustomerLine('say hi there', session)).toEqual({ request: { kind: 'text', customer: 'phone', text: 'hi there' } });
		expect(parseCustomerLine('as username', session)).toEqual({ say: 'now acting as the username customer' });
		expect(parseCustomerLine('say hi', session)).toEqual({ request: { kind: 'text', customer: 'username', text: 'hi' } });
		expect(parseCustomerLine('share', session)).toEqual({ request: { kind: 'contactInfo', customer: 'username' } });
		expect(parseCustomerLine('echo On my way', session)).toEqual({ request: { kind: 'echo', customer: 'username', text: 'On my way' } });
	});

	test('target, answers, statuses and identity changes', () => {
		const session: ConsoleSession = { who: 'phone' };
		expect(parseCustomerLine('target http://localhost:5678/webhook/abc', session)).toEqual({ say: 'webhooks go to http://localhost:5678/webhook/abc' });
		expect(session.target).toBe('http://localhost:5678/webhook/abc');
		expect(parseCustomerLine('button 1', session)).toEqual({ request: { kind: 'buttonReply', customer: 'phone', index: 1 } });
		expect(parseCustomerLine('quick 0 Yes please', session)).toEqual({ request: { kind: 'quickReply', customer: 'phone', index: 0, text: 'Yes please' } });
		expect(parseCustomerLine('status read', session)).toEqual({ request: { kind: 'status', status: 'read' } });
		expect(parseCustomerLine('group', session)).toEqual({ request: { kind: 'groupStatuses', status: 'delivered' } });
		expect(parseCustomerLine('new-number 15550007777', session)).toEqual({ request: { kind: 'userChangedNumber', customer: 'phone', newWaId: '15550007777' } });
		expect(parseCustomerLine('new-id US.99', session)).toEqual({ request: { kind: 'userChangedUserId', customer: 'phone', newUserId: 'US.99' } });
	});

	test.each(['target localhost', 'as robot', 'button x', 'status lost', 'new-number abc', 'new-id 123', 'dance'])('"%s" is an error', (line) => {
		expect(parseCustomerLine(line, { who: 'phone' })).toHaveProperty('error');
	});

	test('help names the current customer', () => {
		const action = parseCustomerLine('help', { who: 'username' });
		expect('say' in action && action.say).toContain('(now: username)');
	});
});
