import { createHash } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { WhatsAppCloudCredentials } from '../WhatsAppCloud/transport';
import { dedupeWindowFor, DEFAULT_WINDOW_MINUTES, forgetDedupeWindow } from './dedupe';
import { OUTPUTS_EXPRESSION, properties } from './description';
import { fanOut, type TriggerEvent } from './fanOut';
import { applyFilter, parseList, type EventChoice, type EventFilter } from './filters';
import { answerHandshake } from './handshake';
import { SIGNATURE_HEADER, signatureProblem, verifySignature } from './signature';
import { checkSubscription, createSubscription, deleteSubscription } from './subscription';

const CREDENTIAL = 'whatsAppCloudApi';

interface TriggerOptions {
	acceptUnsigned?: boolean;
	dedupe?: boolean;
	dedupeMinutes?: number;
	messageTypes?: string[];
	phoneNumberIds?: string;
	otherFields?: string;
	statusTypes?: string[];
}

function fingerprint(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value) ?? '').digest('base64');
}

async function credentialsOf(ctx: IHookFunctions | IWebhookFunctions): Promise<WhatsAppCloudCredentials> {
	return (await ctx.getCredentials(CREDENTIAL)) as unknown as WhatsAppCloudCredentials;
}

function triggerKey(ctx: IHookFunctions | IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
}

export class WhatsAppCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Cloud Trigger',
		name: 'whatsAppCloudTrigger',
		icon: { light: 'file:../../icons/whatsapp-cloud.svg', dark: 'file:../../icons/whatsapp-cloud.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on WhatsApp messages, delivery statuses and other webhook events (Meta Cloud API)',
		defaults: { name: 'WhatsApp Cloud Trigger' },
		inputs: [],
		outputs: OUTPUTS_EXPRESSION,
		credentials: [{ name: CREDENTIAL, required: true }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties,
	};

	/**
	 * See subscription.ts for when n8n calls these and what each does. None of them lets a
	 * Graph API outage at n8n start or leadership change stop receiving.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkSubscription.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				forgetDedupeWindow(triggerKey(this));
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const credentials = await credentialsOf(this);

		if (this.getWebhookName() === 'setup') {
			const answer = answerHandshake(req.query as IDataObject, credentials.verifyToken);
			if (answer.status !== 200) this.logger.warn(`WhatsApp Cloud Trigger: verification request refused (${answer.body})`);
			res.status(answer.status).type('text/plain').send(answer.body);
			return { noWebhookResponse: true };
		}

		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
		const rawBody: Buffer | undefined = req.rawBody;
		if (!Buffer.isBuffer(rawBody)) {
			res.status(500).type('text/plain').send('n8n did not keep the raw request body, so the signature cannot be checked');
			return { noWebhookResponse: true };
		}

		const header = req.headers[SIGNATURE_HEADER];
		const mustVerify = !options.acceptUnsigned || (header !== undefined && !!credentials.appSecret);
		if (mustVerify) {
			const check = verifySignature(credentials.appSecret, rawBody, header);
			if (!check.valid) {
				const why = signatureProblem(check.reason);
				this.logger.warn(`WhatsApp Cloud Trigger: webhook rejected with 401, ${why}`);
				res.status(401).type('text/plain').send(`Invalid signature: ${why}`);
				return { noWebhookResponse: true };
			}
		}

		let payload: unknown;
		try {
			payload = JSON.parse(rawBody.toString('utf8'));
		} catch {
			res.status(400).type('text/plain').send('The body is not JSON');
			return { noWebhookResponse: true };
		}

		const filter: EventFilter = {
			events: this.getNodeParameter('events', ['messages']) as EventChoice[],
			messageTypes: options.messageTypes ?? [],
			statusTypes: options.statusTypes ?? [],
			phoneNumberIds: parseList(options.phoneNumberIds),
			otherFields: parseList(options.otherFields),
		};
		let events = applyFilter(fanOut(payload, fingerprint), filter);

		if (options.dedupe !== false && events.length > 0) {
			const minutes = options.dedupeMinutes && options.dedupeMinutes > 0 ? options.dedupeMinutes : DEFAULT_WINDOW_MINUTES;
			const window = dedupeWindowFor(triggerKey(this), minutes * 60_000);
			events = events.filter((event) => event.dedupeKey === null || window.firstTime(event.dedupeKey));
		}

		if (events.length === 0) {
			// Meta only needs a 200; nothing new to run the workflow for.
			return { webhookResponse: { received: true, emitted: 0 } };
		}

		const item = (event: TriggerEvent): INodeExecutionData => ({ json: event.json });
		const separate = this.getNodeParameter('outputMode', 'single') === 'separate';
		const workflowData = separate
			? [
					events.filter((e) => e.kind === 'message').map(item),
					events.filter((e) => e.kind === 'status').map(item),
					events.filter((e) => e.kind === 'other').map(item),
				]
			: [events.map(item)];
		return { workflowData };
	}
}
