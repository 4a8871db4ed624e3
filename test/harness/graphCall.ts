/**
 * One raw HTTP request to the simulator as a Graph client sends it (bearer token, JSON body),
 * for simulator tests that check Meta's answers without the node in between.
 */
import { TOKENS } from '../../tools/simulator/fixtures';

export type GraphJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function graphCall(baseUrl: string, method: string, path: string, json?: unknown, token: string = TOKENS.valid): Promise<{ status: number; body: GraphJson }> {
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
		body: json === undefined ? undefined : JSON.stringify(json),
	});
	const text = await response.text();
	return { status: response.status, body: text ? (JSON.parse(text) as GraphJson) : {} };
}
