/**
 * The trigger's webhook subscription across activation, restarts and outages.
 *
 * n8n calls `checkExists` (then `create` when it answered false) when a workflow is activated
 * or republished with a changed trigger, and — n8n 1.x only — on every start and multi-main
 * leadership change; `delete` on deactivation and before re-adding a changed trigger. What
 * the trigger set up is recorded in the node's static data (mode, app, WABA, URL) and only
 * that is undone, with the same app. Receiving never depends on Meta answering: when the Graph
 * API cannot be asked at a moment nobody watches, or about a subscription this trigger already
 * made, the check logs one warning, marks the record `needsRepair` and lets n8n go on; the
 * next check or `repairMarkedSubscription` (from a webhook) puts it right. A deactivation that
 * cannot reach Meta is kept in `pendingCleanup` and finished on the next activation.
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { readCredentials } from '../shared/credentials';
import { triggerSettings, type SubscriptionMode, type TriggerContext, type TriggerSettings } from './triggerSettings';
import { appCallbackConflict, appCallbackState, listAppSubscriptions, setAppCallback, undoAppCallback } from './appCallback';
import { describeTrouble, graphTrouble } from './graphTrouble';
import { MAX_TRIGGERS, triggerKey, triggerMemory } from './memory';
import { actingAppId, tokenAppId } from './tokenApp';
import { listSubscribedApps, overrideConflict, overrideState, setOverride, undoOverride } from './wabaOverride';
import { phoneOverrideConflict, phoneOverrideState, readPhoneWebhook, setPhoneOverride, undoPhoneOverride } from './phoneOverride';

/** What the trigger set up at Meta, kept in the node's static data to check and undo it later. */
interface SubscriptionRecord extends IDataObject {
	mode: Exclude<SubscriptionMode, 'none'>;
	/** The app the subscription belongs to (the token's app / the app-callback app). */
	appId: string | null;
	/** wabaOverride: the WABA whose override was set. */
	wabaId: string | null;
	/** phoneOverride: the phone number whose override was set. */
	phoneNumberId?: string | null;
	callbackUrl: string;
	/** wabaOverride: this app's state on the WABA before activation. */
	before: 'not-subscribed' | 'subscribed';
	/** appCallback: the subscribed fields. */
	fields?: string[];
	subscribedAt: string;
	/** Set when a check could not ask Meta; cleared by the next successful check. */
	needsRepair?: { since: string; reason: string };
}

const MAX_PENDING = 10;
/** Graph timeout for the repair attempted while a webhook waits for its answer. */
const REPAIR_TIMEOUT_MS = 5_000;
/** Triggers that tried a repair within the last minute: at most one try a minute each. */
const repairAttempts = triggerMemory<true>('repair attempts', { maxEntries: MAX_TRIGGERS, ttlMs: 60_000 });
/**
 * What checkExists just saw, for the create n8n calls right after it: one Graph call less in the
 * gap of a republish (delete → checkExists → create). Kept for a few seconds only.
 */
const justChecked = triggerMemory<{ target: string; state: Awaited<ReturnType<typeof currentState>> }>('just checked', {
	maxEntries: MAX_TRIGGERS,
	ttlMs: 5_000,
});

const targetKey = (settings: TriggerSettings) => JSON.stringify([settings.mode, settings.wabaId, settings.phoneNumberId, settings.callbackUrl, settings.fields, settings.credentials.accessToken, settings.credentials.appId]);

interface Store extends IDataObject {
	subscription?: SubscriptionRecord;
	pendingCleanup?: SubscriptionRecord[];
}

const store = (ctx: TriggerContext) => ctx.getWorkflowStaticData('node') as Store;

function label(ctx: TriggerContext): string {
	return `WhatsApp Cloud Trigger "${ctx.getNode().name}" (workflow ${ctx.getWorkflow().id ?? '?'})`;
}

function where(record: Pick<SubscriptionRecord, 'mode' | 'appId' | 'wabaId' | 'phoneNumberId' | 'callbackUrl'>): string {
	if (record.mode === 'appCallback') return `the webhook of app ${record.appId} (→ ${record.callbackUrl})`;
	const on = record.mode === 'phoneOverride' ? `phone number ${record.phoneNumberId}` : `WhatsApp Business Account ${record.wabaId}`;
	return `the override of app ${record.appId ?? '?'} on ${on} (→ ${record.callbackUrl})`;
}

