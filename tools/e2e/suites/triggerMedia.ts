/**
 * WhatsApp Cloud Trigger's "Download Media" inside a real n8n, fed signed webhooks by the Graph API
 * simulator: a voice note and a document come out of the trigger as binary data (MIME type, file
 * name, size), a failing download keeps the event with `mediaDownloadError`, Meta's 200 does not
 * wait for the download (held, then slow media URL), and the voice-note example runs end to end.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { GRAPH_VERSION, PHONE_NUMBER_ID, TOKENS } from '../../simulator/fixtures';
import {
	INVOICE_ID,
	INVOICE_NAME,
	mediaDelivery,
	seedVoiceAndDocument,
	voiceAndDocumentDelivery,
	voiceNoteMessage,
	VOICE_NOTE_ID,
} from '../../../test/fixtures/mediaPayloads';
import { deactivateWorkflow, sleep, TRIGGER_TYPE, type WorkflowNode } from '../kit/workflows';
import { type N8nInstance } from '../../lab/n8n';
import { defineSuite } from '../runner';
import { executions, waitForExecutions, type Execution, type RunItem, type StoredBinary } from '../kit/executions';
import { deployTrigger, TRIGGER, triggerNode, type DeployedTrigger } from '../kit/trigger';
import type { Simulator } from '../../lab/simulator';
import { createCredential, CREDENTIAL_TYPE, simulatorCredentialData, type CredentialRef } from '../kit/credential';

interface State {
	n8n: N8nInstance;
	sim: Simulator;
	cred: CredentialRef;
	deployed: DeployedTrigger[];
	/** trigger with Download Media → No Op */
	main?: DeployedTrigger;
}

/** Messages only, with the given options (Download Media …). */
const mediaTrigger = (cred: CredentialRef, options: Record<string, unknown>) => triggerNode(cred, { events: ['messages'], options });

async function deploy(s: State, name: string, nodes: WorkflowNode[], connections: Record<string, unknown>): Promise<DeployedTrigger> {
	const deployed = await deployTrigger(s.n8n, { name, nodes, connections });
	s.deployed.push(deployed);
	return deployed;
}

/** Items (json + binary metadata) of a node's first run, first output. */
function nodeItems(execution: Execution, node: string): RunItem[] {
	const run = execution?.data?.resultData?.runData?.[node]?.[0];
	if (!run) throw new Error(`node "${node}" did not run in execution ${execution?.id}`);
	return run.data?.main?.[0] ?? [];
}

/** What the execution stored about a binary: the fields users see in the editor. */
function binaryShape(binary: StoredBinary | undefined): Record<string, unknown> {
	return { mimeType: binary?.mimeType, fileName: binary?.fileName, fileExtension: binary?.fileExtension, fileType: binary?.fileType };
}

/** The byte count n8n stored (2.x keeps `bytes`; 1.x only the pretty `fileSize`). */
function storedSize(binary: StoredBinary | undefined): string {
	return binary?.bytes !== undefined ? `${binary.bytes} bytes` : `fileSize ${binary?.fileSize}`;
}

async function timedPost(sim: Simulator, url: string, body: unknown): Promise<{ status: number; body: string; ms: number }> {
	const t0 = performance.now();
	const res = await sim.postWebhook(url, body);
	return { ...res, ms: Math.round(performance.now() - t0) };
}

