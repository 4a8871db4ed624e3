/**
 * Call resource and Message → Send Call Permission Request through n8n-core against the simulator
 * (contract-checked): a permission request sent, the user's acceptance (played by the simulator)
 * turning Get Permissions from no_permission to temporary, Connect then calling the user, Pre-Accept /
 * Accept / Reject / Terminate on a user's call with the SDP passed through as given; Meta's refusals
 * (138006 without permission, 100 for a call that is over) and the checks made before any request
 * (a BSUID where Meta takes a phone number, a call ID, an SDP).
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { permissionReply, SIM_SDP_OFFER, userCalls } from '../../../../tools/simulator/callingEvents';
import { settingsOf } from '../../../../tools/simulator/callingState';
import { CUSTOMER_WA_ID, PHONE_NUMBER_ID, USERNAME_CUSTOMER_USER_ID } from '../../../../tools/simulator/fixtures';
import { byId, errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const callParams = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'call',
	operation,
	phoneNumberId: byId(PHONE_NUMBER_ID),
	...extra,
});
const enableCalling = () => {
	settingsOf(sim.state, PHONE_NUMBER_ID).status = 'ENABLED';
};

describe('Send Call Permission Request → acceptance → Get Permissions → Connect', () => {
	it('the whole path, every request valid under the contract', async () => {
		enableCalling();
		const before = outputJson(await run(callParams('getPermissions', { user: '+1 555 000 9999' })))[0];
		expect(before).toMatchObject({ user: CUSTOMER_WA_ID, permissionStatus: 'no_permission', permissionExpiresAt: null, canCall: false, canRequestPermission: true });

		const [sent] = outputJson(
			await run({ resource: 'message', operation: 'sendCallPermissionRequest', phoneNumberId: byId(PHONE_NUMBER_ID), to: CUSTOMER_WA_ID, body: 'May we call you about order 12853?' }),
		);
		expect(sent.messageId).toMatch(/^wamid\./);
		permissionReply(sim.state, { response: 'accept' });

		const after = outputJson(await run(callParams('getPermissions', { user: CUSTOMER_WA_ID })))[0];
		expect(after).toMatchObject({ permissionStatus: 'temporary', canCall: true, canRequestPermission: false });
		expect(Date.parse(String(after.permissionExpiresAt))).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);

		const [connected] = outputJson(await run(callParams('connect', { user: CUSTOMER_WA_ID, sdp: SIM_SDP_OFFER, callbackData: 'ticket-7' })));
		expect(connected).toMatchObject({ phoneNumberId: PHONE_NUMBER_ID, user: CUSTOMER_WA_ID });
		expect(connected.callId).toMatch(/^wacid\./);

		const requests = sim.requests();
		expect(requestLines(requests)).toEqual([
			`GET /${PHONE_NUMBER_ID}/call_permissions`,
			`POST /${PHONE_NUMBER_ID}/messages`,
			`GET /${PHONE_NUMBER_ID}/call_permissions`,
			`POST /${PHONE_NUMBER_ID}/calls`,
		]);
		expect(requests.every((r) => r.contract.valid)).toBe(true);
		expect(requests[0].query).toEqual({ user_wa_id: CUSTOMER_WA_ID });
		expect((requests[1].body as { interactive: unknown }).interactive).toEqual({
			type: 'call_permission_request',
			action: { name: 'call_permission_request' },
			body: { text: 'May we call you about order 12853?' },
		});
		expect(requests[3].body).toEqual({
			messaging_product: 'whatsapp',
			to: CUSTOMER_WA_ID,
			action: 'connect',
			session: { sdp_type: 'offer', sdp: SIM_SDP_OFFER },
			biz_opaque_callback_data: 'ticket-7',
		});
	});

	it('a request without text sends no body; a BSUID recipient goes in recipient', async () => {
		await run({ resource: 'message', operation: 'sendCallPermissionRequest', phoneNumberId: byId(PHONE_NUMBER_ID), to: USERNAME_CUSTOMER_USER_ID, body: ' ' });
		const [request] = sim.requests();
		expect(request.contract.valid).toBe(true);
		expect(request.body).toMatchObject({ recipient: USERNAME_CUSTOMER_USER_ID, interactive: { type: 'call_permission_request', action: { name: 'call_permission_request' } } });
		expect((request.body as { interactive: unknown }).interactive).not.toHaveProperty('body');
	});

	it("Connect without permission fails with Meta's 138006", async () => {
		enableCalling();
		expect(errorMessage(await run(callParams('connect', { user: CUSTOMER_WA_ID, sdp: SIM_SDP_OFFER })))).toMatch(/138006|permission/i);
	});
});

describe("actions on a user's call", () => {
	it('Pre-Accept and Accept pass the SDP answer through, Terminate ends the call; a second Terminate fails', async () => {
		enableCalling();
		const { callId } = userCalls(sim.state);
		const answer = 'v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111';
		expect(outputJson(await run(callParams('preAccept', { callId, sdp: answer })))).toEqual([{ success: true, phoneNumberId: PHONE_NUMBER_ID, callId, action: 'pre_accept' }]);
		expect(outputJson(await run(callParams('accept', { callId, sdp: answer, callbackData: 'agent-3' }))))
			.toEqual([{ success: true, phoneNumberId: PHONE_NUMBER_ID, callId, action: 'accept' }]);
		expect(outputJson(await run(callParams('terminate', { callId })))).toEqual([{ success: true, phoneNumberId: PHONE_NUMBER_ID, callId, action: 'terminate' }]);
		const again = await run(callParams('terminate', { callId }));
		expect(errorMessage(again)).toMatch(/code 100/);
		expect(JSON.stringify(again.error)).toMatch(/is over; terminate does not apply/);
		const bodies = sim.requests().map((r) => r.body);
		expect(bodies[0]).toEqual({ messaging_product: 'whatsapp', call_id: callId, action: 'pre_accept', session: { sdp_type: 'answer', sdp: answer } });
		expect(bodies[1]).toMatchObject({ action: 'accept', biz_opaque_callback_data: 'agent-3' });
		expect(bodies[2]).toEqual({ messaging_product: 'whatsapp', call_id: callId, action: 'terminate' });
		expect(sim.requests().slice(0, 3).every((r) => r.contract.valid)).toBe(true);
	});

	it('Reject declines a ringing call', async () => {
		enableCalling();
		const { callId } = userCalls(sim.state);
		expect(outputJson(await run(callParams('reject', { callId })))[0]).toMatchObject({ success: true, action: 'reject', callId });
		expect(sim.requests()[0].body).toEqual({ messaging_product: 'whatsapp', call_id: callId, action: 'reject' });
	});

	it.each([
		['getPermissions', { user: USERNAME_CUSTOMER_USER_ID }, `"User Phone Number": "${USERNAME_CUSTOMER_USER_ID}" is a WhatsApp user ID; Meta's Calling API takes the user's phone number (ask for it with Request Contact Info) (item 1)`],
		['reject', { callId: '12345' }, `"Call ID": must be a WhatsApp call ID like wacid.HBgLMTIx… (the trigger's callId) (item 1)`],
		['accept', { callId: 'wacid.x', sdp: '  ' }, '"SDP Answer": is empty; paste the SDP your media server made (item 1)'],
		['connect', { user: CUSTOMER_WA_ID, sdp: 'hello' }, '"SDP Offer": must be an SDP (RFC 8866) starting with v=0, as your media server writes it (item 1)'],
		['connect', { user: CUSTOMER_WA_ID, sdp: SIM_SDP_OFFER, callbackData: 'x'.repeat(513) }, '"Callback Data" is too long: 513 characters; WhatsApp allows at most 512 (item 1)'],
	])('%s %j is refused before any request', async (operation, extra, message) => {
		expect(errorMessage(await run(callParams(operation, extra)))).toBe(message);
		expect(sim.requests()).toHaveLength(0);
	});
});
