/**
 * Which WhatsApp Business Account (WABA) an operation, a picker or the trigger acts on: the
 * node's own "WhatsApp Business Account ID" when it has one and it is filled, else the
 * credential's. One rule for every caller; the answer is either an ID or a sentence that says
 * what to fix.
 */

/** How the editor names the field, in the node and in the credential. */
export const WABA_FIELD_LABEL = 'WhatsApp Business Account ID';

type WabaResolution = { wabaId: string; from: 'node' | 'credential' } | { problem: string };

/**
 * The WABA to act on. `override` is the node parameter's value (undefined where the node has
 * no such parameter); `fromCredential` is the credential's field. `purpose` finishes the sentence
 * "… so <purpose>" of the error shown when neither has one.
 */
export function resolveWabaId(override: unknown, fromCredential: unknown, purpose: string): WabaResolution {
	const given = typeof override === 'string' || typeof override === 'number' ? String(override).trim() : '';
	if (given) {
		if (!/^\d+$/.test(given)) {
			return {
				problem: `"${WABA_FIELD_LABEL}" must be an ID made of digits only, not "${given}": copy it from WhatsApp Manager → Account tools, or App Dashboard → WhatsApp → API Setup`,
			};
		}
		return { wabaId: given, from: 'node' };
	}
	const stored = typeof fromCredential === 'string' ? fromCredential.trim() : '';
	if (!stored) {
		return {
			problem: `No ${WABA_FIELD_LABEL}, so ${purpose}: add the WABA ID (WhatsApp Manager → Account tools, or App Dashboard → WhatsApp → API Setup) to the credential${override === undefined ? '' : ', or enter it in this node'}`,
		};
	}
	if (!/^\d+$/.test(stored)) {
		return {
			problem: `The credential's ${WABA_FIELD_LABEL} "${stored}" is not an ID (digits only): copy it from WhatsApp Manager → Account tools, or App Dashboard → WhatsApp → API Setup`,
		};
	}
	return { wabaId: stored, from: 'credential' };
}
