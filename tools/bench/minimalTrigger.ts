/**
 * The floor of `npm run bench:trigger`: a community trigger that does nothing but hand n8n the
 * parsed body as one item. Test-only, never shipped: written at run time into a folder that n8n
 * loads through N8N_CUSTOM_EXTENSIONS (type `CUSTOM.waBenchMinimalTrigger`). n8n treats it like
 * any community trigger (every start node but its own Webhook takes an expression isolate per
 * request, webhookPhaseNeedsIsolate), so its figures are the most any community trigger can reach.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const MINIMAL_TRIGGER_TYPE = 'CUSTOM.waBenchMinimalTrigger';

const SOURCE = `'use strict';
class WaBenchMinimalTrigger {
	constructor() {
		this.description = {
			displayName: 'WA Bench Minimal Trigger',
			name: 'waBenchMinimalTrigger',
			group: ['trigger'],
			version: 1,
			description: 'bench:trigger floor: the parsed body as one item',
			defaults: { name: 'Minimal Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
			properties: [],
		};
	}
	async webhook() {
		return { workflowData: [[{ json: this.getBodyData() }]] };
	}
}
module.exports = { WaBenchMinimalTrigger };
`;

/** A fresh folder holding the trigger, for N8N_CUSTOM_EXTENSIONS; removed by the caller. */
export function writeMinimalTrigger(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wa-bench-minimal-trigger-'));
	fs.writeFileSync(path.join(dir, 'WaBenchMinimalTrigger.node.js'), SOURCE);
	return dir;
}
