/**
 * `npm run bench:trigger-payload [-- --runs N]`
 *
 * The WhatsApp Cloud Trigger's webhook() work on one heavy signed delivery: 20,000 text messages
 * from 20,000 different senders (so 20,000 contacts) in one change, ≈ 5 MB. Times the whole
 * webhook() call through a real n8n-core WebhookContext (test/harness/triggerWebhook.ts: body
 * gate, signature, JSON.parse, fan-out, filters, redelivery dedupe, items) on a fresh trigger, the
 * same delivery again (a redelivery: all 20,000 dropped, although a trigger normally keeps
 * 10,000 keys — one delivery is kept whole), and each step on its own.
 * The last line is one JSON object with the figures (ms).
 */
import { performance } from 'node:perf_hooks';

import { APP_SECRET, HarnessTrigger, signedJson, takeLogs } from '../../test/harness/triggerWebhook';
import { dedupeWindowFor, forgetDedupeWindow } from '../../nodes/WhatsAppCloudTrigger/dedupe';
import { fanOut } from '../../nodes/WhatsAppCloudTrigger/fanOut';
import { applyFilter } from '../../nodes/WhatsAppCloudTrigger/filters';
import { verifySignature } from '../../nodes/shared/webhookSignature';
import { signatureHeader } from '../simulator/webhook-client';

const MESSAGES = 20_000;
const TARGET_BYTES = 5 * 1024 * 1024;

function build(padding: number): string {
	const contacts = [];
	const messages = [];
	for (let i = 0; i < MESSAGES; i++) {
		const waId = String(15550000000 + i);
		contacts.push({ profile: { name: `Customer ${i}` }, wa_id: waId });
		messages.push({
			from: waId,
			id: `wamid.HBgLMTU1NTAwMDAwMDAVAgASGBQzQUY${String(i).padStart(8, '0')}`,
			timestamp: String(1750000000 + i),
			type: 'text',
			text: { body: `Message ${i} ${'x'.repeat(padding)}` },
		});
	}
	return JSON.stringify({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '419561257915477',
				changes: [
					{
						field: 'messages',
						value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, contacts, messages },
					},
				],
			},
		],
	});
}

function time<T>(fn: () => T): { ms: number; value: T } {
	const t0 = performance.now();
	const value = fn();
	return { ms: performance.now() - t0, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const t0 = performance.now();
	const value = await fn();
	return { ms: performance.now() - t0, value };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<number> {
	const runsArg = process.argv.indexOf('--runs');
	const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
	const base = build(0).length;
	const raw = build(Math.max(0, Math.floor((TARGET_BYTES - base) / MESSAGES)));
	const bytes = Buffer.byteLength(raw);
	const spec = signedJson(null, { raw });
	console.log(`bench:trigger-payload: ${MESSAGES} messages, ${MESSAGES} contacts, ${(bytes / 1024 / 1024).toFixed(2)} MB signed; ${runs} runs (+1 warm-up)`);

	const whole: number[] = [];
	const redelivery: number[] = [];
	let emitted = 0;
	let reEmitted = 0;
	for (let run = 0; run <= runs; run++) {
		const trigger = new HarnessTrigger({ parameters: { events: ['messages', 'statuses', 'other'] }, workflowId: `bench-${run}` });
		const first = await timeAsync(() => trigger.deliver(spec));
		const again = await timeAsync(() => trigger.deliver(spec));
		if (first.value.status !== 200 || !first.value.executionStarted) throw new Error(`delivery answered ${first.value.status}`);
		emitted = (first.value.items ?? []).flat().length;
		reEmitted = (again.value.items ?? []).flat().length;
		if (again.value.executionStarted) throw new Error(`the redelivery started an execution with ${reEmitted} items`);
		if (emitted !== MESSAGES) throw new Error(`${emitted} items, expected ${MESSAGES}`);
		takeLogs();
		if (run === 0) continue;
		whole.push(first.ms);
		redelivery.push(again.ms);
		console.log(`  run ${run}: webhook() ${r1(first.ms)} ms (${emitted} items), redelivery ${r1(again.ms)} ms (${reEmitted} items re-emitted)`);
	}

	// The steps on their own (same order as webhook()).
	const buffer = Buffer.from(raw, 'utf8');
	const header = signatureHeader(APP_SECRET, buffer);
	const signature = time(() => verifySignature(APP_SECRET, buffer, header));
	if (!signature.value.valid) throw new Error('signature check failed');
	const parse = time(() => JSON.parse(buffer.toString('utf8')) as unknown);
	const fan = time(() => fanOut(parse.value));
	const filter = time(() => applyFilter(fan.value, { events: [], messageTypes: [], statusTypes: [], phoneNumberIds: [], otherFields: [] }));
	const dedupe = time(() => {
		const window = dedupeWindowFor('bench|steps', 24 * 60 * 60_000);
		const kept = filter.value.filter((e) => e.dedupeKey === null || window.firstTime(e.dedupeKey));
		forgetDedupeWindow('bench|steps');
		return kept.length;
	});
	const contactNamesOk = fan.value.every((e, i) => e.json.contactName === `Customer ${i}`);
	if (!contactNamesOk) throw new Error('a message got the wrong contact');
	console.log(
		`  steps: signature ${r1(signature.ms)} ms, JSON.parse ${r1(parse.ms)} ms, fan-out ${r1(fan.ms)} ms, filters ${r1(filter.ms)} ms, dedupe ${r1(dedupe.ms)} ms (${dedupe.value} kept)`,
	);
	const figures = {
		bench: 'trigger-payload',
		messages: MESSAGES,
		contacts: MESSAGES,
		bytes,
		runs,
		webhookMsMedian: r1(median(whole)),
		webhookMsMax: r1(Math.max(...whole)),
		redeliveryMsMedian: r1(median(redelivery)),
		signatureMs: r1(signature.ms),
		jsonParseMs: r1(parse.ms),
		fanOutMs: r1(fan.ms),
		filterMs: r1(filter.ms),
		dedupeMs: r1(dedupe.ms),
		itemsEmitted: emitted,
		itemsReEmittedOnRedelivery: reEmitted,
	};
	console.log(`webhook() on ${(bytes / 1024 / 1024).toFixed(2)} MB / ${MESSAGES} messages: median ${figures.webhookMsMedian} ms, max ${figures.webhookMsMax} ms`);
	console.log(JSON.stringify(figures));
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
