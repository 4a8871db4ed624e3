/**
 * The HTTPS proxy of `npm run bench:anchors`: n8n's built-in WhatsApp Business Cloud node has its
 * base URL fixed to https://graph.facebook.com, so n8n runs with HTTPS_PROXY pointing here and
 * every CONNECT to graph.facebook.com:443 is tunnelled to the bench's TLS front on this machine
 * (whose certificate names graph.facebook.com and is trusted through NODE_EXTRA_CA_CERTS), as
 * real traffic through a corporate proxy would be. Nothing is ever forwarded off the machine:
 * a CONNECT to any other host, and any plain request, is refused with 403 and counted.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export const META_GRAPH_HOST = 'graph.facebook.com';

export async function startMetaProxy(frontPort: number) {
	let tunnels = 0;
	const refused: string[] = [];
	// Tunnels are raw sockets the HTTP server no longer tracks: close() ends them itself.
	const open = new Set<net.Socket>();
	const server = http.createServer((req, res) => {
		refused.push(`${req.method ?? ''} ${req.url ?? ''}`);
		res.writeHead(403).end('bench proxy: plain requests are refused');
	});
	server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
		if (req.url !== `${META_GRAPH_HOST}:443`) {
			refused.push(`CONNECT ${req.url ?? ''}`);
			client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		tunnels++;
		const upstream = net.connect(frontPort, '127.0.0.1', () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		open.add(client).add(upstream);
		const close = () => {
			upstream.destroy();
			client.destroy();
			open.delete(client);
			open.delete(upstream);
		};
		for (const socket of [client, upstream]) {
			socket.on('error', close);
			socket.on('close', close);
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		tunnels: () => tunnels,
		refused: () => [...refused],
		async close() {
			for (const socket of open) socket.destroy();
			server.closeAllConnections();
			await new Promise((r) => server.close(() => r(undefined)));
		},
	};
}
