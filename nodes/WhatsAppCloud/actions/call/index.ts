import { phoneNumberIdParameter } from '../parameters';
import { defineResource } from '../types';
import * as accept from './accept.operation';
import * as connect from './connect.operation';
import * as getPermissions from './getPermissions.operation';
import * as preAccept from './preAccept.operation';
import * as reject from './reject.operation';
import * as terminate from './terminate.operation';

/**
 * Calls (Meta's Calling API): what a workflow can do around a call without carrying its audio.
 * Calls arrive through the WhatsApp Cloud Trigger (event "calls"); the SDP of Pre-Accept, Accept
 * and Connect comes from a media server.
 */
export const call = defineResource({
	value: 'call',
	displayName: 'Call',
	defaultOperation: 'getPermissions',
	shared: [phoneNumberIdParameter()],
	operations: { getPermissions, connect, preAccept, accept, reject, terminate },
	options: {
		accept: {
			name: 'Accept',
			action: 'Accept a call',
			description: "Answer a user's call with your media server's SDP answer (the audio flows between the user and the media server)",
		},
		connect: {
			name: 'Connect',
			action: 'Call a user',
			description: "Call a user who allowed business calls, with your media server's SDP offer",
		},
		getPermissions: {
			name: 'Get Permissions',
			action: 'Get call permissions of a user',
			description: 'Whether the business may call the user now, and may ask them for permission',
		},
		preAccept: {
			name: 'Pre-Accept',
			action: 'Pre-accept a call',
			description: "Start connecting a user's call's media before accepting it (shortens the time to audio)",
		},
		reject: {
			name: 'Reject',
			action: 'Reject a call',
			description: "Decline a user's call that is ringing",
		},
		terminate: {
			name: 'Terminate',
			action: 'End a call',
			description: 'Hang up a call, ringing or connected',
		},
	},
});
