/**
 * Every message type except templates, and the Media resource, in a real n8n with the packed
 * package: one production-webhook workflow per message type (Webhook → [Convert to File] →
 * WhatsApp Cloud), each asserting that the simulator received a contract-valid request with the
 * expected content. Three bad inputs show exactly what a user sees.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { validateRequest } from '../../contract/validate';
import { GRAPH_VERSION, PHONE_NUMBER_ID, TOKENS } from '../../simulator/fixtures';
import {
	CREDENTIAL_TYPE,
	createCredential,
	deployWebhookWorkflow,
	NODE_TYPE,
	uniquePath,
	webhookTrigger,
	type CredentialRef,
	type WorkflowNode,
} from '../helpers';
import type { N8nInstance } from '../n8n';
import { defineSuite, type E2EContext } from '../runner';
import type { RecordedRequest, Simulator } from '../simulator';
import { simulatorCredentialData } from './skeleton';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	/** message types whose workflow ran in n8n and passed */
	ran: string[];
}

const TO = '+1 555 000 9999';
const REPLY_TO = 'wamid.HBgLMTU1NTAwMDk5OTkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=';
const phoneNumberId = { __rl: true, mode: 'id', value: PHONE_NUMBER_ID };

function waNode(s: State, parameters: Record<string, unknown>, name = 'WhatsApp Cloud'): WorkflowNode {
	return { name, type: NODE_TYPE, typeVersion: 1, parameters, credentials: { [CREDENTIAL_TYPE]: s.cred } };
}

function message(operation: string, parameters: Record<string, unknown>): Record<string, unknown> {
	return { resource: 'message', operation, phoneNumberId, ...parameters };
}

/** Convert to File (1.1): base64 in `body.<field>` of the webhook item → binary "data". */
function convertToFile(field: string, fileName: string, mimeType: string): WorkflowNode {
	return {
		name: 'Convert to File',
		type: 'n8n-nodes-base.convertToFile',
		typeVersion: 1.1,
		parameters: { operation: 'toBinary', sourceProperty: `body.${field}`, binaryPropertyName: 'data', options: { fileName, mimeType } },
	};
}

/** Deploys Webhook → …nodes, calls it once with `body`, returns the items of the last node. */
async function runOnce(ctx: E2EContext, s: State, name: string, nodes: WorkflowNode[], body: unknown = {}) {
	const hookPath = uniquePath('msg');
	const wf = await deployWebhookWorkflow(s.n8n, { name: `e2e messages: ${name}`, nodes: [webhookTrigger(hookPath), ...nodes] });
	try {
		const t0 = Date.now();
		const res = await wf.call({ body });
		ctx.log(`${name}: live ${wf.readyMs} ms after activation, answered ${res.status} in ${Date.now() - t0} ms`);
		return { res, wf };
	} finally {
		await wf.deactivate();
	}
}

/** Requests the simulator recorded since `before`, for the messages endpoint. */
function sentSince(sim: Simulator, before: number, pathIncludes = '/messages'): RecordedRequest[] {
	return sim.requests({ method: 'POST', pathIncludes }).slice(before);
}

function count(sim: Simulator, pathIncludes = '/messages'): number {
	return sim.requests({ method: 'POST', pathIncludes }).length;
}

function assertValid(request: RecordedRequest): any {
	assert.ok(request.contract, 'the simulator did not record a contract check');
	assert.deepEqual(
		{ checked: request.contract.checked, valid: request.contract.valid, errors: request.contract.errors },
		{ checked: true, valid: true, errors: [] },
		`contract errors: ${JSON.stringify(request.contract.errors)}`,
	);
	assert.equal(request.path, `/${GRAPH_VERSION}/${PHONE_NUMBER_ID}/messages`);
	return request.body;
}

/** One message was sent, contract-valid; its body. */
function onlyValid(s: State, before: number): any {
	const sent = sentSince(s.sim, before);
	assert.equal(sent.length, 1, `expected 1 request, got ${sent.length}`);
	return assertValid(sent[0]);
}

/**
 * CTA URL and location request messages are Cloud API types Meta's v23.0 contract does not
 * list, so the simulator flags them (400) until tools/contract is patched. Checks that only the
 * kind is flagged and the rest of the body is contract-valid; afterwards, that it succeeded.
 */
