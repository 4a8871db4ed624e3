/**
 * A terminal console to play the customer while `npm run dev` runs: one line per action, as the
 * phone customer or the username customer (no phone number in its webhooks), posted signed to the
 * trigger's webhook URL. parseCustomerLine is the grammar (tested on its own); startCustomerConsole
 * reads stdin.
 */
import * as readline from 'node:readline';

import type { CustomerRequest } from './customerRequest';
import type { DeliveryStatus } from './customerEvents';
import type { Simulator } from './server';

export const CONSOLE_HELP = `customer console (one line per action):
  target <url>              where the webhooks go: the trigger's Test or Production URL
  as phone | as username    who acts (now: %WHO%)
  say <text>                a text message
  button <n>                tap reply button n (0-based) of the latest message sent
  list <n>                  pick row n of the latest list sent
  quick <n> [text]          tap quick-reply n of the latest template sent
  share                     share the phone number (the answer to REQUEST_CONTACT_INFO)
  status <sent|delivered|read|failed>   a status of the latest message sent
  group [sent|delivered|read|failed]    that message's group statuses, both customers as members
  new-number <digits>       user_changed_number (new number, new BSUID)
  new-id <BSUID>            user_changed_user_id (new BSUID, no number)
  echo <text>               the business answers this customer from the WhatsApp Business app (smb_message_echoes)
  help`;

export interface ConsoleSession {
	who: 'phone' | 'username';
	target?: string;
}

export type ConsoleAction = { request: CustomerRequest } | { say: string } | { error: string };

const STATUSES: readonly string[] = ['sent', 'delivered', 'read', 'failed'];

function index(word: string | undefined): number | undefined {
	const n = Number(word ?? '0');
	return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** One console line: a customer request to post, or something to say (help, settings, an error). */
export function parseCustomerLine(line: string, session: ConsoleSession): ConsoleAction {
	const [command = '', ...words] = line.trim().split(/\s+/);
	const rest = line.trim().slice(command.length).trim();
	const customer = session.who;
	switch (command.toLowerCase()) {
		case '':
		case 'help':
			return { say: CONSOLE_HELP.replace('%WHO%', customer) };
		case 'target':
			if (!/^https?:\/\//.test(rest)) return { error: 'target needs the webhook URL (http://…)' };
			session.target = rest;
			return { say: `webhooks go to ${rest}` };
		case 'as':
			if (rest !== 'phone' && rest !== 'username') return { error: 'as phone | as username' };
			session.who = rest;
			return { say: `now acting as the ${rest} customer` };
		case 'say':
			return { request: { kind: 'text', customer, text: rest || 'Hello' } };
		case 'button':
		case 'list':
		case 'quick': {
			const n = index(words[0]);
			if (n === undefined) return { error: `${command} needs a number (0-based)` };
			const kind = command === 'button' ? 'buttonReply' : command === 'list' ? 'listReply' : 'quickReply';
			return { request: { kind, customer, index: n, ...(command === 'quick' && words.length > 1 ? { text: words.slice(1).join(' ') } : {}) } };
		}
		case 'share':
			return { request: { kind: 'contactInfo', customer } };
		case 'echo':
			return { request: { kind: 'echo', customer, text: rest || 'Hello from the WhatsApp Business app' } };
		case 'status':
		case 'group': {
			const status = (words[0] ?? 'delivered') as DeliveryStatus;
			if (!STATUSES.includes(status)) return { error: `${command} takes ${STATUSES.join(' | ')}` };
			return { request: command === 'status' ? { kind: 'status', status } : { kind: 'groupStatuses', status } };
		}
		case 'new-number':
			if (!/^[0-9]{8,15}$/.test(rest)) return { error: 'new-number needs the digits of the new number' };
			return { request: { kind: 'userChangedNumber', customer, newWaId: rest } };
		case 'new-id':
			if (!/^[A-Z]{2}\.[A-Za-z0-9.]+$/.test(rest)) return { error: 'new-id needs a BSUID like US.13491208655302741919' };
			return { request: { kind: 'userChangedUserId', customer, newUserId: rest } };
		default:
			return { error: `unknown command "${command}" (help lists them)` };
	}
}

/** Reads console lines from stdin until it closes; each action is posted to the session's target. */
export function startCustomerConsole(sim: Pick<Simulator, 'customer'>, print: (line: string) => void = console.log): readline.Interface {
	const session: ConsoleSession = { who: 'phone' };
	const rl = readline.createInterface({ input: process.stdin });
	rl.on('line', (line) => {
		const action = parseCustomerLine(line, session);
		if ('say' in action) return print(action.say);
		if ('error' in action) return print(`customer: ${action.error}`);
		if (!session.target) return print('customer: set the trigger URL first: target <url>');
		sim.customer(action.request, session.target).then(
			(result) => print(`customer: ${action.request.kind} as ${action.request.customer ?? 'the addressee'} → HTTP ${result.delivery?.status} ${result.delivery?.body ?? ''}`),
			(error: unknown) => print(`customer: ${error instanceof Error ? error.message : String(error)}`),
		);
	});
	return rl;
}
