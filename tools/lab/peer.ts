/**
 * Which local process holds the client end of a TCP connection to 127.0.0.1 (Linux /proc): the
 * simulator asks while a request's connection is still open, so a recorded Graph call names the
 * n8n process that made it (main, worker 1, …). Only the given processes are looked at.
 */
import fs from 'node:fs';

/** The inode of the IPv4/IPv6 socket whose local port is `clientPort` and remote port `serverPort`. */
function socketInode(clientPort: number, serverPort: number): string | undefined {
	const local = `:${clientPort.toString(16).toUpperCase().padStart(4, '0')}`;
	const remote = `:${serverPort.toString(16).toUpperCase().padStart(4, '0')}`;
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text: string;
		try {
			text = fs.readFileSync(table, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n')) {
			const cols = line.trim().split(/\s+/);
			if (cols.length < 10) continue;
			if (cols[1].endsWith(local) && cols[2].endsWith(remote) && cols[9] !== '0') return cols[9];
		}
	}
	return undefined;
}

function holds(pid: number, needle: string): boolean {
	let fds: string[];
	try {
		fds = fs.readdirSync(`/proc/${pid}/fd`);
	} catch {
		return false;
	}
	for (const fd of fds) {
		try {
			if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === needle) return true;
		} catch {
			/* closed meanwhile */
		}
	}
	return false;
}

/** The name of the process (of `processes`) whose socket is the client end of clientPort → serverPort. */
export function clientProcess(
	clientPort: number,
	serverPort: number,
	processes: Array<{ name: string; pid: number }>,
): string | undefined {
	if (process.platform !== 'linux') return undefined;
	const inode = socketInode(clientPort, serverPort);
	if (!inode) return undefined;
	const needle = `socket:[${inode}]`;
	return processes.find((p) => holds(p.pid, needle))?.name;
}
