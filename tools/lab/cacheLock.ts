/**
 * One installer at a time per cache folder (install.ts): a lock file naming its pid (a dead
 * owner's lock is taken over), a folder without its marker that changed recently is waited for,
 * an older one moved aside; installs go to a temp sibling renamed into place with the marker.
 */
import fs from 'node:fs';
import path from 'node:path';

import { sleep } from './processes';

/** A cache folder counts as installed only with this file in it. */
export const MARKER = '.wa-e2e-complete';

export function log(msg: string): void {
	process.stdout.write(`[e2e:install] ${msg}\n`);
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Serialises installs of one target across processes (two test runs starting at once on a
 * cold machine). The lock is a file holding the owner's pid; a dead owner's lock is taken over.
 */
export async function withLock<T>(target: string, isDone: () => boolean, fn: () => Promise<T>, onDone: () => T): Promise<T> {
	const lock = `${target}.lock`;
	// On a fresh machine the cache folder does not exist yet.
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	let waitingSince = 0;
	for (;;) {
		if (isDone()) return onDone();
		try {
			fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
			break;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const owner = Number(fs.readFileSync(lock, 'utf8').trim());
			if (!owner || !pidAlive(owner)) {
				fs.rmSync(lock, { force: true });
				continue;
			}
			if (!waitingSince) {
				waitingSince = Date.now();
				log(`another process (pid ${owner}) is installing ${path.basename(target)}; waiting for it`);
			}
			if (Date.now() - waitingSince > 30 * 60_000) throw new Error(`timed out waiting for ${lock}`);
			await sleep(2000);
		}
	}
	try {
		if (isDone()) return onDone();
		return await fn();
	} finally {
		fs.rmSync(lock, { force: true });
	}
}

function newestMtime(dir: string): number {
	let newest = 0;
	for (const name of fs.readdirSync(dir)) {
		try {
			newest = Math.max(newest, fs.statSync(path.join(dir, name)).mtimeMs);
		} catch {
			/* vanished */
		}
	}
	return newest;
}

/**
 * A target folder that exists without the marker: either an install written straight into
 * place by hand (still running — wait while it changes) or a dead leftover (move it aside).
 */
export async function settleUnmarked(target: string, isDone: () => boolean): Promise<void> {
	if (!fs.existsSync(target) || isDone()) return;
	let announced = false;
	while (fs.existsSync(target) && !isDone() && Date.now() - newestMtime(target) < 3 * 60_000) {
		if (!announced) {
			log(`${target} looks like an install in progress (changed recently); waiting`);
			announced = true;
		}
		await sleep(5000);
	}
	if (fs.existsSync(target) && !isDone()) {
		const aside = `${target}.stale-${Date.now()}`;
		log(`${target} is incomplete; moving it to ${aside}`);
		fs.renameSync(target, aside);
		fs.rmSync(aside, { recursive: true, force: true });
	}
}

/** Removes temp folders left by killed installs of this target (their pid is gone). */
export function removeDeadTemps(target: string): void {
	const base = path.basename(target) + '.tmp-';
	for (const name of fs.readdirSync(path.dirname(target))) {
		if (!name.startsWith(base)) continue;
		const pid = Number(name.slice(base.length).split('-')[0]);
		if (pid && pidAlive(pid)) continue;
		log(`removing leftover ${name}`);
		fs.rmSync(path.join(path.dirname(target), name), { recursive: true, force: true });
	}
}

export function tempSibling(target: string): string {
	removeDeadTemps(target);
	const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
	fs.mkdirSync(tmp, { recursive: true });
	return tmp;
}

export function finish(tmp: string, target: string, info: object): void {
	fs.writeFileSync(path.join(tmp, MARKER), JSON.stringify({ ...info, at: new Date().toISOString() }) + '\n');
	fs.renameSync(tmp, target);
}