function unlistedKind(s: State, before: number, status: number): any {
	const sent = sentSince(s.sim, before);
	assert.equal(sent.length, 1);
	const { contract, body, path } = sent[0];
	assert.ok(contract?.checked);
	if (contract.valid) {
		assert.equal(status, 200);
		return body;
	}
	for (const problem of contract.errors as string[]) assert.match(problem, /^\/interactive\/(type|action)\b/);
	const swapped = structuredClone(body);
	swapped.interactive.type = 'button';
	swapped.interactive.action = { buttons: [{ type: 'reply', reply: { id: 'x', title: 'x' } }] };
	assert.deepEqual(validateRequest('POST', path, swapped).errors, []);
	return body;
}

/** The error message of the latest failed execution of a workflow (what the editor shows). */
async function failure(wf: { executions(): Promise<any[]> }): Promise<string> {
	for (let i = 0; i < 50; i++) {
		const [latest] = await wf.executions();
		const error = latest?.data?.resultData?.error;
		if (error?.message) return String(error.message);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('no failed execution recorded');
}

function done(ctx: E2EContext, s: State, type: string, t0: number): void {
	s.ran.push(`${type} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 65), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 3)]);

export const messages = defineSuite<State>({
	name: 'messages',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, messages)', simulatorCredentialData(sim.url, TOKENS.valid));
		return { n8n, sim, cred, ran: [] };
	},
	async teardown(ctx, s) {
		ctx.note(`message types run in real n8n: ${s.ran.join('; ')}`);
	},
	cases: [
		{
			name: 'media: image by public link, with caption, as a reply',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'image by link', [
					waNode(s, message('sendMedia', { to: TO, mediaType: 'image', mediaSource: 'link', mediaUrl: 'https://example.com/shop.jpg', caption: 'New shop', options: { replyTo: REPLY_TO } })),
				]);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const body = onlyValid(s, before);
				assert.deepEqual(body.image, { link: 'https://example.com/shop.jpg', caption: 'New shop' });
				assert.deepEqual(body.context, { message_id: REPLY_TO });
				assert.match(res.body[0].messageId, /^wamid\./);
				const sample = sentSince(s.sim, before)[0];
				ctx.note(`contract validation sample (image by link): ${JSON.stringify({ method: 'POST', path: sample.path, contract: sample.contract })}`);
				done(ctx, s, 'media: image by link', t0);
			},
		},
		{
			name: 'media: document by media ID with file name',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'document by id', [
					waNode(s, message('sendMedia', { to: TO, mediaType: 'document', mediaSource: 'id', mediaId: '1037543291543636', caption: 'Invoice', fileName: 'invoice.pdf' })),
				]);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				assert.deepEqual(onlyValid(s, before).document, { id: '1037543291543636', caption: 'Invoice', filename: 'invoice.pdf' });
				done(ctx, s, 'media: document by ID', t0);
			},
		},
		{
			name: 'media: document from binary (Convert to File → Send Media uploads, then sends)',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const uploadsBefore = count(s.sim, '/media');
				const { res } = await runOnce(
					ctx,
					s,
					'document from binary',
					[
						convertToFile('b64', 'report.pdf', 'application/pdf'),
						waNode(s, message('sendMedia', { to: TO, mediaType: 'document', mediaSource: 'binary', binaryPropertyName: 'data', caption: 'Monthly report' })),
					],
					{ b64: PDF.toString('base64') },
				);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const uploads = sentSince(s.sim, uploadsBefore, '/media');
				assert.equal(uploads.length, 1);
				assert.deepEqual({ checked: uploads[0].contract?.checked, valid: uploads[0].contract?.valid }, { checked: true, valid: true });
				const mediaId = res.body[0].mediaId;
				assert.match(String(mediaId), /^\d+$/);
				assert.equal(s.sim.state.media[mediaId].sha256, createHash('sha256').update(PDF).digest('hex'), 'uploaded bytes differ');
				assert.equal(s.sim.state.media[mediaId].mimeType, 'application/pdf');
				assert.deepEqual(onlyValid(s, before).document, { id: mediaId, caption: 'Monthly report', filename: 'report.pdf' });
				done(ctx, s, 'media: document from binary (uploaded)', t0);
			},
		},
		{
			name: 'media: sticker and audio by link carry no caption',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'sticker + audio', [
					waNode(s, message('sendMedia', { to: TO, mediaType: 'sticker', mediaSource: 'link', mediaUrl: 'https://example.com/s.webp' }), 'Sticker'),
					waNode(s, message('sendMedia', { to: TO, mediaType: 'audio', mediaSource: 'link', mediaUrl: 'https://example.com/a.mp3' }), 'Audio'),
				]);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const sent = sentSince(s.sim, before);
				assert.equal(sent.length, 2);
				assert.deepEqual(assertValid(sent[0]).sticker, { link: 'https://example.com/s.webp' });
				assert.deepEqual(assertValid(sent[1]).audio, { link: 'https://example.com/a.mp3' });
				done(ctx, s, 'media: sticker + audio by link', t0);
			},
		},
		{
			name: 'interactive: reply buttons with image header and footer',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'buttons', [
					waNode(
						s,
						message('sendInteractive', {
							to: TO,
							interactiveType: 'buttons',
							headerType: 'image',
							headerMediaSource: 'link',
							headerMediaUrl: 'https://example.com/banner.png',
							bodyText: 'Confirm your booking?',
							footerText: 'Reply within 24 h',
							buttons: { button: [{ title: 'Yes', id: 'yes' }, { title: 'No', id: 'no' }, { title: 'Call me', id: 'call' }] },
						}),
					),
				]);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const body = onlyValid(s, before);
				assert.equal(body.interactive.type, 'button');
				assert.deepEqual(body.interactive.header, { type: 'image', image: { link: 'https://example.com/banner.png' } });
				assert.deepEqual(body.interactive.action.buttons.map((b: any) => b.reply.id), ['yes', 'no', 'call']);
				done(ctx, s, 'interactive: reply buttons', t0);
			},
		},
		{
			name: 'interactive: list with two sections',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'list', [
					waNode(
						s,
						message('sendInteractive', {
							to: TO,
							interactiveType: 'list',
							headerType: 'text',
							headerText: 'Menu',
							bodyText: 'What would you like?',
							footerText: 'Prices include VAT',
							listButtonText: 'See menu',
							sections: {
								section: [
									{ title: 'Drinks', rows: { row: [{ id: 'tea', title: 'Tea', description: 'Green or black' }, { id: 'coffee', title: 'Coffee' }] } },
									{ title: 'Food', rows: { row: [{ id: 'cake', title: 'Cake' }] } },
								],
							},
						}),
					),
				]);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const body = onlyValid(s, before);
				assert.equal(body.interactive.type, 'list');
				assert.equal(body.interactive.action.button, 'See menu');
				assert.deepEqual(body.interactive.action.sections.map((x: any) => x.rows.length), [2, 1]);
				done(ctx, s, 'interactive: list', t0);
			},
		},
		{
			name: 'interactive: CTA URL button',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'cta_url', [
					waNode(s, message('sendInteractive', { to: TO, interactiveType: 'ctaUrl', headerType: 'text', headerText: 'Tickets', bodyText: 'Your ticket is ready', ctaDisplayText: 'Open ticket', ctaUrl: 'https://example.com/t/42' })),
				]);
				const body = unlistedKind(s, before, res.status);
				assert.deepEqual(body.interactive.action, { name: 'cta_url', parameters: { display_text: 'Open ticket', url: 'https://example.com/t/42' } });
				assert.equal(body.interactive.type, 'cta_url');
				if (res.status !== 200) ctx.note('cta_url: the simulator answered 400 because the v23.0 contract does not list interactive type cta_url (see report)');
				done(ctx, s, `interactive: CTA URL${res.status === 200 ? '' : ' (rejected by the simulator: contract gap)'}`, t0);
			},
		},
		{
			name: 'interactive: location request',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'location_request', [
					waNode(s, message('sendInteractive', { to: TO, interactiveType: 'locationRequest', bodyText: 'Where should we deliver?' })),
				]);
				const body = unlistedKind(s, before, res.status);
				assert.deepEqual(body.interactive, { type: 'location_request_message', body: { text: 'Where should we deliver?' }, action: { name: 'send_location' } });
				if (res.status !== 200) ctx.note('location_request_message: the simulator answered 400 because the v23.0 contract does not list it (see report)');
				done(ctx, s, `interactive: location request${res.status === 200 ? '' : ' (rejected by the simulator: contract gap)'}`, t0);
			},
		},
		{
			name: 'interactive: flow by ID (navigate, screen data from the webhook) and by name (draft)',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(
					ctx,
					s,
					'flow',
					[
						waNode(
							s,
							message('sendInteractive', {
								to: TO,
								interactiveType: 'flow',
								headerType: 'text',
								headerText: 'Sign up',
								bodyText: 'Tell us about you',
								flowBy: 'id',
								flowId: '1234567890123456',
								flowCta: 'Start',
								flowAction: 'navigate',
								flowScreen: 'WELCOME',
								flowData: '={{ JSON.stringify({ name: $json.body.name }) }}',
								options: { flowSession: 'order-42' },
							}),
							'Flow by ID',
						),
						waNode(s, message('sendInteractive', { to: TO, interactiveType: 'flow', bodyText: 'Test', flowBy: 'name', flowName: 'signup_v2', flowCta: 'Open', flowAction: 'data_exchange', options: { flowMode: 'draft' } }), 'Flow by name'),
					],
					{ name: 'Ana' },
				);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const sent = sentSince(s.sim, before);
				assert.equal(sent.length, 2);
				assert.deepEqual(assertValid(sent[0]).interactive.action.parameters.flow_action_payload, { screen: 'WELCOME', data: { name: 'Ana' } });
				assert.equal(assertValid(sent[0]).interactive.action.parameters.flow_token, 'order-42');
				assert.deepEqual(assertValid(sent[1]).interactive.action.parameters, { flow_message_version: '3', flow_name: 'signup_v2', flow_cta: 'Open', flow_action: 'data_exchange', mode: 'draft' });
				done(ctx, s, 'interactive: flow (by ID + by name)', t0);
			},
		},
		{
			name: 'location',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'location', [
					waNode(s, message('sendLocation', { to: TO, latitude: 51.5072, longitude: -0.1276, locationName: 'Office', address: '1 Main St, London', options: { replyTo: REPLY_TO } })),
				]);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const body = onlyValid(s, before);
				assert.deepEqual(body.location, { latitude: 51.5072, longitude: -0.1276, name: 'Office', address: '1 Main St, London' });
				done(ctx, s, 'location', t0);
			},
		},
		{
			name: 'contacts: two cards',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'contacts', [
					waNode(
						s,
						message('sendContacts', {
							to: TO,
							contacts: {
								contact: [
									{
										formattedName: 'Ana Silva',
										firstName: 'Ana',
										lastName: 'Silva',
										phones: { phone: [{ phone: '+1 555 010 0001', type: 'WORK', waId: '15550100001' }] },
										emails: { email: [{ email: 'ana@example.com', type: 'WORK' }] },
										additionalFields: { company: 'Example Inc', title: 'CTO' },
									},
									{ formattedName: 'Bo', lastName: 'Bo', phones: { phone: [{ phone: '+44 20 7946 0000' }] } },
								],
							},
						}),
					),
				]);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const body = onlyValid(s, before);
				assert.equal(body.contacts.length, 2);
				assert.deepEqual(body.contacts[0].org, { company: 'Example Inc', title: 'CTO' });
				done(ctx, s, 'contacts', t0);
			},
		},
		{
			name: 'reaction, then removing it',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'reaction', [
					waNode(s, message('sendReaction', { to: TO, reactionMessageId: REPLY_TO, emoji: '👍🏽' }), 'React'),
					waNode(s, message('sendReaction', { to: TO, reactionMessageId: REPLY_TO, emoji: '' }), 'Remove reaction'),
				]);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				const sent = sentSince(s.sim, before);
				assert.equal(sent.length, 2);
				assert.deepEqual(assertValid(sent[0]).reaction, { message_id: REPLY_TO, emoji: '👍🏽' });
				assert.deepEqual(assertValid(sent[1]).reaction, { message_id: REPLY_TO, emoji: '' });
				assert.equal(res.body[0].removed, true);
				done(ctx, s, 'reaction (+ removal)', t0);
			},
		},
		{
			name: 'mark as read with typing indicator',
			async run(ctx, s) {
				const t0 = Date.now();
				const before = count(s.sim);
				const { res } = await runOnce(ctx, s, 'mark as read', [waNode(s, message('markAsRead', { readMessageId: REPLY_TO, typingIndicator: true }))]);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				assert.deepEqual(onlyValid(s, before), { messaging_product: 'whatsapp', status: 'read', message_id: REPLY_TO, typing_indicator: { type: 'text' } });
				assert.equal(sentSince(s.sim, before)[0].contract?.schema, 'MarkMessageRequestPayload');
				assert.equal(res.body[0].success, true);
				done(ctx, s, 'mark as read + typing indicator', t0);
			},
		},
		{
			name: 'media resource: Convert to File → Upload → Get URL → Download → Delete',
			async run(ctx, s) {
				const t0 = Date.now();
				const media = (operation: string, parameters: Record<string, unknown>) => ({ resource: 'media', operation, ...parameters });
				const { res, wf } = await runOnce(
					ctx,
					s,
					'media resource',
					[
						convertToFile('b64', 'logo.png', 'image/png'),
						waNode(s, media('upload', { phoneNumberId, binaryPropertyName: 'data' }), 'Upload'),
						waNode(s, media('getUrl', { mediaId: '={{ $json.mediaId }}' }), 'Get URL'),
						waNode(s, media('download', { mediaId: '={{ $json.mediaId }}', binaryPropertyName: 'file' }), 'Download'),
						waNode(s, media('delete', { mediaId: '={{ $json.mediaId }}' }), 'Delete'),
					],
					{ b64: PNG.toString('base64') },
				);
				assert.equal(res.status, 200, JSON.stringify(res.body));
				assert.equal(res.body[0].success, true);
				const [execution] = await wf.executions();
				const runData = execution.data.resultData.runData;
				const out = (node: string) => runData[node][0].data.main[0][0];
				assert.equal(out('Upload').json.mimeType, 'image/png');
				assert.match(out('Get URL').json.url, /\/__media\//);
				assert.deepEqual(
					{ mime: out('Download').binary.file.mimeType, size: out('Download').json.fileSize, sha: out('Download').json.sha256 },
					{ mime: 'image/png', size: PNG.length, sha: createHash('sha256').update(PNG).digest('hex') },
				);
				assert.equal(out('Download').binary.file.fileName, `${out('Upload').json.mediaId}.png`);
				assert.equal(s.sim.state.media[out('Upload').json.mediaId], undefined, 'the media was not deleted');
				done(ctx, s, 'media resource: upload, get URL, download, delete', t0);
			},
		},
		{
			name: 'bad inputs: what the user sees (4 buttons, 25-character row title, national number)',
			async run(ctx, s) {
				const before = s.sim.requests().length;
				const buttons = (n: number) => ({ button: Array.from({ length: n }, (_, i) => ({ title: `Option ${i + 1}`, id: `o${i + 1}` })) });
				const cases: Array<[string, Record<string, unknown>]> = [
					['4 reply buttons', message('sendInteractive', { to: TO, interactiveType: 'buttons', bodyText: 'Pick one', buttons: buttons(4) })],
					[
						'25-character list row title',
						message('sendInteractive', {
							to: TO,
							interactiveType: 'list',
							bodyText: 'Pick one',
							listButtonText: 'Open',
							sections: { section: [{ title: 'Menu', rows: { row: [{ id: 'a', title: 'Tea' }, { id: 'b', title: 'Extra large cappuccino xx' }] } }] },
						}),
					],
					['recipient "07911 123456"', message('sendInteractive', { to: '07911 123456', interactiveType: 'buttons', bodyText: 'Pick one', buttons: buttons(2) })],
				];
				const seen: string[] = [];
				for (const [what, parameters] of cases) {
					const { res, wf } = await runOnce(ctx, s, what, [waNode(s, parameters)]);
					assert.notEqual(res.status, 200, `${what}: expected the workflow to fail`);
					const text = await failure(wf);
					ctx.log(`${what} → ${text}`);
					ctx.note(`user sees for ${what}: ${text}`);
					seen.push(text);
				}
				assert.equal(seen[0], '"Buttons" has too many entries: 4; WhatsApp allows at most 3 (item 1)');
				assert.equal(seen[1], '"Row Title" (entry 1.2) is too long: 25 characters; WhatsApp allows at most 24 (item 1)');
				assert.match(seen[2], /^"Recipient Phone Number": "07911 123456" is not a phone number WhatsApp can use: .*country code, e\.g\. \+44 7911 123456 \(item 1\)$/);
				assert.equal(s.sim.requests().length, before, 'no request may reach Meta for bad input');
			},
		},
	],
});
