import { z } from 'zod';

import { LIMITS, recipientId } from '../limits';
import { optionalFreeText, replyToSchema } from './fields';

/** A coordinate typed as a number or as text ("51.5072", "51,5072"), within ±range. */
const coordinate = (range: number) =>
	z.preprocess(
		(value) => {
			if (typeof value === 'string') {
				const text = value.trim().replace(',', '.');
				return text === '' || !/^[+-]?\d+(\.\d+)?$/.test(text) ? value : Number(text);
			}
			return value;
		},
		z
			.number({ invalid_type_error: 'must be a number in decimal degrees, e.g. 51.5072' })
			.finite()
			.min(-range)
			.max(range),
	);

export const sendLocationInput = z.object({
	to: recipientId,
	latitude: coordinate(LIMITS.latitude),
	longitude: coordinate(LIMITS.longitude),
	locationName: optionalFreeText,
	address: optionalFreeText,
	replyTo: replyToSchema,
});