/** What a mode's subscription is about, as error messages name it. */
function subject(settings: TriggerSettings): string {
	if (settings.mode === 'appCallback') return `app ${settings.credentials.appId}`;
	return settings.mode === 'phoneOverride' ? `phone number ${settings.phoneNumberId}` : `WhatsApp Business Account ${settings.wabaId}`;
}

/** Old records (version 1 before modes) have no mode: they were WABA overrides. */
function normalized(record: SubscriptionRecord): SubscriptionRecord {
	return { ...record, mode: record.mode ?? 'wabaOverride', appId: record.appId ?? null };
}

/** Whether a record describes the subscription `settings` asks for (app compared when both known). */
function sameTarget(record: SubscriptionRecord | undefined, settings: TriggerSettings, appId?: string): boolean {
	if (!record || settings.mode === 'none') return false;
	const r = normalized(record);
	if (r.mode !== settings.mode || r.callbackUrl !== settings.callbackUrl) return false;
	if (r.mode === 'wabaOverride' && r.wabaId !== settings.wabaId) return false;
	if (r.mode === 'phoneOverride' && r.phoneNumberId !== settings.phoneNumberId) return false;
	const app = appId ?? (settings.mode === 'appCallback' ? settings.credentials.appId : undefined);
	return !app || !r.appId || r.appId === app;
}

/** Graph errors get the step they failed in; the trigger's own errors already say everything. */
function withContext(error: unknown, what: string): unknown {
	if (error instanceof NodeApiError) error.message = `${what}: ${error.message}`;
	return error;
}

/** Meta's view of the subscription `settings` asks for. Throws on a URL someone else set. */
async function currentState(ctx: TriggerContext, settings: TriggerSettings, timeout?: number) {
	if (settings.mode === 'appCallback') {
		const appId = (settings.credentials.appId ?? '').trim();
		const state = appCallbackState(await listAppSubscriptions(ctx, settings.credentials, timeout), settings.callbackUrl, settings.fields);
		if (state.kind === 'elsewhere') throw appCallbackConflict(ctx, appId, state.url);
		const complete = state.kind === 'ours' && state.missing.length === 0 && state.extra.length === 0;
		return { appId, complete, extra: state.kind === 'ours' ? state.extra : [], appSubscribed: true };
	}
	const appId = await actingAppId(ctx, settings.credentials, timeout);
	if (settings.mode === 'phoneOverride') {
		const phoneNumberId = settings.phoneNumberId as string;
		const state = phoneOverrideState(await readPhoneWebhook(ctx, phoneNumberId, timeout), settings.callbackUrl);
		if (state.kind === 'elsewhere') throw phoneOverrideConflict(ctx, phoneNumberId, appId, state.url);
		return { appId, complete: state.kind === 'ours', extra: [], appSubscribed: true };
	}
	const wabaId = settings.wabaId as string;
	const state = overrideState(await listSubscribedApps(ctx, wabaId, timeout), appId, settings.callbackUrl);
	if (state.kind === 'elsewhere') throw overrideConflict(ctx, wabaId, appId, state.url);
	return { appId, complete: state.kind === 'ours', extra: [], appSubscribed: state.kind === 'ours' || state.appSubscribed };
}

function newRecord(settings: TriggerSettings, appId: string, before: SubscriptionRecord['before']): SubscriptionRecord {
	const record: SubscriptionRecord = {
		mode: settings.mode as SubscriptionRecord['mode'],
		appId,
		wabaId: settings.mode === 'wabaOverride' ? settings.wabaId : null,
		phoneNumberId: settings.mode === 'phoneOverride' ? settings.phoneNumberId : null,
		callbackUrl: settings.callbackUrl,
		before,
		subscribedAt: new Date().toISOString(),
	};
	if (settings.mode === 'appCallback') record.fields = settings.fields;
	return record;
}

/** Undoes one record with the current credential; 'other-app' when it now acts for another app. */
async function undo(ctx: TriggerContext, stored: SubscriptionRecord): Promise<'removed' | 'changed' | 'other-app'> {
	const record = normalized(stored);
	const credentials = await readCredentials(ctx);
	if (record.mode === 'appCallback') {
		if ((credentials.appId ?? '').trim() !== record.appId || !credentials.appSecret) return 'other-app';
		return await undoAppCallback(ctx, credentials, record.callbackUrl);
	}
	const tokenApp = await tokenAppId(ctx, credentials);
	if (record.appId && record.appId !== tokenApp) return 'other-app';
	if (record.mode === 'phoneOverride') return await undoPhoneOverride(ctx, record.phoneNumberId as string, record.callbackUrl);
	return await undoOverride(ctx, record.wabaId as string, record.callbackUrl, tokenApp, record.before !== 'not-subscribed');
}

