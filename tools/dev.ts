/**
 * `npm run dev` (after `npm run build`): the Graph API simulator plus the pinned n8n with this
 * package installed from `npm pack`, ready to click through in the editor.
 *
 *   npm run dev                        n8n on http://localhost:5678, simulator on 4545
 *   npm run dev -- --port 5679         another n8n port
 *   npm run dev -- --sim-port 4546     another simulator port (WA_SIM_PORT works too)
 *   npm run dev -- --n8n 1             n8n 1.123.x on Node 20 instead of 2.41.1
 *   npm run dev -- --reset             forget the dev n8n (owner, workflows, credentials)
 *
 * Play the customer on the customer phone, the simulator's root page (tools/simulator/phone/): open
 * it, import examples/echo-bot.json, publish, write. This terminal prints one line per message the
 * business sends (`→ Sim Customer: "…"`) and keeps n8n's offline noise out (devOutput.ts).
 * Or play the customer from this terminal (tools/simulator/customerConsole.ts): `target <trigger URL>`,
 * then `say hi`, `as username` (the username customer: BSUID and username, no phone number),
 * `share`, `status read`, `group`, `new-id US.…` — `help` lists them. Other processes can do the
 * same with POST /__sim/customer.
 *
 * n8n's data lives in .dev/ (git-ignored), so the owner account, workflows and credentials
 * survive restarts. Restart `npm run dev` after changing the node: it rebuilds and reinstalls.
 * Ctrl-C stops n8n and the simulator.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_DIR, startN8n, type N8nInstance, type N8nMajor, type Owner } from './lab/n8n';
import { startSimulator, type Simulator } from './lab/simulator';
import { CUSTOMER, USERNAME_CUSTOMER } from './simulator/customer';
import { startCustomerConsole } from './simulator/customerConsole';
import { watchSentMessages } from './simulator/phone/terminal';
import { quietN8nOutput } from './devOutput';
import { APP_ID, APP_SECRET, GRAPH_VERSION, PHONE_NUMBERS, TOKENS, VERIFY_TOKEN, WABA_ID } from './simulator/fixtures';
import { createCredential, CREDENTIAL_TYPE, simulatorCredentialData } from './e2e/kit/credential';
import { onCleanup, portInUse, runCleanups, shuttingDown } from './lab/processes';

const DEV_DIR = path.join(REPO_DIR, '.dev');
const USER_FOLDER = path.join(DEV_DIR, 'n8n');
const OWNER_FILE = path.join(DEV_DIR, 'owner.json');
const DEV_ENCRYPTION_KEY = 'wa-cloud-dev-encryption-key-do-not-use-in-production';
const CREDENTIAL_NAME = 'WhatsApp Cloud (simulator)';

interface Args {
	port: number;
	simPort: number;
	major: N8nMajor;
	reset: boolean;
}

function parseArgs(argv: string[]): Args {
	const args: Args = {
		port: Number(process.env.WA_DEV_PORT ?? 5678),
		simPort: Number(process.env.WA_SIM_PORT ?? 4545),
		major: 2,
		reset: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => argv[++i] ?? '';
		if (a === '--port') args.port = Number(value());
		else if (a === '--sim-port') args.simPort = Number(value());
		else if (a === '--n8n') args.major = Number(value()) as N8nMajor;
		else if (a === '--reset') args.reset = true;
		else if (a === '--help' || a === '-h') {
			console.log('usage: npm run dev -- [--port 5678] [--sim-port 4545] [--n8n 2|1] [--reset]');
			process.exit(0);
		} else throw new Error(`unknown argument ${a}`);
	}
	if (!Number.isInteger(args.port) || args.port <= 0) throw new Error('--port must be a port number');
	if (!Number.isInteger(args.simPort) || args.simPort < 0) throw new Error('--sim-port must be a port number');
	if (args.major !== 1 && args.major !== 2) throw new Error('--n8n must be 1 or 2');
	return args;
}

/** The dev owner: created on first start, its password kept in .dev/owner.json. */
function devOwner(): { owner: Owner; created: boolean } {
	if (fs.existsSync(OWNER_FILE)) return { owner: JSON.parse(fs.readFileSync(OWNER_FILE, 'utf8')) as Owner, created: false };
	if (fs.existsSync(path.join(USER_FOLDER, '.n8n', 'database.sqlite'))) {
		throw new Error(`${OWNER_FILE} is missing but .dev/n8n has a database: run \`npm run dev -- --reset\` to start over`);
	}
	// n8n wants 8+ characters with a digit and an upper-case letter
	const owner: Owner = {
		email: 'dev@example.com',
		password: `Dev-${randomBytes(9).toString('base64url')}-7`,
		firstName: 'Dev',
		lastName: 'Owner',
	};
	fs.mkdirSync(DEV_DIR, { recursive: true });
	fs.writeFileSync(OWNER_FILE, JSON.stringify(owner, null, 2) + '\n', { mode: 0o600 });
	return { owner, created: true };
}

