import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readCredentials } from '../credentials';
import { graphRequest } from './graphRequest';
import type { BinaryFile } from './media';

/**
 * Meta's Resumable Upload API, the one place that makes upload handles (template header samples,
 * profile photos):
 *   1. POST /{app-id}/uploads?file_name&file_length&file_type  → { id: "upload:<session>" }
 *   2. POST /{upload-session-id}, headers `file_offset: 0` and `Authorization: OAuth <token>`,
 *      the file's bytes as the body                            → { h: "<handle>" }
 *   3. after a failed step 2: GET /{upload-session-id}          → { file_offset } and step 2 again
 *      from that offset with the rest of the bytes.
 * Meta documents the `OAuth` form of the Authorization header for steps 2 and 3 (its examples never
 * show Bearer there), so those two go with GraphRequest.authScheme 'OAuth'.
 */

/** Step 2 is tried at most this often (the first try plus resumes after a transient failure). */
const UPLOAD_ATTEMPTS = 3;

interface UploadedHandle {
	handle: string;
	uploadSessionId: string;
	/** How many times step 2 was resumed after a transient failure. */
	resumed: number;
}

/** "upload:MTph…?sig=ARZ…" → the path part (the session) and Meta's signature as query. */
export function sessionRequest(sessionId: string): { path: string; qs?: IDataObject } {
	const [session, query] = sessionId.split(/\?(.*)/s, 2);
	const path = session.replace(/[^A-Za-z0-9:_\-.~=]/g, (c) => encodeURIComponent(c));
	if (!query) return { path };
	return { path, qs: Object.fromEntries(new URLSearchParams(query)) };
}

async function appIdOf(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const credentials = await readCredentials(this, itemIndex);
	const appId = String(credentials.appId ?? '').trim();
	if (!/^\d+$/.test(appId)) {
		throw new NodeOperationError(
			this.getNode(),
			appId
				? `The credential's App ID "${appId}" is not an app ID (only digits): uploads for a handle go to Meta's Resumable Upload API of your app (item ${itemIndex + 1})`
				: `The credential's App ID is empty: uploads for a handle go to Meta's Resumable Upload API of your app (item ${itemIndex + 1})`,
			{
				itemIndex,
				description:
					'Enter the App ID in the WhatsApp Cloud API credential (App Dashboard → App settings → Basic). The access token must belong to that app.',
			},
		);
	}
	return appId;
}

function isTransient(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (error.context?.networkError) return true;
	const status = Number(error.httpCode);
	return Number.isFinite(status) && status >= 500;
}

/** Uploads a checked file through the Resumable Upload API; returns the handle Meta gives for it. */
export async function uploadForHandle(
	this: IExecuteFunctions,
	file: BinaryFile,
	itemIndex: number,
): Promise<UploadedHandle> {
	const appId = await appIdOf.call(this, itemIndex);
	const session = (await graphRequest.call(this, {
		method: 'POST',
		path: `${appId}/uploads`,
		qs: { file_name: file.fileName, file_length: file.data.length, file_type: file.mimeType },
		itemIndex,
	})) as IDataObject;
	const uploadSessionId = typeof session?.id === 'string' ? session.id : '';
	if (!uploadSessionId.startsWith('upload:')) {
		throw new NodeOperationError(
			this.getNode(),
			`Meta opened no upload session for "${file.fileName}": it answered ${JSON.stringify(session).slice(0, 200)} (item ${itemIndex + 1})`,
			{ itemIndex },
		);
	}
	const target = sessionRequest(uploadSessionId);

	let offset = 0;
	for (let attempt = 1; ; attempt++) {
		try {
			const answer = (await graphRequest.call(this, {
				method: 'POST',
				...target,
				body: file.data.subarray(offset),
				headers: { file_offset: String(offset), 'Content-Type': 'application/octet-stream' },
				authScheme: 'OAuth',
				itemIndex,
				timeout: 300_000,
			})) as IDataObject;
			const handle = typeof answer?.h === 'string' ? answer.h : '';
			if (!handle) {
				throw new NodeOperationError(
					this.getNode(),
					`Meta took the upload of "${file.fileName}" but returned no handle (item ${itemIndex + 1})`,
					{ itemIndex },
				);
			}
			return { handle, uploadSessionId, resumed: attempt - 1 };
		} catch (error) {
			// graphRequest throws only these two; a transient one (network, 5xx) is resumed.
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
			if (attempt >= UPLOAD_ATTEMPTS || !isTransient(failure)) throw failure;
		}
		// Resume: ask Meta how much of the file it has and send the rest.
		const status = (await graphRequest.call(this, {
			method: 'GET',
			...target,
			authScheme: 'OAuth',
			itemIndex,
		})) as IDataObject;
		const received = Number(status?.file_offset);
		offset = Number.isInteger(received) && received >= 0 && received <= file.data.length ? received : 0;
	}
}
