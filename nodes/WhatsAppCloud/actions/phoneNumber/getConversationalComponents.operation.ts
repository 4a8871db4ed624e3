import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { conversationalItem, type ConversationalAutomation } from './conversational';
import { phoneNumberOnlyInput } from './locator';

export const description: INodeProperties[] = [];

const readCheckedPhoneNumberId = phoneNumberOnlyInput('phoneNumber.getConversationalComponents');

export const inputs = readCheckedPhoneNumberId.inputs;

/** GET /{Phone-Number-ID}?fields=conversational_automation: welcome message, ice breakers, commands. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const phoneNumberId = readCheckedPhoneNumberId.call(this, itemIndex);
	const response = (await graphRequest.call(this, {
		method: 'GET',
		path: phoneNumberId,
		qs: { fields: 'conversational_automation' },
		itemIndex,
	})) as { conversational_automation?: ConversationalAutomation };
	return [{ json: conversationalItem(phoneNumberId, response.conversational_automation) }];
}
