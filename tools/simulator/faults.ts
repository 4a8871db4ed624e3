/** Injected faults: Meta-shaped errors, dropped connections, slow or held answers for matching requests. */

export interface Fault {
	method?: string;
	pathIncludes?: string;
	/** How many requests it answers (default 1; Infinity allowed; over HTTP send "Infinity"). */
	times?: number;
	/** 0..1: answer each matching request with this probability (instead of times; not consumed unless times is set). */
	probability?: number;
	/**
	 * The HTTP status to answer with. Omitted (only with `delayMs` or `hold`): after the wait the
	 * request is answered as usual, e.g. a slow or held media download.
	 */
	status?: number;
	/** Wait this long before answering (latency for matching requests only). */
	delayMs?: number;
	/** Keep the request waiting until `releaseHeld()` (POST /__sim/release). */
	hold?: boolean;
	/** Graph error fields; default depends on status (e.g. 429 -> code 80007, 500 -> code 1). */
	error?: { message: string; type?: string; code: number; error_subcode?: number; error_data?: { details: string } };
	/** Sends a Retry-After header. */
	retryAfterSeconds?: number;
	/** Destroys the socket without answering. */
	dropConnection?: boolean;
}

interface ActiveFault {
	fault: Fault;
	remaining: number;
}

function parseFault(input: unknown): Fault {
	if (typeof input !== 'object' || input === null) throw new Error('a fault must be an object');
	const fields = { ...(input as Record<string, unknown>) };
	if (fields.times === 'Infinity' || fields.times === null) fields.times = Infinity;
	const fault = fields as unknown as Fault;
	const waits = fault.delayMs !== undefined || fault.hold === true;
	if (fault.delayMs !== undefined && (typeof fault.delayMs !== 'number' || !Number.isFinite(fault.delayMs) || fault.delayMs < 0)) {
		throw new Error('fault.delayMs must be a number >= 0');
	}
	if (fault.status === undefined ? !waits : typeof fault.status !== 'number' || fault.status < 100 || fault.status > 599) {
		throw new Error('fault.status must be an HTTP status (it may be left out only with delayMs or hold)');
	}
	if (fault.times !== undefined && (typeof fault.times !== 'number' || fault.times < 1)) throw new Error('fault.times must be >= 1');
	if (fault.probability !== undefined && (typeof fault.probability !== 'number' || fault.probability < 0 || fault.probability > 1)) {
		throw new Error('fault.probability must be between 0 and 1');
	}
	return fault as Fault;
}

/** The faults in force, first match wins; each is used up after `times` answers. */
export class FaultTable {
	private faults: ActiveFault[] = [];

	get size(): number {
		return this.faults.length;
	}

	add(input: Fault): void {
		const fault = parseFault(input);
		const remaining = fault.times ?? (fault.probability !== undefined ? Infinity : 1);
		this.faults.push({ fault, remaining });
	}

	clear(): void {
		this.faults = [];
	}

	/** The first fault matching the request, counted as used. */
	take(method: string, path: string): Fault | undefined {
		for (const entry of this.faults) {
			const { fault } = entry;
			if (fault.method !== undefined && fault.method.toUpperCase() !== method) continue;
			if (fault.pathIncludes !== undefined && !path.includes(fault.pathIncludes)) continue;
			if (fault.probability !== undefined && Math.random() >= fault.probability) continue;
			entry.remaining -= 1;
			if (entry.remaining <= 0) this.faults = this.faults.filter((e) => e !== entry);
			return fault;
		}
		return undefined;
	}

	/** As GET /__sim/faults lists them (an unlimited fault's remaining count as "Infinity"). */
	toJson(): unknown[] {
		return this.faults.map((f) => ({
			...f.fault,
			remaining: Number.isFinite(f.remaining) ? f.remaining : 'Infinity',
		}));
	}
}
