import { saveQrCodeOperation } from './qrCodeFields';

/** POST /{Phone-Number-ID}/message_qrdls with the code: a new prefilled message, same code and link. */
export const { description, inputs, execute } = saveQrCodeOperation('update');
