import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphIdSchema } from '../../validation/schemas/account';
import { defineInput } from '../../validation/validateInput';
import { graphRequest } from '../../../shared/transport/graphRequest';
import { conversationalItem, type ConversationalAutomation } from './conversational';
import { accountPhoneNumberParameter, readPhoneNumberId } from './locator';

export const description: INodeProperties[] = [];

const input = defineInput('phoneNumber.getConversationalComponents', z.object({ phoneNumberId: graphIdSchema }), [
	accountPhoneNumberParameter(),
]);

/** GET /{Phone-Number-ID}?fields=conversational_automation: welcome message, ice breakers, commands. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { phoneNumberId } = input.parse(
		this.getNode(),
		{ phoneNumberId: readPhoneNumberId.call(this, itemIndex) },
		itemIndex,
	);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: phoneNumberId,
		qs: { fields: 'conversational_automation' },
		itemIndex,
	})) as { conversational_automation?: ConversationalAutomation };
	return [{ json: conversationalItem(phoneNumberId, response.conversational_automation) }];
}
