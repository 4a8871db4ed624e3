import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE, readCredentials } from '../shared/credentials';
import { describeValue } from '../shared/jsonValues';
import { readJsonBody } from '../shared/webhookBody';
import { dedupeWindowFor, DEFAULT_WINDOW_MINUTES } from './dedupe';
import { fanOut, type TriggerEvent } from './fanOut';
import { applyFilter, parseList, type EventChoice, type EventFilter } from './filters';
import { answerHandshake } from './handshake';
import { withDownloadedMedia } from './mediaDownload';
import { SIGNATURE_HEADER, signatureProblem, verifySignature } from '../shared/webhookSignature';
import { signingSecretKey, signingSecrets } from './signingSecret';
import { refusalWarnings, withSuppressed } from './warnLimiter';
import { repairMarkedSubscription } from './subscription';
import { relaySendAndWaitAnswers } from './sendAndWaitRelay';

/**
 * What the trigger does with one HTTP request (its `webhook()` method). The rule: whatever
 * arrives, the answer is a status code and never an exception — n8n turns an exception thrown
 * here into a 500 *and* an execution carrying the error (webhook-helpers.js, runWebhook catch),
 * so a junk request would start the workflow. Refusals answer themselves and return
 * `noWebhookResponse`, and payloads with nothing to emit return `webhookResponse` without
 * `workflowData`: in both cases n8n starts no execution.
 */

const WABA_OBJECT = 'whatsapp_business_account';
const MAX_IDS_IN_LOG = 10;

interface ReceiveOptions {
	acceptUnsigned?: boolean;
	dedupe?: boolean;
	dedupeMinutes?: number;
	messageTypes?: string[];
	/** Typed IDs (the option before the picker existed; still read). */
	phoneNumberIds?: string;
	phoneNumberIdList?: string[];
	/** Typed field names (the option before the list existed; still read). */
	otherFields?: string;
	otherFieldList?: string[];
	statusTypes?: string[];
	includeSendAndWaitAnswers?: boolean;
}

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

function warnLimited(ctx: IWebhookFunctions, triggerKey: string, kind: string, message: string): void {
	const decision = refusalWarnings.decide(`${triggerKey}|${kind}`, Date.now());
	if (decision.log) ctx.logger.warn(withSuppressed(message, decision.suppressed));
}

function refuse(res: Response, status: number, text: string): IWebhookResponseData {
	if (!res.headersSent) res.status(status).type('text/plain').send(text);
	return { noWebhookResponse: true };
}

/** Meta only needs a 200; nothing to run the workflow for. */
const NOTHING_TO_RUN: IWebhookResponseData = { webhookResponse: { received: true, emitted: 0 } };

/** Short names of events for the log: `message wamid.X`, `status wamid.Y read → 16505551234`, `other <field>`. */
export function describeEvents(events: TriggerEvent[], max = MAX_IDS_IN_LOG): string {
	const names = events.slice(0, max).map((e) => {
		const j = e.json;
		if (e.kind === 'message') return `message ${describeValue(j.messageId)}`;
		if (e.kind === 'status') return `status ${describeValue(j.statusId)} ${describeValue(j.status)} → ${describeValue(j.recipientId)}`;
		return `other ${describeValue(j.field)}`;
	});
	const more = events.length > max ? ` and ${events.length - max} more` : '';
	return `${names.join(', ')}${more}`;
}

async function handshake(ctx: IWebhookFunctions, res: Response, triggerKey: string): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	const credentials = await readCredentials(ctx);
	const answer = answerHandshake(req.query as IDataObject, credentials.verifyToken);
	if (answer.status !== 200) {
		warnLimited(ctx, triggerKey, 'handshake', `WhatsApp Cloud Trigger: verification request refused with 403 (${answer.body})`);
	}
	res.status(answer.status).type('text/plain').send(answer.body);
	return { noWebhookResponse: true };
}

/**
 * The dedupe keys of a delivery are claimed before n8n starts the execution. n8n 2.x answers an
 * "onReceived" webhook only once the execution is created (WorkflowRunner.run), and answers 500
 * when that fails (database, queue): then the keys are given back, so Meta's retry runs.
 */
function releaseIfNotStarted(ctx: IWebhookFunctions, res: Response, release: () => void, events: TriggerEvent[]): void {
	if (typeof res.once !== 'function') return;
	res.once('finish', () => {
		if (res.statusCode < 400) return;
		release();
		ctx.logger.warn(
			`WhatsApp Cloud Trigger: n8n answered this delivery with HTTP ${res.statusCode}, so no execution ran for its ${events.length} event(s) (${describeEvents(events)}). They are not counted as received: Meta retries the delivery and the retry runs them.`,
		);
	});
}

