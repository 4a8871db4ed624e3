import { saveQrCodeOperation } from './qrCodeFields';

/** POST /{Phone-Number-ID}/message_qrdls without a code: a new QR code (and its image). */
export const { description, inputs, execute } = saveQrCodeOperation('create');