function reportUndo(ctx: TriggerContext, record: SubscriptionRecord, outcome: 'removed' | 'changed' | 'other-app'): void {
	if (outcome === 'removed') ctx.logger.info(`${label(ctx)}: removed ${where(record)}`);
	else if (outcome === 'changed') ctx.logger.info(`${label(ctx)}: left ${where(record)} alone, someone changed it since`);
	else {
		ctx.logger.warn(
			`${label(ctx)}: left ${where(record)} in place: the credential now acts for another app, whose token cannot change it. Remove it with that app's token (or set the credential back and activate + deactivate once).`,
		);
	}
}

/**
 * Finishes deactivations that could not reach Meta. A pending record that is exactly what this
 * activation wants is taken over instead. Never throws: Meta still down → kept for next time.
 */
async function cleanupPending(ctx: TriggerContext, settings: TriggerSettings): Promise<void> {
	const data = store(ctx);
	const pending = data.pendingCleanup ?? [];
	if (pending.length === 0) return;
	const keep: SubscriptionRecord[] = [];
	for (const record of pending) {
		if (!data.subscription && sameTarget(record, settings)) {
			data.subscription = record;
			continue;
		}
		try {
			reportUndo(ctx, record, await undo(ctx, record));
		} catch (error) {
			if (graphTrouble(error)) keep.push(record);
			else ctx.logger.warn(`${label(ctx)}: could not remove ${where(normalized(record))}: ${(error as Error).message}. Remove it yourself.`);
		}
	}
	if (keep.length) data.pendingCleanup = keep;
	else delete data.pendingCleanup;
}

/**
 * Whether a failed check may let n8n go on: always when nobody watches (n8n start, leadership
 * change), else only for a Graph failure about the subscription this trigger already made.
 * Marks the record for repair and logs one warning.
 */
function tolerate(ctx: TriggerContext, settings: TriggerSettings, error: unknown, unattended: boolean): boolean {
	const trouble = graphTrouble(error);
	const data = store(ctx);
	const known = sameTarget(data.subscription, settings);
	if (!unattended && !(trouble && known)) return false;
	const reason = trouble ? describeTrouble(trouble, error) : (error as Error).message;
	const record = known ? (data.subscription as SubscriptionRecord) : newRecord(settings, '', 'subscribed');
	if (!record.appId) record.appId = (settings.credentials.appId ?? '').trim() || null;
	record.needsRepair = { since: record.needsRepair?.since ?? new Date().toISOString(), reason };
	data.subscription = record;
	ctx.logger.warn(
		`${label(ctx)}: could not check ${where(record)} (${reason}). Receiving goes on; the subscription is marked for repair and checked again on the next activation or webhook.`,
	);
	return true;
}

const unattended = (ctx: TriggerContext) =>
	'getActivationMode' in ctx && ['init', 'leadershipChange'].includes((ctx as IHookFunctions).getActivationMode());

/** checkExists: true when Meta already sends to this trigger as configured (or cannot be asked, see above). */
export async function checkSubscription(this: IHookFunctions): Promise<boolean> {
	const settings = await triggerSettings(this);
	const data = store(this);
	if (data.subscription && !sameTarget(data.subscription, settings)) {
		// Set up for another mode, WABA or URL (credential or node changed without a delete): undo it.
		data.pendingCleanup = [...(data.pendingCleanup ?? []), data.subscription].slice(-MAX_PENDING);
		delete data.subscription;
	}
	await cleanupPending(this, settings);
	if (settings.mode === 'none') return true;
	try {
		const state = await currentState(this, settings);
		if (!state.complete) {
			justChecked.set(triggerKey(this), { target: targetKey(settings), state }, Date.now());
			return false;
		}
		const known = sameTarget(data.subscription, settings, state.appId) ? data.subscription : undefined;
		if (known?.needsRepair) this.logger.info(`${label(this)}: ${where(known)} checked again, it is in place`);
		data.subscription = { ...(known ?? newRecord(settings, state.appId, 'subscribed')), appId: state.appId };
		delete data.subscription.needsRepair;
		return true;
	} catch (error) {
		if (tolerate(this, settings, error, unattended(this))) return true;
		throw withContext(error, `Could not check the webhook subscription of ${subject(settings)}`);
	}
}

