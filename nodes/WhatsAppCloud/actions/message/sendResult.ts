import type { IDataObject } from 'n8n-workflow';

/** What the messages endpoint answers for a send. */
export interface SendResponse extends IDataObject {
	messaging_product?: string;
	contacts?: Array<{ input?: string; wa_id?: string }>;
	messages?: Array<{ id?: string; message_status?: string }>;
}

/** The Graph response plus the two values workflows use most, at the top level. */
export function sendResultJson(response: SendResponse): IDataObject {
	return {
		...response,
		messageId: response.messages?.[0]?.id ?? null,
		waId: response.contacts?.[0]?.wa_id ?? null,
	};
}