async function startDevSimulator(wanted: number): Promise<{ sim: Simulator; note?: string }> {
	if (wanted !== 0 && (await portInUse(wanted))) {
		const sim = await startSimulator({ port: 0 });
		return { sim, note: `port ${wanted} is busy, so the simulator took ${sim.port}` };
	}
	return { sim: await startSimulator({ port: wanted }) };
}

/** n8n with the package, data in .dev/n8n; its output shown once `output.streaming` is set. */
function startDevN8n(args: Args, owner: Owner, output: { streaming: boolean }): Promise<N8nInstance> {
	return startN8n({
		packageDir: REPO_DIR,
		major: args.major,
		port: args.port,
		userFolder: USER_FOLDER,
		publicHost: 'localhost',
		encryptionKey: DEV_ENCRYPTION_KEY,
		owner,
		trimModules: false,
		// your own N8N_* settings (e.g. N8N_LOG_LEVEL=debug) win over the defaults, except these
		extraEnv: Object.fromEntries(
			Object.entries(process.env).filter(
				(e): e is [string, string] => e[0].startsWith('N8N_') && e[1] !== undefined && !['N8N_USER_FOLDER', 'N8N_PORT', 'N8N_ENCRYPTION_KEY'].includes(e[0]),
			),
		),
		onOutput: (chunk) => {
			const kept = output.streaming ? quietN8nOutput(chunk) : '';
			if (kept) process.stdout.write(kept.replace(/^(?=.)/gm, '[n8n] '));
		},
	});
}

/** The simulator credential: created once, kept pointing at the simulator's current URL. */
async function ensureSimulatorCredential(n8n: N8nInstance, sim: Simulator): Promise<void> {
	const data = simulatorCredentialData(sim.url);
	const list = await n8n.rest<{ data: Array<{ id: string; name: string; type: string }> }>('GET', '/credentials');
	const existing = list.data.find((c) => c.name === CREDENTIAL_NAME && c.type === CREDENTIAL_TYPE);
	if (existing) {
		// keep whatever was edited in the editor; only follow the simulator if its URL changed.
		// Secrets come back redacted and n8n swaps the stored values back in on update.
		const full = await n8n.rest<{ data: { data: Record<string, unknown> } }>('GET', `/credentials/${existing.id}?includeData=true`);
		if (full.data.data.graphBaseUrl !== sim.url && String(full.data.data.graphBaseUrl ?? '').startsWith('http://127.0.0.1:')) {
			await n8n.rest('PATCH', `/credentials/${existing.id}`, {
				name: CREDENTIAL_NAME,
				type: CREDENTIAL_TYPE,
				data: { ...full.data.data, graphBaseUrl: sim.url },
			});
			console.log(`dev: "${CREDENTIAL_NAME}" now points at ${sim.url}`);
		}
	} else {
		await createCredential(n8n, CREDENTIAL_NAME, data);
	}
}

