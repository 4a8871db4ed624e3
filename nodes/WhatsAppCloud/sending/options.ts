import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { defineInput } from '../validation/validateInput';
import type { SendingSettings } from './retry';

/** Meta's limits for one phone number's sending, and this node's defaults. */
const SENDING_LIMITS = {
	/** Meta's default throughput per business phone number. */
	defaultRate: 80,
	/** The highest throughput Meta grants a number (after an automatic upgrade). */
	maxRate: 1000,
	defaultInFlight: 100,
	maxInFlight: 1000,
	defaultRetries: 5,
	maxRetries: 10,
} as const;

const sendingSettingsSchema = z.object({
	ratePerSecond: z.number().int().min(1).max(SENDING_LIMITS.maxRate),
	maxInFlight: z.number().int().min(1).max(SENDING_LIMITS.maxInFlight),
	maxRetries: z.number().int().min(0).max(SENDING_LIMITS.maxRetries),
	retryTimedOut: z.boolean(),
});

/** The node-level "Sending" options: how fast a run sends and how it retries. */
export function sendingOptionsParameter(resources: string[]): INodeProperties {
	return {
		displayName: 'Sending',
		name: 'sending',
		type: 'collection',
		placeholder: 'Add sending option',
		default: {},
		description:
			'How fast this node sends when it gets many items, and how it retries. Items are sent in parallel at this pace; the output keeps the input order.',
		displayOptions: { show: { resource: resources } },
		options: [
			{
				displayName: 'Max Requests In Flight',
				name: 'maxInFlight',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: SENDING_LIMITS.maxInFlight, numberPrecision: 0 },
				default: 100,
				description:
					"Requests waiting for Meta's answer at the same time, at most. To reach the rate you need about Messages Per Second × Meta's response time (e.g. 80 × 0.5 s = 40). Set 1 to send one item at a time.",
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: SENDING_LIMITS.maxRetries, numberPrecision: 0 },
				default: 5,
				description:
					"How often one message is sent again after a temporary error (rate limits 130429, 131056, 80007, 4; errors 1, 2, 131000; HTTP 5xx), waiting as long as Meta's Retry-After asks or, when it does not say, longer each time. Errors that sending again cannot fix (e.g. 131047, 131026, template errors 132xxx, 133010) are never retried.",
			},
			{
				displayName: 'Messages Per Second',
				name: 'ratePerSecond',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: SENDING_LIMITS.maxRate, numberPrecision: 0 },
				default: 80,
				description:
					"Requests this node starts per second, retries included. Meta allows 80 per second per phone number by default and up to 1,000 after it upgrades the number; going above your number's limit only causes 130429 errors.",
			},
			{
				displayName: 'Retry Timed-Out Requests',
				name: 'retryTimedOut',
				type: 'boolean',
				default: false,
				description:
					'Whether to send again when Meta did not answer after the request was sent (timeout, connection reset). Warning: Meta may have delivered the first one, so the recipient can get the message twice. Requests that never reached Meta (connection refused) are always retried.',
			},
		],
	};
}

export const sendingSettings = defineInput('sending', sendingSettingsSchema, [sendingOptionsParameter([])]);

/** The Sending options of this run, checked against the limits above. */
export function getSendingSettings(this: IExecuteFunctions): SendingSettings {
	const raw = this.getNodeParameter('sending', 0, {}) as IDataObject;
	return sendingSettings.parse(
		this.getNode(),
		{
			ratePerSecond: raw.ratePerSecond ?? SENDING_LIMITS.defaultRate,
			maxInFlight: raw.maxInFlight ?? SENDING_LIMITS.defaultInFlight,
			maxRetries: raw.maxRetries ?? SENDING_LIMITS.defaultRetries,
			retryTimedOut: raw.retryTimedOut ?? false,
		},
		0,
	);
}
