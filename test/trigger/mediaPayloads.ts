/**
 * Incoming media messages as Meta sends them (contract: AudioMessage_1, DocumentMessage_1, …) and
 * the files behind their media IDs, seeded into the simulator. Shared by the jest tests of the
 * trigger's "Download Media" option and the e2e suite triggerMedia.
 */
import { createHash } from 'node:crypto';

import { PHONE_NUMBERS, WABA_ID } from '../../tools/simulator/fixtures';
import type { SimState } from '../../tools/simulator/state';
import { messagesChange, payload, PHONE_A, textMessage } from './payloads';

/** An Ogg/Opus voice note's first page header followed by filler: 4,096 bytes. */
export const VOICE_NOTE = Buffer.concat([
	Buffer.from('OggS\u0000\u0002', 'latin1'),
	Buffer.alloc(22, 0),
	Buffer.from('OpusHead', 'latin1'),
	Buffer.alloc(4096 - 36, 0x5a),
]);

/** A small PDF: 1,203 bytes. */
export const INVOICE_PDF = Buffer.concat([
	Buffer.from('%PDF-1.4\n% invoice\n', 'latin1'),
	Buffer.alloc(1203 - 19, 0x20),
]);

export const VOICE_NOTE_ID = '710000000000101';
export const INVOICE_ID = '710000000000102';
export const INVOICE_NAME = 'Invoice 2026-12.pdf';

/** Meta's webhook sha256 is base64 of the file's SHA-256 (GET /{media-id} gives it in hex). */
const base64Sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

export function voiceNoteMessage(messageId: string, mediaId = VOICE_NOTE_ID, bytes = VOICE_NOTE, from = '16505551234') {
	return {
		from,
		id: messageId,
		timestamp: '1750000000',
		type: 'audio',
		audio: { mime_type: 'audio/ogg; codecs=opus', sha256: base64Sha(bytes), id: mediaId, voice: true },
	};
}

export function documentMessage(messageId: string, mediaId = INVOICE_ID, filename = INVOICE_NAME, bytes = INVOICE_PDF) {
	return {
		from: '16505551234',
		id: messageId,
		timestamp: '1750000002',
		type: 'document',
		document: {
			caption: 'Here is the invoice',
			filename,
			mime_type: 'application/pdf',
			sha256: base64Sha(bytes),
			id: mediaId,
		},
	};
}

/** One delivery for number A carrying the given messages. */
export function mediaDelivery(messages: unknown[], phone = PHONE_A) {
	return payload([{ id: WABA_ID, changes: [messagesChange(phone, messages)] }]);
}

/** A voice note, a document and a text message in one delivery. */
export function voiceAndDocumentDelivery(tag: string) {
	return mediaDelivery([
		voiceNoteMessage(`wamid.${tag}.voice`),
		documentMessage(`wamid.${tag}.doc`),
		textMessage(`wamid.${tag}.text`, 'and a text'),
	]);
}

/** Puts a file behind a media ID in the simulator (what Meta holds for media a customer sent). */
export function seedMedia(
	state: SimState,
	media: { id: string; mimeType: string; bytes: Buffer; filename?: string; fileSize?: number },
): void {
	state.media[media.id] = {
		id: media.id,
		phoneNumberId: PHONE_NUMBERS[0].id,
		mimeType: media.mimeType,
		sha256: createHash('sha256').update(media.bytes).digest('hex'),
		fileSize: media.fileSize ?? media.bytes.length,
		filename: media.filename,
		bytes: media.bytes,
	};
}

/** The voice note and the invoice, as Meta stores them (Meta keeps the codecs parameter). */
export function seedVoiceAndDocument(state: SimState): void {
	seedMedia(state, { id: VOICE_NOTE_ID, mimeType: 'audio/ogg; codecs=opus', bytes: VOICE_NOTE });
	seedMedia(state, { id: INVOICE_ID, mimeType: 'application/pdf', bytes: INVOICE_PDF, filename: INVOICE_NAME });
}
