import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { LIMITS } from '../../validation/limits';
import { graphIdSchema } from '../../validation/schemas/account';
import { usernameSchema } from '../../validation/schemas/username';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';

export const description: INodeProperties[] = [
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'luckyshrub',
		description: `The business username users can search for, without @: ${LIMITS.usernameMin} to ${LIMITS.usernameMax} English letters, digits, periods and underscores, at least one letter, not starting with www nor ending like a web domain. Reserving again changes it.`,
	},
];

const input = defineInput(
	'phoneNumber.reserveUsername',
	z.object({ phoneNumberId: graphIdSchema, username: usernameSchema }),
	[accountPhoneNumberParameter(), ...description],
);

export const inputs: InputDefinition[] = [input];

/**
 * POST /{Phone-Number-ID}/username with `{ username }`: claims (or changes) the number's business
 * username. Meta answers `status` "approved" (visible) or "reserved" (visible once usernames reach
 * the users' region); a name taken elsewhere fails with 147001.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { phoneNumberId, username } = input.parse(
		this.getNode(),
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex), username: this.getNodeParameter('username', itemIndex, '') },
		itemIndex,
	);
	return await postForItem.call(this, itemIndex, `${phoneNumberId}/username`, { username }, () => ({
		phoneNumberId,
		username,
	}));
}
