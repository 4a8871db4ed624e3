import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import {
	AUTHENTICATION_LIMITS,
	OTP_TYPES,
	authenticationComponents,
	authenticationProblems,
} from '../../templates/authentication';
import type { TemplateContent } from './content';

/**
 * Template → Create, Define Content "Using Authentication Fields": a one-time code template as
 * Meta builds it (templates/authentication.ts) — the button type, the Android apps of one-tap
 * and zero-tap buttons, the security recommendation and the code's expiration.
 */

const auth = { show: { contentMode: ['authentication'] } };
const toApps = { show: { contentMode: ['authentication'], otpType: ['ONE_TAP', 'ZERO_TAP'] } };

export const authenticationFieldsDescription: INodeProperties[] = [
	{
		displayName: 'Button Type',
		name: 'otpType',
		type: 'options',
		default: 'COPY_CODE',
		options: [
			{
				name: 'Copy Code',
				value: 'COPY_CODE',
				description: 'The user copies the code and pastes it into your app or site',
			},
			{
				name: 'One-Tap Autofill',
				value: 'ONE_TAP',
				description: 'Android: a tap hands the code to your app (Copy Code elsewhere)',
			},
			{
				name: 'Zero-Tap',
				value: 'ZERO_TAP',
				description: 'Android: the code reaches your app without a tap (One-Tap, then Copy Code as fallbacks)',
			},
		],
		displayOptions: auth,
	},
	{
		displayName: 'Copy Code Button Text',
		name: 'buttonText',
		type: 'string',
		default: '',
		description: `Up to ${AUTHENTICATION_LIMITS.buttonText} characters; empty: Meta's label in the template's language`,
		displayOptions: auth,
	},
	{
		displayName: 'Autofill Button Text',
		name: 'autofillText',
		type: 'string',
		default: '',
		description: `Up to ${AUTHENTICATION_LIMITS.buttonText} characters; empty: Meta's label in the template's language`,
		displayOptions: { show: { contentMode: ['authentication'], otpType: ['ONE_TAP'] } },
	},
	{
		displayName: 'Android Apps',
		name: 'androidApps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add App',
		description: `The apps that receive the code, at most ${AUTHENTICATION_LIMITS.maxApps}`,
		displayOptions: toApps,
		options: [
			{
				name: 'app',
				displayName: 'App',
				values: [
					{
						displayName: 'Package Name',
						name: 'packageName',
						type: 'string',
						default: '',
						placeholder: 'com.example.app',
					},
					{
						displayName: 'Signature Hash',
						name: 'signatureHash',
						type: 'string',
						default: '',
						placeholder: 'K8a/AINcGX7',
						description: "Your app's 11-character signing key hash (Android SMS Retriever)",
					},
				],
			},
		],
	},
	{
		displayName: 'Accept Zero-Tap Terms',
		name: 'zeroTapTermsAccepted',
		type: 'boolean',
		default: false,
		description: "Whether you accept Meta's zero-tap terms of service; zero-tap templates need them",
		displayOptions: { show: { contentMode: ['authentication'], otpType: ['ZERO_TAP'] } },
	},
	{
		displayName: 'Add Security Recommendation',
		name: 'addSecurityRecommendation',
		type: 'boolean',
		default: true,
		description: 'Whether the message adds "For your security, do not share this code."',
		displayOptions: auth,
	},
	{
		displayName: 'Code Expiration (Minutes)',
		name: 'codeExpirationMinutes',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: AUTHENTICATION_LIMITS.maxExpirationMinutes },
		default: 10,
		description: `A footer saying the code expires in this many minutes (${AUTHENTICATION_LIMITS.minExpirationMinutes}-${AUTHENTICATION_LIMITS.maxExpirationMinutes}); 0: no footer`,
		displayOptions: auth,
	},
];

const text = z.preprocess((value) => (value === undefined || value === null ? '' : String(value)), z.string());

export const authenticationShape = {
	otpType: z.enum(OTP_TYPES),
	buttonText: text,
	autofillText: text,
	androidApps: z.array(z.object({ packageName: text, signatureHash: text })),
	zeroTapTermsAccepted: z.boolean(),
	addSecurityRecommendation: z.boolean(),
	codeExpirationMinutes: z.number(),
};

type AuthenticationValues = z.output<z.ZodObject<typeof authenticationShape>>;

/** Meta's rules for the fields (problems on the field they come from) and the components. */
export function reviewAuthentication(
	input: AuthenticationValues,
	category: string,
	ctx: z.RefinementCtx,
): TemplateContent {
	if (category !== 'AUTHENTICATION') {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['category'],
			message: 'must be Authentication for one-time code templates',
		});
	}
	const content = { ...input, apps: input.androidApps };
	for (const { path, message } of authenticationProblems(content)) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
	}
	return { components: authenticationComponents(content) as IDataObject[] };
}
