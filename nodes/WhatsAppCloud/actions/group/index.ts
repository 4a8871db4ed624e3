import { defineResource } from '../types';
import * as approveJoinRequests from './approveJoinRequests.operation';
import * as create from './create.operation';
import * as deleteGroup from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getInviteLink from './getInviteLink.operation';
import * as getJoinRequests from './getJoinRequests.operation';
import * as rejectJoinRequests from './rejectJoinRequests.operation';
import * as removeParticipants from './removeParticipants.operation';
import * as resetInviteLink from './resetInviteLink.operation';
import * as update from './update.operation';

/**
 * Meta's Groups API (Official Business Accounts; not on Coexistence or Multi-solution
 * Conversations numbers): groups people join through an invite link; the business cannot add
 * anyone. https://developers.facebook.com/documentation/business-messaging/whatsapp/groups
 */
export const group = defineResource({
	value: 'group',
	displayName: 'Group',
	defaultOperation: 'create',
	operations: {
		create,
		get,
		getAll,
		update,
		delete: deleteGroup,
		getInviteLink,
		resetInviteLink,
		getJoinRequests,
		approveJoinRequests,
		rejectJoinRequests,
		removeParticipants,
	},
	options: {
		approveJoinRequests: {
			name: 'Approve Join Requests',
			action: 'Approve join requests',
			description: 'Let people who asked to join into the group',
		},
		create: {
			name: 'Create',
			action: 'Create a group',
			description: 'Create a group; its ID and invite link arrive in the WhatsApp Cloud Trigger',
		},
		delete: { name: 'Delete', action: 'Delete a group', description: 'Delete a group and remove everyone from it' },
		get: { name: 'Get', action: 'Get a group', description: "Get a group's subject, description, settings and participants" },
		getAll: { name: 'Get Many', action: 'Get many groups', description: 'List the active groups of a business phone number' },
		getInviteLink: { name: 'Get Invite Link', action: 'Get the invite link of a group', description: "Get the link people join the group with" },
		getJoinRequests: { name: 'Get Join Requests', action: 'Get the join requests of a group', description: 'List the open requests to join a group' },
		rejectJoinRequests: { name: 'Reject Join Requests', action: 'Reject join requests', description: 'Decline requests to join the group' },
		removeParticipants: {
			name: 'Remove Participants',
			action: 'Remove participants from a group',
			description: 'Remove up to 8 participants from a group',
		},
		resetInviteLink: {
			name: 'Reset Invite Link',
			action: 'Reset the invite link of a group',
			description: 'Make a new invite link; the old one stops working',
		},
		update: { name: 'Update', action: 'Update a group', description: "Change a group's subject, description or photo" },
	},
});
