import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readCredentials } from '../../../shared/credentials';
import { graphRequest } from '../../../shared/transport/graphRequest';
import type { InputDefinition } from '../../validation/validateInput';
import { getBusinessAccountId } from './wabaId';

export const description: INodeProperties[] = [];

interface SubscribedAppEntry {
	whatsapp_business_api_data?: { id?: string; name?: string; link?: string };
	override_callback_uri?: string;
	id?: string;
	name?: string;
}

/** Nothing to check before the request. */
export const inputs: readonly InputDefinition[] = [];

/**
 * GET /{WABA-ID}/subscribed_apps. One item that says whether any app — and the credential's
 * App ID, when set — receives this WABA's webhooks, with the list of apps.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const businessAccountId = await getBusinessAccountId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: `${businessAccountId}/subscribed_apps`,
		itemIndex,
	})) as { data?: SubscribedAppEntry[] };
	const apps = (response.data ?? []).map((entry) => {
		const app = entry.whatsapp_business_api_data ?? { id: entry.id, name: entry.name };
		return {
			id: app.id ?? null,
			name: app.name ?? null,
			link: (app as { link?: string }).link ?? null,
			overrideCallbackUrl: entry.override_callback_uri ?? null,
		};
	});
	const appId = ((await readCredentials(this, itemIndex)).appId ?? '').trim();
	const json: IDataObject = {
		businessAccountId,
		subscribed: apps.length > 0,
		count: apps.length,
		apps,
		credentialAppSubscribed: appId ? apps.some((app) => app.id === appId) : null,
	};
	return [{ json }];
}
