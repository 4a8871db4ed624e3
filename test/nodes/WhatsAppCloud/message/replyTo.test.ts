import type { z } from 'zod';

import { replyToSchema } from '../../../../nodes/WhatsAppCloud/validation/schemas';
import { allInputChecks } from '../../../fixtures/inputChecks';

const definedInputs = allInputChecks();

/** The object schemas inside a schema (through effects, unions, optionals). */
function objectShapes(
	schema: z.ZodTypeAny,
	into: Array<Record<string, z.ZodTypeAny>> = [],
): Array<Record<string, z.ZodTypeAny>> {
	const def = schema._def as { typeName?: string; [key: string]: unknown };
	if (def.typeName === 'ZodObject') into.push((schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>);
	for (const key of ['schema', 'innerType', 'in']) if (def[key]) objectShapes(def[key] as z.ZodTypeAny, into);
	if (def.options)
		for (const option of (def.options as z.ZodTypeAny[] | Map<unknown, z.ZodTypeAny>).values())
			objectShapes(option, into);
	return into;
}

describe('Reply To Message ID is read one way by every send', () => {
	const withReplyTo = definedInputs.filter((input) => objectShapes(input.schema).some((shape) => 'replyTo' in shape));

	it('every send that offers it uses the one replyTo schema', () => {
		expect(withReplyTo.map((input) => input.name).sort()).toEqual(
			expect.arrayContaining(['message.sendContacts', 'message.sendLocation', 'message.sendMedia', 'message.sendText']),
		);
		for (const input of withReplyTo) {
			for (const shape of objectShapes(input.schema)) {
				if ('replyTo' in shape)
					expect({ name: input.name, same: shape.replyTo === replyToSchema }).toEqual({ name: input.name, same: true });
			}
		}
	});

	it('blank means a normal message; a value with spaces is refused', () => {
		expect(replyToSchema.parse('   ')).toBeUndefined();
		expect(replyToSchema.parse('')).toBeUndefined();
		expect(replyToSchema.parse(undefined)).toBeUndefined();
		expect(replyToSchema.parse(' wamid.ABC ')).toBe('wamid.ABC');
		expect(replyToSchema.safeParse('wamid 1').success).toBe(false);
	});
});
