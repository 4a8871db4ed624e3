import type { IWebhookFunctions } from 'n8n-workflow';

import { incomingMessages, referenceText } from '../WhatsAppCloud/actions/message/sendAndWait/answer';
import {
	FREE_TEXT_REFERENCE_HEADER,
	parseReference,
	waitingUrl,
	type AnswerReference,
} from '../WhatsAppCloud/helpers/hitlReference';
import { SIGNATURE_HEADER } from './signature';

/**
 * How a contact's answer to Message → Send and Wait for Response reaches the waiting execution.
 * Meta delivers the tap (or the text) to the app's webhook: this trigger. For every message that
 * carries an answer reference signed with the credential's App Secret, the trigger posts the
 * delivery exactly as Meta sent it — raw body and X-Hub-Signature-256 — to the waiting URL the
 * reference names, on this n8n's own address. The waiting node checks everything again (Meta's
 * signature, the reference, who answered): the trigger is only a courier and cannot make a
 * waiting execution accept anything Meta did not sign.
 *
 * The waiting URL is n8n's signed one (the signature is in the reference), so it works with one
 * or many trigger workflows and behind a public WEBHOOK_URL; in queue mode any webhook process
 * can serve it. Never throws.
 */

export interface RelayOutcome {
	/** Message IDs that were answers to a Send and Wait question (emitted only when the option says so). */
	answerIds: Set<string>;
	/** What happened to each, for the log: `wamid.X → execution 12 resumed`. */
	notes: string[];
}

/** The answers of one delivery: message ID and reference, for messages carrying one signed with `appSecret`. */
export function answersIn(
	payload: unknown,
	appSecret: string | undefined,
): Array<{ messageId: string; reference: AnswerReference }> {
	const found: Array<{ messageId: string; reference: AnswerReference }> = [];
	for (const { message } of incomingMessages(payload)) {
		const reference = parseReference(referenceText(message), appSecret);
		if (reference && typeof message.id === 'string') found.push({ messageId: message.id, reference });
	}
	return found;
}

/** This n8n's address as the trigger's own webhook URL shows it (`https://n8n.example.com`). */
export function ownOrigin(ctx: IWebhookFunctions): string | null {
	try {
		return new URL(ctx.getNodeWebhookUrl('default') ?? '').origin;
	} catch {
		return null;
	}
}

interface PostResult {
	statusCode: number;
	body: unknown;
}

async function post(
	ctx: IWebhookFunctions,
	url: string,
	raw: Buffer,
	signature: string,
	extraHeaders: Record<string, string>,
): Promise<PostResult> {
	const response = (await ctx.helpers.httpRequest({
		method: 'POST',
		url,
		body: raw.toString('utf8'),
		headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature, ...extraHeaders },
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 15_000,
	})) as { statusCode: number; body: unknown };
	return { statusCode: response.statusCode, body: response.body };
}

/** Words for the log about what the waiting URL answered. */
export function describeResumeAnswer(result: PostResult): string {
	const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body ?? '');
	if (result.statusCode === 200 && text.includes('"resumed":true')) return 'resumed';
	if (result.statusCode === 200) return 'already answered or timed out (nothing changed)';
	const reason = /"reason":"([^"]*)"/.exec(text)?.[1];
	return `not resumed (HTTP ${result.statusCode}${reason ? `: ${reason}` : ''})`;
}

/**
 * Relays every Send and Wait answer of a delivery whose signature was verified. `signature` is
 * Meta's X-Hub-Signature-256 header of `raw`.
 */
export async function relaySendAndWaitAnswers(
	ctx: IWebhookFunctions,
	payload: unknown,
	raw: Buffer,
	signature: string | undefined,
	appSecret: string | undefined,
	freeText: Array<{ messageId: string; reference: string }> = [],
): Promise<RelayOutcome> {
	const outcome: RelayOutcome = { answerIds: new Set(), notes: [] };
	const taps = answersIn(payload, appSecret);
	if ((taps.length === 0 && freeText.length === 0) || !signature) return outcome;
	const origin = ownOrigin(ctx);
	if (origin === null) return outcome;
	const jobs = [
		...taps.map((tap) => ({ messageId: tap.messageId, reference: tap.reference, headers: {} })),
		...freeText.flatMap((answer) => {
			const reference = parseReference(answer.reference, appSecret);
			return reference
				? [{ messageId: answer.messageId, reference, headers: { [FREE_TEXT_REFERENCE_HEADER]: answer.reference } }]
				: [];
		}),
	];
	for (const job of jobs) {
		outcome.answerIds.add(job.messageId);
		const where = `execution ${job.reference.executionId}`;
		try {
			const result = await post(ctx, waitingUrl(job.reference, origin), raw, signature, job.headers);
			outcome.notes.push(`${job.messageId} → ${where} ${describeResumeAnswer(result)}`);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			outcome.notes.push(`${job.messageId} → ${where} could not be reached: ${message}`);
		}
	}
	return outcome;
}
