/**
 * The fronts of `npm run bench:send:n8n`: a self-signed certificate for 127.0.0.1 (openssl) and
 * an HTTP or HTTPS front that forwards to the simulator over kept-alive connections.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

/** A P-256 certificate for 127.0.0.1 (and `dnsNames`, e.g. graph.facebook.com for bench:anchors' proxy), trusted by n8n through NODE_EXTRA_CA_CERTS. */
export function selfSignedCertificate(dir: string, dnsNames: string[] = []): { key: string; cert: string; certFile: string } {
	const keyFile = path.join(dir, 'key.pem');
	const certFile = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			keyFile,
			'-out',
			certFile,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			['subjectAltName=IP:127.0.0.1', ...dnsNames.map((name) => `DNS:${name}`)].join(','),
		],
		{ stdio: 'ignore' },
	);
	return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), certFile };
}

/**
 * A front for the simulator: http(s)://127.0.0.1:<port> → the simulator, over a kept-alive pool.
 * Counts TLS handshakes and answered POSTs (so the bench knows when the sending is done without
 * asking a busy n8n). Both the HTTP and the HTTPS runs go through one, so they differ only in TLS.
 */
export async function startFront(simUrl: string, tls?: { key: string; cert: string }) {
	const pool = new Pool(simUrl, { connections: 256 });
	let handshakes = 0;
	let posts = 0;
	const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const headers = { ...req.headers };
			delete headers.host;
			delete headers.connection;
			pool
				.request({
					method: req.method as 'POST',
					path: req.url ?? '/',
					headers,
					body: chunks.length ? Buffer.concat(chunks) : undefined,
				})
				.then(async (up) => {
					const body = Buffer.from(await up.body.arrayBuffer());
					const out: Record<string, string> = {};
					for (const [k, v] of Object.entries(up.headers))
						if (typeof v === 'string' && !['connection', 'keep-alive', 'transfer-encoding'].includes(k)) out[k] = v;
					res.writeHead(up.statusCode, out).end(body);
					if (req.method === 'POST' && (req.url ?? '').includes('/messages')) posts++;
				})
				.catch((e: Error) => res.writeHead(502).end(e.message));
		});
	};
	const server = tls
		? https.createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, handler)
		: http.createServer({ keepAlive: true }, handler);
	server.on('secureConnection', () => handshakes++);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	return {
		url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
		handshakes: () => handshakes,
		posts: () => posts,
		async close() {
			server.closeAllConnections();
			await new Promise((r) => server.close(() => r(undefined)));
			await pool.close();
		},
	};
}

export type Front = Awaited<ReturnType<typeof startFront>>;
