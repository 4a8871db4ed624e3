import type { IDataObject } from 'n8n-workflow';

import type { FormField, Question } from './question';

/**
 * Form (Web Page): the page n8n's waiting URL shows when the contact taps the WhatsApp button,
 * and the answer read from its submission. Plain HTML, no script; the form posts back to the
 * same signed URL as multipart/form-data (what n8n 2.x requires for a send-and-wait form). Pure.
 */

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
	);
}

const fieldName = (index: number) => `field-${index}`;

function input(field: FormField, index: number): string {
	const name = fieldName(index);
	const required = field.requiredField ? ' required' : '';
	const label = `<label for="${name}">${escapeHtml(field.fieldLabel)}${field.requiredField ? ' *' : ''}</label>`;
	if (field.fieldType === 'textarea')
		return `${label}<textarea id="${name}" name="${name}" rows="4"${required}></textarea>`;
	return `${label}<input id="${name}" name="${name}" type="${field.fieldType ?? 'text'}"${required}>`;
}

const STYLE =
	'body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1f2937}' +
	'label{display:block;margin:1rem 0 .25rem;font-weight:600}input,textarea{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}' +
	'button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#25d366;border:0;border-radius:.4rem;color:#fff}';

/** The form page. */
export function formPage(question: Question): string {
	const fields = (question.formFields ?? []).map(input).join('\n');
	const text = escapeHtml(question.message).replace(/\n/g, '<br>');
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Answer</title><style>${STYLE}</style></head><body><p>${text}</p><form method="post" enctype="multipart/form-data">${fields}<button type="submit">Send</button></form></body></html>`;
}

/** The page after a submission. */
export const THANK_YOU_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Thank you</title><style>${STYLE}</style></head><body><p>Thank you, your answer was sent. You can close this page.</p></body></html>`;

/** The submitted values by field label, or the label of the first required field left empty. */
export function formAnswer(question: Question, body: unknown): { values: IDataObject } | { missing: string } {
	// n8n reads a send-and-wait form as multipart/form-data (its form parser puts the fields in `data`).
	const object = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
	const data = object.data;
	const submitted = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : object;
	const values: IDataObject = {};
	for (const [index, field] of (question.formFields ?? []).entries()) {
		const raw = submitted[fieldName(index)];
		const value = typeof raw === 'string' ? raw.trim() : '';
		if (field.requiredField && value === '') return { missing: field.fieldLabel };
		values[field.fieldLabel] = field.fieldType === 'number' && value !== '' ? Number(value) : value;
	}
	return { values };
}
