/**
 * A small local stand-in for an OpenAI-compatible chat-completions endpoint, for e2e runs of
 * AI Agent workflows without a model: n8n's OpenAI Chat Model (`lmChatOpenAi`, with an OpenAI
 * credential whose Base URL is `standIn.url`) talks to it like to api.openai.com.
 *
 * What n8n 2.41.1 sends (read from @n8n/n8n-nodes-langchain's LmChatOpenAi + @langchain/openai):
 * - `POST {baseURL}/chat/completions` with `{ model, messages, tools: [{ type: 'function',
 *   function: { name, description, parameters } }], stream? }` (Responses API off; on 1.3 the
 *   node's "Use Responses API" must be off for a chat-completions endpoint). `stream: true` only
 *   when the trigger streams (Webhook/Chat Trigger with Response Mode "Streaming"); then the
 *   answer is server-sent events of `chat.completion.chunk`, ending with `data: [DONE]`.
 * - `GET {baseURL}/models` only from the editor's model list (the resource locator's "From List").
 *
 * Each chat request is answered by the `script` function, which sees the request body and how many
 * chat requests came before; `toolThenAnswer` is the usual script: the first turn calls a tool,
 * the turn after the tool result answers with text. Every request is recorded, so a test can see
 * whether a tool result came back and what it said (`toolResults()`).
 *
 * Listens on 127.0.0.1 on a free port; never contacts anything.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | string;
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
	[key: string]: unknown;
}

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatRequestBody {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
	[key: string]: unknown;
}

export interface StandInRequest {
	method: string;
	path: string;
	/** the bearer token n8n sent (the credential's API Key) */
	apiKey: string | undefined;
	/** parsed JSON, the raw text when it was not JSON, undefined when empty */
	body: unknown;
	at: number;
}

/** One scripted turn: call tools, or answer with text. */
export type Reply =
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown>; id?: string }> }
	| { text: string };

/** Answers the `turn`-th chat request (0-based, counted over the stand-in's life). */
export type Script = (body: ChatRequestBody, turn: number) => Reply;

export interface OpenAiStandIn {
	/** the Base URL for n8n's OpenAI credential, e.g. http://127.0.0.1:41234/v1 */
	url: string;
	/** every request received, oldest first */
	requests(): StandInRequest[];
	/** the chat-completions requests only */
	chatRequests(): Array<StandInRequest & { body: ChatRequestBody }>;
	/** tool results n8n sent back (role "tool" messages), from every chat request, deduplicated by tool_call_id */
	toolResults(): Array<{ toolCallId: string; content: string }>;
	/** replaces the script (e.g. per test case) */
	setScript(script: Script): void;
	reset(): void;
	close(): Promise<void>;
}

export const STAND_IN_MODEL = 'gpt-4o-mini';

/** Text of a message's content (string or content parts). */
export function messageText(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((p) => p.text ?? '').join('');
	return '';
}

/** The tool result messages of one request. */
export function toolMessages(body: ChatRequestBody): ChatMessage[] {
	return (body.messages ?? []).filter((m) => m.role === 'tool');
}

/**
 * The usual script: while the conversation has no tool result yet, call the tool (`pickTool` gets
 * the offered tools' names and returns the one to call, or throws to make the request fail with a
 * readable 400); once a tool result is there, answer `answer(result)`.
 */
export function toolThenAnswer(opts: {
	pickTool: (names: string[]) => string;
	arguments: Record<string, unknown>;
	answer: (toolResult: string) => string;
}): Script {
	return (body) => {
		const results = toolMessages(body);
		if (results.length > 0) return { text: opts.answer(messageText(results[results.length - 1].content)) };
		const names = (body.tools ?? []).map((t) => t.function.name);
		return { toolCalls: [{ name: opts.pickTool(names), arguments: opts.arguments }] };
	};
}

let counter = 0;