/** Whose signature a delivery carried, when it was checked (null: accepted unsigned). */
type Signed = { signature: string | undefined; appSecret: string | undefined } | null;

type CheckedBody = { ok: true; raw: Buffer; signed: Signed } | { ok: false; response: IWebhookResponseData };

/** The raw body of a POST that is JSON and signed with the App Secret (or unsigned, when the option allows); else refused. */
async function checkedBody(ctx: IWebhookFunctions, res: Response, triggerKey: string, acceptUnsigned: boolean): Promise<CheckedBody> {
	const req = ctx.getRequestObject();
	const body = await readJsonBody(req);
	if (!body.ok) {
		warnLimited(ctx, triggerKey, `body ${body.status}`, `WhatsApp Cloud Trigger: webhook rejected with ${body.status}, ${body.reason}`);
		return { ok: false, response: refuse(res, body.status, `Rejected: ${body.reason}`) };
	}
	const header = req.headers[SIGNATURE_HEADER];
	// The App Secret is remembered for a few seconds; a mismatch is checked again against a fresh read (signingSecret.ts).
	const secretKey = signingSecretKey(triggerKey, ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id);
	const readSecret = async () => (await readCredentials(ctx)).appSecret;
	let secret = await signingSecrets.get(secretKey, readSecret);
	if (acceptUnsigned && (header === undefined || !secret.appSecret)) {
		warnLimited(
			ctx,
			triggerKey,
			'unsigned',
			`WhatsApp Cloud Trigger: accepted an UNSIGNED webhook (${body.raw.length} bytes) because "Accept Unsigned Events (Testing Only)" is on. Anyone who knows this URL can start the workflow; its items carry signatureVerified: false, and no media is downloaded nor redelivery remembered for them. Turn the option off and set the App Secret in production.`,
		);
		return { ok: true, raw: body.raw, signed: null };
	}
	let check = verifySignature(secret.appSecret, body.raw, header);
	if (!check.valid && !secret.fresh) {
		secret = await signingSecrets.refresh(secretKey, readSecret);
		check = verifySignature(secret.appSecret, body.raw, header);
	}
	if (!check.valid) {
		const why = signatureProblem(check.reason);
		warnLimited(ctx, triggerKey, 'signature', `WhatsApp Cloud Trigger: webhook rejected with 401, ${why}`);
		return { ok: false, response: refuse(res, 401, `Invalid signature: ${why}`) };
	}
	return { ok: true, raw: body.raw, signed: { signature: Array.isArray(header) ? header[0] : header, appSecret: secret.appSecret } };
}

function filterOf(ctx: IWebhookFunctions, options: ReceiveOptions): EventFilter {
	return {
		events: ctx.getNodeParameter('events', ['messages']) as EventChoice[],
		messageTypes: options.messageTypes ?? [],
		statusTypes: options.statusTypes ?? [],
		phoneNumberIds: [...parseList(options.phoneNumberIdList), ...parseList(options.phoneNumberIds)],
		otherFields: [...parseList(options.otherFieldList), ...parseList(options.otherFields)],
	};
}

/** Drops the events this process already emitted within the dedupe window (dedupe.ts). */
function withoutRedeliveries(ctx: IWebhookFunctions, res: Response, triggerKey: string, options: ReceiveOptions, events: TriggerEvent[]): TriggerEvent[] {
	const minutes = options.dedupeMinutes && options.dedupeMinutes > 0 ? options.dedupeMinutes : DEFAULT_WINDOW_MINUTES;
	const window = dedupeWindowFor(triggerKey, minutes * 60_000);
	const keyed = events.filter((event) => event.dedupeKey !== null);
	const fresh = window.claim(keyed.map((event) => event.dedupeKey as string));
	const claimed = keyed.filter((_, i) => fresh[i]).map((event) => event.dedupeKey as string);
	const dropped = new Set(keyed.filter((_, i) => !fresh[i]));
	const kept = events.filter((event) => !dropped.has(event));
	if (dropped.size > 0) {
		ctx.logger.info(
			`WhatsApp Cloud Trigger: dropped ${dropped.size} redelivered event(s) this n8n process already emitted: ${describeEvents([...dropped])}. This memory is per process and lost on restart; for a check shared by all n8n processes and kept across restarts, add a Remove Duplicates node after the trigger ("Remove Items Processed in Previous Executions", Value to Dedupe On {{ $json.dedupeKey }}).`,
		);
	}
	if (claimed.length > 0) releaseIfNotStarted(ctx, res, () => window.forget(claimed), kept);
	return kept;
}

