import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SendingSession } from '../../sending/retry';
import { sendMessage } from '../../sending/sendMessage';
import { showOnlyFor } from '../displayOptions';
import { getPhoneNumberId, recipientParameter } from '../parameters';
import type { Operation } from '../types';
import { interactiveKinds, type InteractiveKind } from './interactive';

/**
 * Send Interactive, made from a registry of kinds (./interactive): the Interactive Type list,
 * each kind's parameters (shown for that kind only), and for each item: the chosen kind reads
 * its parameters, checks them against Meta's limits and builds Meta's `interactive` object.
 */
export function sendInteractiveOperation(kinds: readonly InteractiveKind[]): Operation {
	const byValue = new Map(kinds.map((kind) => [kind.value, kind]));
	const defaultKind = kinds[0].value;
	const options = kinds.map((kind) => kind.option).sort((a, b) => a.name.localeCompare(b.name));
	const typeParameter: INodeProperties = {
		displayName: 'Interactive Type',
		name: 'interactiveType',
		type: 'options',
		noDataExpression: true,
		default: defaultKind,
		options,
	};

	return {
		description: [
			recipientParameter(),
			typeParameter,
			// The kind's condition comes first: n8n stops checking a parameter's conditions at the first
			// one whose value is an expression, so the fields of the other kinds stay hidden and unchecked.
			...kinds.flatMap((kind) => showOnlyFor({ interactiveType: [kind.value] }, kind.properties)),
		],
		inputs: kinds.map((kind) => kind.input),

		async execute(this: IExecuteFunctions, itemIndex: number, sending?: SendingSession): Promise<INodeExecutionData[]> {
			const value = this.getNodeParameter('interactiveType', itemIndex) as string;
			const kind = byValue.get(value);
			if (!kind) {
				const known = options.map((option) => option.name).join(', ');
				throw new NodeOperationError(
					this.getNode(),
					`"Interactive Type" "${value}" is not one this version of the node can send; choose one of: ${known} (item ${itemIndex + 1})`,
					{ itemIndex },
				);
			}
			const input = kind.input.parse(this.getNode(), kind.read.call(this, itemIndex), itemIndex) as {
				to: string;
				replyTo?: string;
			};
			const phoneNumberId = getPhoneNumberId.call(this, itemIndex);

			const json = await sendMessage.call(
				this,
				itemIndex,
				phoneNumberId,
				{ to: input.to, type: 'interactive', content: kind.interactive(input), replyTo: input.replyTo },
				sending,
			);
			return [{ json }];
		},
	};
}

export const { description, inputs, execute } = sendInteractiveOperation(interactiveKinds);
