import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest, type GraphRequest } from '../../../shared/transport/graphRequest';
import { metaErrorHint } from '../../../shared/transport/metaErrors';
import { isUserId } from '../../../shared/userIds';
import { LIMITS, recipientId } from '../../validation/limits';
import { graphIdSchema, splitPhoneNumbers } from '../../validation/schemas/account';
import { defineInput } from '../../validation/validateInput';
import { accountPhoneNumberParameter, readPhoneNumberId } from '../phoneNumber/locator';
import type { Operation } from '../types';

/** The users to block or unblock. */
function usersParameter(verb: 'block' | 'unblock'): INodeProperties {
	return {
		displayName: 'Users',
		name: 'users',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+1 555 000 9999, US.13491208655302741918',
		hint: "Phone numbers with country code or user IDs (BSUIDs), e.g. the trigger's recipient field: {{ $json.recipient }}",
		description: `Phone numbers with country code, or WhatsApp user IDs (BSUIDs like US.13491208655302741918, the trigger's userId or recipient), to ${verb}: separated by commas or new lines, or a list from an expression. Up to ${LIMITS.blockUsersPerRequest} per item.`,
	};
}

interface UserResult {
	input?: string;
	wa_id?: string;
	user_id?: string;
	errors?: Array<{ message?: string; code?: number | string; error_data?: { details?: string } }>;
}

interface BlockUsersAnswer {
	block_users?: { added_users?: UserResult[]; removed_users?: UserResult[]; failed_users?: UserResult[] };
}

/** What to tell users about a per-user failure, by Meta's code. */
function userHint(verb: 'block' | 'unblock', code: number | undefined): string | null {
	if (code === 131047 && verb === 'block') {
		return 'WhatsApp only lets you block users who messaged this business phone number in the last 24 hours. Block them the next time they write.';
	}
	return (code !== undefined ? metaErrorHint(code) : undefined) ?? null;
}

/** One output item per user: its status, and for a failure Meta's reason and our hint. */
function userItems(verb: 'block' | 'unblock', phoneNumberId: string, answer: BlockUsersAnswer): IDataObject[] {
	const done = (verb === 'block' ? answer.block_users?.added_users : answer.block_users?.removed_users) ?? [];
	const status = verb === 'block' ? 'blocked' : 'unblocked';
	const ok = done.map((user) => ({
		phoneNumberId,
		user: user.input ?? null,
		waId: user.wa_id ?? null,
		userId: user.user_id ?? null,
		status,
		errorCode: null,
		error: null,
		details: null,
		hint: null,
	}));
	const failed = (answer.block_users?.failed_users ?? []).map((user) => {
		const error = user.errors?.[0];
		const code = error?.code !== undefined && /^\d+$/.test(String(error.code)) ? Number(error.code) : undefined;
		return {
			phoneNumberId,
			user: user.input ?? null,
			waId: user.wa_id ?? null,
			userId: user.user_id ?? null,
			status: 'failed',
			errorCode: code ?? null,
			error: error?.message ?? null,
			details: error?.error_data?.details ?? null,
			hint: userHint(verb, code),
		};
	});
	return [...ok, ...failed];
}

/**
 * One entry of `block_users`: a phone number goes in `user`, a BSUID or parent BSUID in `user_id`
 * (Meta, "Business-scoped user IDs" → Block Users API; with both, Meta would block `user` only).
 */
function blockEntry(user: string): IDataObject {
	return isUserId(user) ? { user_id: user } : { user };
}

/**
 * Block or Unblock (POST / DELETE /{Phone-Number-ID}/block_users): every user of the item in one
 * request, one output item per user with its status. Meta answers a partial failure with error
 * 139100 and the per-user lists: the users that worked come out as such and the failed ones with
 * the reason; the item fails only when no user of it could be blocked (or unblocked).
 */
export function blockUsersOperation(verb: 'block' | 'unblock'): Operation {
	const description: INodeProperties[] = [usersParameter(verb)];
	const input = defineInput(
		`contact.${verb}`,
		z.object({
			phoneNumberId: graphIdSchema,
			users: z.preprocess(splitPhoneNumbers, z.array(recipientId).min(1).max(LIMITS.blockUsersPerRequest)),
		}),
		[accountPhoneNumberParameter(), ...description],
	);

	return {
		description,
		inputs: [input],
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const { phoneNumberId, users } = input.parse(
				this.getNode(),
				{
					phoneNumberId: readPhoneNumberId.call(this, itemIndex),
					users: this.getNodeParameter('users', itemIndex, ''),
				},
				itemIndex,
			);
			// 139100: some users failed; the error's body still lists every user.
			const answer = await graphRequest
				.call<IExecuteFunctions, [GraphRequest], Promise<BlockUsersAnswer>>(this, {
					method: verb === 'block' ? 'POST' : 'DELETE',
					path: `${phoneNumberId}/block_users`,
					body: { messaging_product: 'whatsapp', block_users: [...new Set(users)].map(blockEntry) },
					itemIndex,
				})
				.catch(async (error: unknown) => {
					const body = (error as NodeApiError).context?.responseBody as BlockUsersAnswer | undefined;
					if (error instanceof NodeApiError && body?.block_users) return body;
					return await Promise.reject(error);
				});
			const items = userItems(verb, phoneNumberId, answer);
			if (items.length && items.every((item) => item.status === 'failed')) {
				const reasons = items.map((item) => `${item.user}: ${item.details ?? item.error} (code ${item.errorCode})`);
				throw new NodeOperationError(
					this.getNode(),
					`No user could be ${verb === 'block' ? 'blocked' : 'unblocked'}: ${reasons.join('; ')} (item ${itemIndex + 1})`,
					{
						itemIndex,
						description: [...new Set(items.map((item) => item.hint).filter(Boolean))].join('\n') || undefined,
					},
				);
			}
			return items.map((json) => ({ json }));
		},
	};
}
