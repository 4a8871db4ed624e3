/**
 * The customer phone over HTTP: the page at the simulator's root (page.html, phone.css, phone.js:
 * plain files, no build step, nothing fetched from elsewhere), its state at GET /__sim/phone
 * (polled by the page; `?viewing=<customer>` says which chat is open, so its messages turn read),
 * POST /__sim/phone/act (the customer does something) and POST /__sim/phone/fail (the switch that
 * makes the next business message fail).
 */
import fs from 'node:fs';
import type * as http from 'node:http';
import path from 'node:path';

import { userIdOf } from '../customer';
import { PHONE_NUMBERS } from '../fixtures';
import type { Simulator } from '../server';
import { act, type PhoneAction, reportStatuses } from './actions';
import { bookOf, chatOf, isCustomerKey, PHONE_CUSTOMERS } from './book';

const FILES: Record<string, { file: string; type: string }> = {
	'/': { file: 'page.html', type: 'text/html; charset=UTF-8' },
	'/phone.css': { file: 'phone.css', type: 'text/css; charset=UTF-8' },
	'/phone.js': { file: 'phone.js', type: 'text/javascript; charset=UTF-8' },
};

type PhoneSim = Pick<Simulator, 'state' | 'postWebhook' | 'requests'>;

function reply(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
	res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
	res.end(body);
}

/** Wamids of the customer's messages the business marked as read (POST /messages with status "read"). */
function readByBusiness(sim: PhoneSim): Set<string> {
	const ids = new Set<string>();
	for (const r of sim.requests({ method: 'POST', pathIncludes: '/messages' })) {
		const body = r.body as { status?: unknown; message_id?: unknown } | null;
		if (body?.status === 'read' && typeof body.message_id === 'string' && r.response.status === 200) ids.add(body.message_id);
	}
	return ids;
}

/** The page's view of the simulator: customers, one chat each, the switch. */
function phoneState(sim: PhoneSim) {
	const read = readByBusiness(sim);
	const business = PHONE_NUMBERS[0];
	return {
		business: { name: business.verifiedName, phone: business.displayPhoneNumber },
		failNext: bookOf(sim.state).failNext,
		customers: Object.entries(PHONE_CUSTOMERS).map(([key, c]) => ({
			key,
			name: c.name,
			waId: c.waId ?? null,
			userId: userIdOf(c),
			username: c.username ?? null,
			chat: isCustomerKey(key) ? chatOf(sim.state, key, read) : [],
		})),
	};
}

function parse(raw: Buffer): Record<string, unknown> {
	if (raw.length === 0) return {};
	return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
}

/** Answers the phone's page and endpoints; false when the request is not the phone's. */
export async function answerPhone(sim: PhoneSim, method: string, url: URL, raw: Buffer, res: http.ServerResponse): Promise<boolean> {
	const asset = method === 'GET' ? FILES[url.pathname] : undefined;
	if (asset) {
		reply(res, 200, asset.type, fs.readFileSync(path.join(__dirname, asset.file)));
		return true;
	}
	const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
	const json = (status: number, body: unknown) => reply(res, status, 'application/json; charset=UTF-8', JSON.stringify(body));
	try {
		if (route === 'GET /__sim/phone') {
			const viewing = url.searchParams.get('viewing');
			await reportStatuses(sim, isCustomerKey(viewing) ? viewing : undefined);
			json(200, phoneState(sim));
		} else if (route === 'POST /__sim/phone/act') {
			const action = parse(raw) as unknown as PhoneAction;
			if (!isCustomerKey(action.customer)) throw new Error(`customer must be one of ${Object.keys(PHONE_CUSTOMERS).join(', ')}`);
			json(200, await act(sim, action));
		} else if (route === 'POST /__sim/phone/fail') {
			const book = bookOf(sim.state);
			book.failNext = parse(raw).on !== false;
			json(200, { failNext: book.failNext });
		} else return false;
	} catch (error) {
		json(400, { error: error instanceof Error ? error.message : String(error) });
	}
	return true;
}
