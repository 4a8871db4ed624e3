/**
 * The business's messages as terminal lines for `npm run dev`: one line per message sent
 * (`→ Sim Customer: "Thanks …"`), one per Graph request the simulator refused (with Meta's
 * message), nothing for the rest — the full record stays at /__sim/requests.
 */
import type { RecordedRequest, Simulator } from '../server';
import { PHONE_CUSTOMERS, customerOfAddress, renderTemplate } from './book';

const WIDTH = 70;

function clip(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > WIDTH ? `${flat.slice(0, WIDTH - 1)}…` : flat;
}

/** What a message body says, in a few words. */
export function summaryOf(body: Record<string, unknown>, templates: Simulator['state']['templates']): string {
	const type = String(body.type ?? 'text');
	const part = (body[type] ?? {}) as Record<string, unknown>;
	const words = (value: unknown) => (typeof value === 'string' ? `"${clip(value)}"` : '');
	switch (type) {
		case 'text':
			return words((part as { body?: unknown }).body);
		case 'template':
			return `template ${String(part.name ?? '')}: ${words(renderTemplate(templates, body).body)}`;
		case 'interactive': {
			const i = part as { type?: string; body?: { text?: unknown } };
			return `${i.type ?? 'interactive'}: ${words(i.body?.text)}`;
		}
		case 'reaction':
			return `reaction ${String(part.emoji ?? '')}`;
		default:
			return `${type}${typeof part.caption === 'string' ? ` ${words(part.caption)}` : ''}`;
	}
}

/** The terminal line of one recorded request, or undefined for the quiet ones. */
export function terminalLine(record: RecordedRequest, templates: Simulator['state']['templates']): string | undefined {
	const body = (record.body ?? {}) as Record<string, unknown>;
	const status = record.response.status;
	if (status >= 400 || status === 0) {
		const error = (record.response.body as { error?: { message?: unknown } } | null)?.error?.message;
		return `✗ ${record.method} ${record.path} → ${status || 'dropped'}${typeof error === 'string' ? `: ${error}` : ''}`;
	}
	if (record.method !== 'POST' || !record.path.endsWith('/messages') || 'status' in body) return undefined;
	const to = String(body.recipient ?? body.to ?? '');
	const key = customerOfAddress(to);
	const name = key ? PHONE_CUSTOMERS[key].name : to;
	return `→ ${name}: ${summaryOf(body, templates)}`;
}

/** Prints a line for every new request the simulator records; returns the stop function. */
export function watchSentMessages(sim: Pick<Simulator, 'requests' | 'state'>, print: (line: string) => void, everyMs = 300): () => void {
	let seen = 0;
	const timer = setInterval(() => {
		const all = sim.requests();
		if (all.length < seen) seen = 0; // the simulator was reset
		for (const record of all.slice(seen)) {
			const line = terminalLine(record, sim.state.templates);
			if (line) print(line);
		}
		seen = all.length;
	}, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