/** The items: one output, or messages / statuses / other on three. */
function outputsOf(ctx: IWebhookFunctions, events: TriggerEvent[]): INodeExecutionData[][] {
	const item = (event: TriggerEvent): INodeExecutionData => ({ json: event.json });
	if (ctx.getNodeParameter('outputMode', 'single') !== 'separate') return [events.map(item)];
	return (['message', 'status', 'other'] as const).map((kind) => events.filter((e) => e.kind === kind).map(item));
}

/**
 * Relays the delivery's Send and Wait answers; the IDs of the messages that were answers. A
 * failing relay never costs the delivery its events: it is logged and nothing counts as an answer.
 */
async function relayed(ctx: IWebhookFunctions, payload: unknown, raw: Buffer, signed: NonNullable<Signed>): Promise<Set<string>> {
	try {
		const relay = await relaySendAndWaitAnswers(ctx, payload, raw, signed.signature, signed.appSecret);
		if (relay.notes.length > 0) ctx.logger.info(`WhatsApp Cloud Trigger: Send and Wait answers: ${relay.notes.join('; ')}`);
		return relay.answerIds;
	} catch (error) {
		ctx.logger.warn(`WhatsApp Cloud Trigger: Send and Wait answers of this delivery could not be relayed: ${error instanceof Error ? error.message : describeValue(error)}`);
		return new Set();
	}
}

async function receive(ctx: IWebhookFunctions, res: Response, triggerKey: string): Promise<IWebhookResponseData> {
	const options = ctx.getNodeParameter('options', {}) as ReceiveOptions;
	const body = await checkedBody(ctx, res, triggerKey, options.acceptUnsigned === true);
	if (!body.ok) return body.response;

	let payload: unknown;
	try {
		payload = JSON.parse(body.raw.toString('utf8'));
	} catch {
		return refuse(res, 400, 'The body is not JSON');
	}
	const object = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>).object : undefined;
	if (object !== WABA_OBJECT) {
		const what = typeof object === 'string' ? `"${object.slice(0, 100)}"` : object === undefined ? 'missing' : `a ${typeof object}`;
		ctx.logger.debug(`WhatsApp Cloud Trigger: ignored a signed payload whose "object" is ${what}, not "${WABA_OBJECT}"`);
		return NOTHING_TO_RUN;
	}
	// A subscription the last check could not confirm (Meta was down) is checked again now that
	// Meta is talking to us: at most once a minute, bounded by a short timeout, never throwing.
	await repairMarkedSubscription.call(ctx);

	let events = applyFilter(fanOut(payload), filterOf(ctx, options));
	const signed = body.signed !== null;
	for (const event of events) event.json.signatureVerified = signed;
	// Answers to Send and Wait questions go to their waiting executions (sendAndWaitRelay.ts).
	if (body.signed) {
		const answerIds = await relayed(ctx, payload, body.raw, body.signed);
		if (!options.includeSendAndWaitAnswers) {
			events = events.filter((e) => !(e.kind === 'message' && typeof e.json.messageId === 'string' && answerIds.has(e.json.messageId)));
		}
	}
	// An unsigned event may be anyone's: it claims no dedupe key (it could block Meta's real event
	// with the same ID) and its media is not fetched with the credential's token.
	if (signed && options.dedupe !== false && events.length > 0) events = withoutRedeliveries(ctx, res, triggerKey, options, events);
	if (events.length === 0) return NOTHING_TO_RUN;
	const response = { workflowData: outputsOf(ctx, events) };
	return signed ? await withDownloadedMedia(ctx, res, response) : response;
}

/** The trigger's `webhook()`: GET = Meta's verification handshake, POST = events. Never throws. */
export async function receiveWebhook(ctx: IWebhookFunctions, triggerKey: string): Promise<IWebhookResponseData> {
	let res: Response | undefined;
	try {
		res = ctx.getResponseObject();
		return ctx.getWebhookName() === 'setup' ? await handshake(ctx, res, triggerKey) : await receive(ctx, res, triggerKey);
	} catch (error) {
		const message = error instanceof Error ? error.message : describeValue(error);
		ctx.logger.error(`WhatsApp Cloud Trigger: could not process a webhook request, answered 500 without starting the workflow: ${message}`);
		// Without a response object (never the case in n8n) there is nobody to answer.
		if (res === undefined) throw new NodeOperationError(ctx.getNode(), error as Error);
		return refuse(res, 500, 'The trigger could not process this request; the n8n log says why');
	}
}
