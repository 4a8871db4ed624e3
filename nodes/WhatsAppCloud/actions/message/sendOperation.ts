import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { z } from 'zod';

import { sendMessage, type OutgoingMessage } from '../../sending/sendMessage';
import type { InputDefinition } from '../../validation/validateInput';
import { getPhoneNumberId } from '../parameters';
import type { Operation } from '../types';

/** What a send makes of its checked input: the message, and what its output item adds to Meta's answer. */
export interface BuiltMessage {
	message: OutgoingMessage;
	output?: IDataObject;
}

/**
 * The steps every message send takes for an item: read its parameters, check them (nothing is
 * sent when they break Meta's limits), build the message and send it from the node's phone
 * number. The operation keeps its own reading and building.
 */
export function sendOperation<S extends z.ZodTypeAny>(
	input: InputDefinition<S>,
	read: (this: IExecuteFunctions, itemIndex: number) => Record<string, unknown>,
	build: (
		this: IExecuteFunctions,
		checked: z.output<S>,
		itemIndex: number,
		phoneNumberId: string,
	) => BuiltMessage | Promise<BuiltMessage>,
): Pick<Operation, 'inputs' | 'execute'> {
	return {
		inputs: [input],
		async execute(this, itemIndex, sending) {
			const checked = input.parse(this.getNode(), read.call(this, itemIndex), itemIndex);
			const phoneNumberId = getPhoneNumberId.call(this, itemIndex);
			const { message, output } = await build.call(this, checked, itemIndex, phoneNumberId);
			const json = await sendMessage.call(this, itemIndex, phoneNumberId, message, sending);
			return [{ json: { ...json, ...output } }];
		},
	};
}