async function subscribe(ctx: TriggerContext, settings: TriggerSettings, timeout?: number): Promise<SubscriptionRecord> {
	const memo = justChecked.get(triggerKey(ctx), Date.now());
	justChecked.delete(triggerKey(ctx));
	const state = memo?.target === targetKey(settings) ? memo.state : await currentState(ctx, settings, timeout);
	const previous = store(ctx).subscription;
	const before = previous && sameTarget(previous, settings, state.appId) ? previous.before : state.appSubscribed ? 'subscribed' : 'not-subscribed';
	if (settings.mode === 'appCallback') {
		await setAppCallback(ctx, settings.credentials, settings.callbackUrl, settings.fields, state.extra, timeout);
	} else if (settings.mode === 'phoneOverride') {
		await setPhoneOverride(ctx, settings.phoneNumberId as string, settings.callbackUrl, settings.credentials.verifyToken ?? '', timeout);
	} else {
		await setOverride(ctx, settings.wabaId as string, settings.callbackUrl, settings.credentials.verifyToken ?? '', timeout);
	}
	const record = newRecord(settings, state.appId, before);
	store(ctx).subscription = record;
	return record;
}

/** create: points Meta at this trigger (Meta first sends the verification GET to it). */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	const settings = await triggerSettings(this);
	if (settings.mode === 'none') return true;
	try {
		const record = await subscribe(this, settings);
		this.logger.info(`${label(this)}: set ${where(record)}`);
	} catch (error) {
		// Only when nobody watches: a user activating sees the error and tries again.
		if (unattended(this) && tolerate(this, settings, error, true)) return true;
		const verb = { appCallback: 'set the webhook of', phoneOverride: 'set the override of', wabaOverride: 'subscribe' }[settings.mode];
		const what = `${verb} ${subject(settings)} to`;
		throw withContext(
			error,
			`Could not ${what} ${settings.callbackUrl} (Meta sends a verification request to that URL; it must be reachable and answer with the credential's Verify Token)`,
		);
	}
	return true;
}

/** delete: undoes what this trigger set up, with the same app only; Meta down → pending for the next activation. */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const data = store(this);
	const record = data.subscription;
	if (!record) return true;
	delete data.subscription;
	try {
		reportUndo(this, normalized(record), await undo(this, record));
	} catch (error) {
		const kept: SubscriptionRecord = { ...record };
		delete kept.needsRepair;
		data.pendingCleanup = [...(data.pendingCleanup ?? []), kept].slice(-MAX_PENDING);
		const trouble = graphTrouble(error);
		this.logger.warn(
			`${label(this)}: could not remove ${where(normalized(record))} (${trouble ? describeTrouble(trouble, error) : (error as Error).message}). It is noted and removed on the next activation of this trigger; to stop Meta sending there now, remove it yourself.`,
		);
	}
	return true;
}

/**
 * For the trigger's webhook(): when the last check could not ask Meta, try again now (at most
 * once a minute per trigger, 5-second Graph timeout), re-subscribing if the subscription went
 * missing. Never throws; returns what happened.
 */
export async function repairMarkedSubscription(this: IWebhookFunctions): Promise<'none' | 'waiting' | 'repaired' | 'in-place' | 'failed'> {
	const record = store(this).subscription;
	if (!record?.needsRepair) return 'none';
	const key = triggerKey(this);
	const now = Date.now();
	if (repairAttempts.get(key, now)) return 'waiting';
	repairAttempts.set(key, true, now);
	try {
		const settings = await triggerSettings(this);
		if (settings.mode === 'none' || !sameTarget(record, settings)) return 'none';
		const state = await currentState(this, settings, REPAIR_TIMEOUT_MS);
		if (state.complete) {
			store(this).subscription = { ...record, appId: state.appId };
			delete store(this).subscription?.needsRepair;
			this.logger.info(`${label(this)}: ${where(record)} checked again, it is in place`);
			return 'in-place';
		}
		const fresh = await subscribe(this, settings, REPAIR_TIMEOUT_MS);
		this.logger.info(`${label(this)}: repaired ${where(fresh)}`);
		return 'repaired';
	} catch (error) {
		this.logger.warn(`${label(this)}: repair of ${where(normalized(record))} failed: ${(error as Error).message}`);
		return 'failed';
	}
}