function completion(body: ChatRequestBody, reply: Reply, turn: number) {
	const created = Math.floor(Date.now() / 1000);
	const id = `chatcmpl-standin-${turn}`;
	const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
	const toolCalls =
		'toolCalls' in reply
			? reply.toolCalls.map((c) => ({
					id: c.id ?? `call_standin_${++counter}`,
					type: 'function' as const,
					function: { name: c.name, arguments: JSON.stringify(c.arguments) },
				}))
			: undefined;
	const message = toolCalls
		? { role: 'assistant', content: null, tool_calls: toolCalls }
		: { role: 'assistant', content: (reply as { text: string }).text };
	const finish = toolCalls ? 'tool_calls' : 'stop';
	const model = body.model ?? STAND_IN_MODEL;
	if (!body.stream) {
		return {
			json: {
				id,
				object: 'chat.completion',
				created,
				model,
				choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
				usage,
			},
		};
	}
	const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) => ({
		id,
		object: 'chat.completion.chunk',
		created,
		model,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
		...extra,
	});
	const chunks: unknown[] = [];
	if (toolCalls) {
		chunks.push(
			chunk(
				{
					role: 'assistant',
					content: null,
					tool_calls: toolCalls.map((c, index) => ({ index, ...c })),
				},
				null,
			),
		);
	} else {
		chunks.push(chunk({ role: 'assistant', content: message.content }, null));
	}
	chunks.push(chunk({}, finish));
	const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
	if (streamOptions?.include_usage)
		chunks.push({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
	return { sse: chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n' };
}

/** The stand-in's mutable state: the script, the request log, the chat turn count. */
interface StandInState {
	script: Script;
	log: StandInRequest[];
	turns: number;
}

/** Reads a request's body: parsed JSON, the raw text when it is not JSON, undefined when empty. */
function readBody(req: http.IncomingMessage): Promise<unknown> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			try {
				resolve(raw ? JSON.parse(raw) : undefined);
			} catch {
				resolve(raw); // recorded as text
			}
		});
	});
}

function sendJson(res: http.ServerResponse, status: number, json: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(json));
}

function sendError(res: http.ServerResponse, status: number, message: string): void {
	sendJson(res, status, { error: { message, type: 'invalid_request_error', param: null, code: null } });
}

function isChatRequestBody(body: unknown): body is ChatRequestBody {
	return !!body && typeof body === 'object' && Array.isArray((body as { messages?: unknown }).messages);
}

/** Answers one chat-completions request with the script's reply (JSON, or SSE when streaming). */
function answerChat(state: StandInState, body: unknown, res: http.ServerResponse): void {
	if (!isChatRequestBody(body)) {
		sendError(res, 400, 'stand-in: the body must be JSON with a messages array');
		return;
	}
	let reply: Reply;
	try {
		reply = state.script(body, state.turns++);
	} catch (e) {
		sendError(res, 400, `stand-in script: ${(e as Error).message}`);
		return;
	}
	const out = completion(body, reply, state.turns);
	if ('sse' in out) {
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		res.end(out.sse);
	} else {
		sendJson(res, 200, out.json);
	}
}

/** Records one request and routes it: the model list, chat completions, or a 404. */
async function handle(state: StandInState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const body = await readBody(req);
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const auth = req.headers.authorization;
	state.log.push({
		method: req.method ?? 'GET',
		path: url.pathname,
		apiKey: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
		body,
		at: Date.now(),
	});
	if (req.method === 'GET' && /\/models$/.test(url.pathname)) {
		sendJson(res, 200, {
			object: 'list',
			data: [{ id: STAND_IN_MODEL, object: 'model', created: 1_700_000_000, owned_by: 'e2e-stand-in' }],
		});
		return;
	}
	if (req.method === 'POST' && /\/chat\/completions$/.test(url.pathname)) {
		answerChat(state, body, res);
		return;
	}
	sendError(res, 404, `stand-in: no ${req.method} ${url.pathname} (only POST …/chat/completions and GET …/models)`);
}

export async function startOpenAiStandIn(script: Script = () => ({ text: 'OK' })): Promise<OpenAiStandIn> {
	const state: StandInState = { script, log: [], turns: 0 };
	const server = http.createServer((req, res) => void handle(state, req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;

	const chatRequests = () =>
		state.log.filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions')) as Array<
			StandInRequest & { body: ChatRequestBody }
		>;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests: () => [...state.log],
		chatRequests,
		toolResults: () => {
			const seen = new Map<string, string>();
			for (const r of chatRequests()) {
				for (const m of toolMessages(r.body)) seen.set(String(m.tool_call_id), messageText(m.content));
			}
			return [...seen].map(([toolCallId, content]) => ({ toolCallId, content }));
		},
		setScript: (s) => {
			state.script = s;
		},
		reset: () => {
			state.log = [];
			state.turns = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}