function printBanner(n8n: N8nInstance, sim: Simulator, port: number, { owner, created }: { owner: Owner; created: boolean }): void {
	const url = `http://localhost:${port}`;
	const line = '─'.repeat(72);
	console.log(`
${line}
 1. Open the customer phone:  ${sim.url}/
 2. In n8n, import examples/echo-bot.json (Workflows → Import from File); pick "${CREDENTIAL_NAME}".
 3. Publish it, then write on the phone: the reply shows there, and here as  → Sim Customer: "…"
${line}
 n8n ${n8n.install.version} with ${n8n.pkg?.name}@${n8n.pkg?.version}   →   ${url}
   login:     ${owner.email}
   password:  ${owner.password}${created ? '   (new owner; saved in .dev/owner.json)' : '   (from .dev/owner.json)'}

 Credential "${CREDENTIAL_NAME}" is ready. To make another one that talks to the
 simulator (Credentials → Add → "WhatsApp Cloud API"), paste:
   Access Token                   ${TOKENS.valid}
   WhatsApp Business Account ID   ${WABA_ID}
   App ID                         ${APP_ID}
   App Secret                     ${APP_SECRET}
   Webhook Verify Token           ${VERIFY_TOKEN}
   Graph API Version              ${GRAPH_VERSION}
   Graph API Base URL             ${sim.url}
 Phone number IDs:  ${PHONE_NUMBERS.map((p) => `${p.id} (${p.displayPhoneNumber}, ${p.verifiedName})`).join(', ')}
 Other tokens:      expired ${TOKENS.expired} · missing a scope ${TOKENS.missingScope} · invalid ${TOKENS.invalid}
 Customer phone:    ${sim.url}/   (the business's messages also print here: → Sim Customer: "…")
 Simulator admin:   ${sim.url}/__sim/requests  (also /__sim/faults, /__sim/state, /__sim/webhook, /__sim/customer)

 Customers:  phone    ${CUSTOMER.name}, +${CUSTOMER.waId}, user ID ${CUSTOMER.userId}
             username ${USERNAME_CUSTOMER.name}, @${USERNAME_CUSTOMER.username}, user ID ${USERNAME_CUSTOMER.userId} (no number in webhooks)
 Play them on the phone, or here: type  target <the trigger's webhook URL>,  then  say hello,  as username,
 share,  status read,  group,  new-id US.…  (help lists all). Send to a user ID with
 Send → Recipient = the user ID: the simulator answers like Meta (contacts [{input, user_id}]).

 To talk to the real Meta API instead, create a credential with a real System User
 token, your WABA ID and app values, and leave Graph API Base URL at its default
 https://graph.facebook.com.

 n8n data: ${USER_FOLDER}   log: ${n8n.logFile}
 Ctrl-C stops n8n and the simulator.
${line}
`);
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (args.reset && fs.existsSync(DEV_DIR)) {
		fs.rmSync(DEV_DIR, { recursive: true, force: true });
		console.log('dev: removed .dev/');
	}
	if (await portInUse(args.port)) {
		throw new Error(`port ${args.port} is in use (another n8n?). Stop it or run \`npm run dev -- --port <other>\`.`);
	}

	const { sim, note: simNote } = await startDevSimulator(args.simPort);
	onCleanup(() => sim.close());
	console.log(`dev: simulator on ${sim.url}${simNote ? ` (${simNote})` : ''}`);

	const dev = devOwner();
	console.log(`dev: starting n8n on http://localhost:${args.port} (first run installs n8n into the cache: a few minutes)`);
	const output = { streaming: false };
	const n8n = await startDevN8n(args, dev.owner, output);
	await ensureSimulatorCredential(n8n, sim);
	printBanner(n8n, sim, args.port, dev);
	output.streaming = true;
	const customerConsole = startCustomerConsole(sim);
	onCleanup(() => customerConsole.close());
	onCleanup(watchSentMessages(sim, (text) => console.log(text)));

	const exit = await n8n.exited;
	if (!shuttingDown()) {
		console.error(`dev: n8n exited (code ${exit.code}, signal ${exit.signal}); see ${n8n.logFile}`);
		await runCleanups();
		process.exit(1);
	}
}

main().catch(async (e: unknown) => {
	console.error(`dev: ${e instanceof Error ? e.message : String(e)}`);
	await runCleanups();
	process.exit(1);
});