export const triggerMedia = defineSuite<State>({
	name: 'trigger media',
	async setup(ctx) {
		const [n8n, sim] = await Promise.all([ctx.n8n(), ctx.simulator()]);
		const cred = await createCredential(n8n, 'WhatsApp (sim, trigger media)', simulatorCredentialData(sim.url));
		return { n8n, sim, cred, deployed: [] };
	},
	async teardown(_ctx, s) {
		s.sim.releaseHeld();
		for (const wf of s.deployed) await deactivateWorkflow(s.n8n, wf.workflowId).catch(() => undefined);
	},
	cases: [
		{
			name: 'Download Media: a signed voice note and document → binary with MIME type, file name and size',
			async run(ctx, s) {
				seedVoiceAndDocument(s.sim.state);
				const noOp: WorkflowNode = { name: 'Files', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
				s.main = await deploy(s, 'e2e trigger media', [mediaTrigger(s.cred, { downloadMedia: true }), noOp], {
					[TRIGGER]: { main: [[{ node: 'Files', type: 'main', index: 0 }]] },
				});
				const seen = s.sim.requests().length;
				const res = await timedPost(s.sim, s.main.url, voiceAndDocumentDelivery('e2e-media'));
				assert.equal(res.status, 200, res.body);
				assert.deepEqual(JSON.parse(res.body), { received: true, emitted: 3 });
				const [execution] = await waitForExecutions(s.n8n, s.main.workflowId, 1);
				assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error ?? {}));
				const [voice, doc, text] = nodeItems(execution, TRIGGER);
				assert.equal(voice.json.mediaId, VOICE_NOTE_ID);
				assert.equal(voice.json.mediaDownloadError, null);
				assert.deepEqual(binaryShape(voice.binary?.data), { mimeType: 'audio/ogg', fileName: `${VOICE_NOTE_ID}.ogg`, fileExtension: 'ogg', fileType: 'audio' });
				assert.equal(doc.json.mediaId, INVOICE_ID);
				assert.deepEqual(binaryShape(doc.binary?.data), { mimeType: 'application/pdf', fileName: INVOICE_NAME, fileExtension: 'pdf', fileType: 'pdf' });
				if (ctx.major === 2) {
					assert.equal(voice.binary?.data.bytes, 4096);
					assert.equal(doc.binary?.data.bytes, 1203);
				} else {
					assert.equal(voice.binary?.data.fileSize, '4.1 kB');
					assert.equal(doc.binary?.data.fileSize, '1.2 kB');
				}
				assert.equal(text.binary, undefined);
				// the next node got the files
				assert.deepEqual(
					nodeItems(execution, 'Files').map((i) => i.binary?.data?.fileName ?? null),
					[`${VOICE_NOTE_ID}.ogg`, INVOICE_NAME, null],
				);
				const graph = s.sim.requests().slice(seen).map((r) => `${r.method} ${r.path} → ${r.response.status}`).sort();
				assert.deepEqual(graph, [
					`GET /${GRAPH_VERSION}/${INVOICE_ID} → 200`,
					`GET /${GRAPH_VERSION}/${VOICE_NOTE_ID} → 200`,
					`GET /__media/${INVOICE_ID} → 200`,
					`GET /__media/${VOICE_NOTE_ID} → 200`,
				].sort());
				assert.ok(s.sim.requests().slice(seen).every((r) => r.headers.authorization === `Bearer ${TOKENS.valid}`));
				ctx.note(
					`download media: voice note → ${JSON.stringify(binaryShape(voice.binary?.data))}, ${storedSize(voice.binary?.data)}; document → ${JSON.stringify(binaryShape(doc.binary?.data))}, ${storedSize(doc.binary?.data)}; text item without binary; Meta answered in ${res.ms} ms`,
				);
			},
		},
		{
			name: 'Download Media: the media URL fails → the item comes with mediaDownloadError, the event is not lost',
			async run(ctx, s) {
				assert.ok(s.main, 'needs the first case');
				seedVoiceAndDocument(s.sim.state);
				const before = (await executions(s.n8n, s.main.workflowId)).length;
				s.sim.addFault({ pathIncludes: `/__media/${VOICE_NOTE_ID}`, status: 500 });
				const res = await s.sim.postWebhook(s.main.url, mediaDelivery([voiceNoteMessage('wamid.e2e-media.fail')]));
				assert.equal(res.status, 200, res.body);
				const execs = (await waitForExecutions(s.n8n, s.main.workflowId, before + 1)).slice(before);
				assert.equal(execs.length, 1, `${execs.length} executions`);
				assert.equal(execs[0].status, 'success');
				const [voice] = nodeItems(execs[0], TRIGGER);
				assert.equal(voice.json.messageId, 'wamid.e2e-media.fail');
				assert.equal(voice.binary, undefined);
				const failure = voice.json.mediaDownloadError as Record<string, unknown>;
				assert.equal(failure.mediaId, VOICE_NOTE_ID);
				assert.equal(failure.reason, 'graphError');
				assert.equal(failure.error, 'WhatsApp Cloud API error (code 1): An unknown error occurred');
				assert.equal(failure.httpStatus, 500);
				assert.equal(failure.code, 1);
				assert.equal(nodeItems(execs[0], 'Files').length, 1, 'the item did not reach the next node');
				ctx.note(`download failure: media URL → 500; 1 execution (success), the item kept with mediaDownloadError ${JSON.stringify(voice.json.mediaDownloadError)}`);
			},
		},
		{
			name: "Download Media: Meta's 200 does not wait for the download (held media URL, then 3 s latency)",
			timeoutMs: 120_000,
			async run(ctx, s) {
				assert.ok(s.main, 'needs the first case');
				seedVoiceAndDocument(s.sim.state);
				let total = (await executions(s.n8n, s.main.workflowId)).length;

				// Held: the media URL does not answer until released. Waiting for it would never answer Meta.
				const mediaAnswered = () => s.sim.requests({ pathIncludes: `/__media/${VOICE_NOTE_ID}` }).length;
				const answeredBefore = mediaAnswered();
				s.sim.addFault({ pathIncludes: `/__media/${VOICE_NOTE_ID}`, hold: true });
				const held = await timedPost(s.sim, s.main.url, mediaDelivery([voiceNoteMessage('wamid.e2e-media.held')]));
				assert.equal(held.status, 200, held.body);
				for (let i = 0; i < 100 && s.sim.heldCount() === 0; i++) await sleep(50);
				assert.equal(s.sim.heldCount(), 1, 'the download was not waiting in the simulator');
				// the simulator records a request once it answers it
				assert.equal(mediaAnswered(), answeredBefore, 'the media URL was answered before Meta got its 200');
				assert.equal((await executions(s.n8n, s.main.workflowId)).length, total, 'an execution exists before the download finished');
				assert.equal(s.sim.releaseHeld(), 1);
				let execs = (await waitForExecutions(s.n8n, s.main.workflowId, total + 1)).slice(total);
				total += execs.length;
				assert.equal(nodeItems(execs[0], TRIGGER)[0].binary?.data?.fileName, `${VOICE_NOTE_ID}.ogg`);

				// Slow: the media URL answers after 3 s.
				const latency = 3000;
				s.sim.addFault({ pathIncludes: `/__media/${VOICE_NOTE_ID}`, delayMs: latency });
				const postedAt = Date.now();
				const slow = await timedPost(s.sim, s.main.url, mediaDelivery([voiceNoteMessage('wamid.e2e-media.slow')]));
				assert.equal(slow.status, 200, slow.body);
				execs = (await waitForExecutions(s.n8n, s.main.workflowId, total + 1, 0)).slice(total);
				assert.equal(nodeItems(execs[0], TRIGGER)[0].binary?.data?.fileName, `${VOICE_NOTE_ID}.ogg`);
				const executionStartedAfter = Date.parse(execs[0].startedAt) - postedAt;
				ctx.log(`held: Meta answered in ${held.ms} ms while the download waited; slow: answered in ${slow.ms} ms, media URL latency ${latency} ms, execution started ${executionStartedAfter} ms after the POST`);
				ctx.note(
					`answer first: media URL held → Meta got 200 in ${held.ms} ms, no execution until the download was let go; media URL with ${latency} ms latency → Meta got 200 in ${slow.ms} ms, the execution (with the file) started ${executionStartedAfter} ms after the POST`,
				);
			},
		},
		{
			name: 'voice-note example (trigger with Download Media → transcription placeholder → reply) runs on a signed voice note',
			async run(ctx, s) {
				seedVoiceAndDocument(s.sim.state);
				const file = path.resolve(__dirname, '..', '..', '..', 'examples', 'voice-note-transcription.json');
				const example = JSON.parse(readFileSync(file, 'utf8')) as { name: string; nodes: WorkflowNode[]; connections: Record<string, unknown> };
				assert.deepEqual(example.nodes.map((n) => n.name), ['WhatsApp Cloud Trigger', 'Your Transcription Node', 'Send Text Reply', 'About this workflow']);
				const nodes = example.nodes.map((node) => {
					const copy = structuredClone(node);
					if (copy.credentials) copy.credentials = { [CREDENTIAL_TYPE]: { id: s.cred.id, name: s.cred.name } };
					if (copy.type === TRIGGER_TYPE) {
						copy.webhookId = randomUUID();
						// the simulator's WABA override belongs to no one here: nothing is subscribed
						copy.parameters = { ...copy.parameters, subscriptionMode: 'none' };
					}
					return copy;
				});
				const wf = await deploy(s, `e2e example: ${example.name}`, nodes, example.connections);
				const sentBefore = s.sim.requests({ pathIncludes: '/messages' }).length;
				const phone = { phone_number_id: PHONE_NUMBER_ID, display_phone_number: '15550100001' };
				const res = await s.sim.postWebhook(wf.url, mediaDelivery([voiceNoteMessage('wamid.e2e-example.voice')], phone));
				assert.equal(res.status, 200, res.body);
				const [execution] = await waitForExecutions(s.n8n, wf.workflowId, 1);
				assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error ?? {}));
				const [transcriptionInput] = nodeItems(execution, 'Your Transcription Node');
				assert.deepEqual(binaryShape(transcriptionInput.binary?.data), { mimeType: 'audio/ogg', fileName: `${VOICE_NOTE_ID}.ogg`, fileExtension: 'ogg', fileType: 'audio' });
				const sent = s.sim.requests({ pathIncludes: '/messages' }).slice(sentBefore);
				assert.equal(sent.length, 1, `${sent.length} /messages requests`);
				assert.ok(sent[0].contract.valid, JSON.stringify(sent[0].contract.errors));
				// the sender's wa_id from the delivery's contacts
				assert.equal(sent[0].body.to, '16505551234');
				assert.deepEqual(sent[0].body.context, { message_id: 'wamid.e2e-example.voice' });
				assert.equal(sent[0].body.text.body, "I heard: (no transcription yet: replace the Your Transcription Node placeholder)");
				ctx.note(`voice-note example (3 nodes + note, one node shorter): the placeholder received ${JSON.stringify(binaryShape(transcriptionInput.binary?.data))}; reply ${JSON.stringify(sent[0].body.text)} (contract-valid)`);
			},
		},
	],
});
