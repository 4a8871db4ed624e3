import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readCredentials } from '../shared/credentials';
import {
	decryptFlowRequest,
	encryptFlowResponse,
	FLOW_STATUS_BAD_SIGNATURE,
	FLOW_STATUS_UNDECRYPTABLE,
	flowPrivateKey,
	flowResponseKey,
} from '../shared/flowCrypto';
import { readJsonBody } from '../shared/webhookBody';
import { SIGNATURE_HEADER, signatureProblem, verifySignature } from '../shared/webhookSignature';

/**
 * One request of Meta to a Flow's data endpoint. Whatever arrives, the answer is a status and
 * never an exception (an exception becomes a 500 and an execution). Refusals and the health
 * check answer here and return `noWebhookResponse`, so n8n starts no execution; everything
 * else becomes one item and the workflow answers (Flow → Encrypt Flow Response).
 */

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

function answer(res: Response, status: number, text: string): IWebhookResponseData {
	if (!res.headersSent) res.status(status).type('text/plain').send(text);
	return { noWebhookResponse: true };
}

function str(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

/** The item of one request: what the workflow needs to build the next screen, and the key reference to answer with. */
export function flowRequestItem(payload: Record<string, unknown>, responseKey: string): IDataObject {
	const data = payload.data !== null && typeof payload.data === 'object' ? (payload.data as IDataObject) : {};
	const isErrorNotice = typeof data.error === 'string' || typeof data.error_message === 'string';
	return {
		action: str(payload.action),
		screen: str(payload.screen),
		data,
		flowToken: str(payload.flow_token),
		version: str(payload.version),
		// Meta's error notification (a screen's data_exchange failed on the client): answer {"acknowledged": true}.
		errorNotification: isErrorNotice,
		flowResponseKey: responseKey,
	};
}

export async function receiveFlowRequest(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	const res = ctx.getResponseObject();
	const name = ctx.getNode().name;

	const body = await readJsonBody(req);
	if (!body.ok) return answer(res, body.status, `Rejected: ${body.reason}`);

	const credentials = await readCredentials(ctx);
	const check = verifySignature(credentials.appSecret, body.raw, req.headers[SIGNATURE_HEADER]);
	if (!check.valid) {
		ctx.logger.warn(`${name}: Flow endpoint request refused with ${FLOW_STATUS_BAD_SIGNATURE}, ${signatureProblem(check.reason)}`);
		return answer(res, FLOW_STATUS_BAD_SIGNATURE, 'Invalid signature');
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(body.raw.toString('utf8'));
	} catch {
		parsed = undefined;
	}
	const privateKey = flowPrivateKey(credentials.flowPrivateKey, credentials.flowPrivateKeyPassphrase);
	const decrypted = privateKey.ok ? decryptFlowRequest(parsed, privateKey.value) : privateKey;
	if (!decrypted.ok) {
		// Only the reason is logged: never the key, the body or what it decrypted to.
		ctx.logger.warn(`${name}: Flow endpoint request refused with ${FLOW_STATUS_UNDECRYPTABLE}, ${decrypted.reason}`);
		return answer(res, FLOW_STATUS_UNDECRYPTABLE, 'The request cannot be decrypted');
	}

	const { payload, aesKey, initialVector, encryptedAesKey } = decrypted.value;
	if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
		return answer(res, FLOW_STATUS_UNDECRYPTABLE, 'The request cannot be decrypted');
	}
	const record = payload as Record<string, unknown>;
	if (record.action === 'ping') {
		return answer(res, 200, encryptFlowResponse({ data: { status: 'active' } }, aesKey, initialVector));
	}
	const item = flowRequestItem(record, flowResponseKey(encryptedAesKey, initialVector, str(record.flow_token)));
	return { workflowData: [[{ json: item }]] };
}
