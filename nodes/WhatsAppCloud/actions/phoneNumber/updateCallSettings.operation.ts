import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { postForItem } from '../graphItem';
import { callingBody, callSettingsDescription, callSettingsSchema } from './callSettings';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';

export const description: INodeProperties[] = callSettingsDescription;

const input = defineInput(
	'phoneNumber.updateCallSettings',
	z.object({ phoneNumberId: graphIdSchema }).and(callSettingsSchema),
	[accountPhoneNumberParameter(), ...description],
);

export const inputs: InputDefinition[] = [input];

/**
 * POST /{Phone-Number-ID}/settings with `{ calling }`: only the settings that change (Meta keeps
 * the others; call hours are replaced as a whole). The item: Meta's `success` as `updated`, and the
 * settings sent.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const read = (name: string, fallback: unknown) => this.getNodeParameter(name, itemIndex, fallback);
	const value = input.parse(
		this.getNode(),
		{
			phoneNumberId: readPhoneNumberId.call(this, itemIndex),
			callingStatus: read('callingStatus', 'unchanged'),
			callIconVisibility: read('callIconVisibility', 'unchanged'),
			callbackPermissionStatus: read('callbackPermissionStatus', 'unchanged'),
			callHoursMode: read('callHoursMode', 'unchanged'),
			callHoursTimeZone: read('callHoursTimeZone', ''),
			weeklyHours: read('weeklyHours.hours', []),
			holidays: read('holidays.holiday', []),
		},
		itemIndex,
	);
	const calling = callingBody(value);
	return await postForItem.call(this, itemIndex, `${value.phoneNumberId}/settings`, { calling }, (response) => ({
		phoneNumberId: value.phoneNumberId,
		updated: response.success === true,
		calling,
	}));
}
