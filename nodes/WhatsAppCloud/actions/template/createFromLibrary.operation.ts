import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { graphRequest } from '../../../shared/transport/graphRequest';
import { parsePhoneNumber } from '../../phone/phoneNumbers';
import { AUTHENTICATION_LIMITS, OTP_TYPES, PACKAGE_NAME, SIGNATURE_HASH } from '../../templates/authentication';
import { templateLanguageSchema } from '../../templates/languages';
import { templateNameSchema } from '../../templates/names';
import { LIMITS } from '../../validation/limits';
import { defineInput, type InputDefinition } from '../../validation/validateInput';
import { businessAccountIdParameter, getBusinessAccountId } from '../businessAccount/wabaId';
import { description as createDescription } from './create.operation';

/**
 * Template → Create From Library: a template from Meta's library of pre-approved templates
 * ("Template library",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-library):
 * `library_template_name`, the inputs its buttons need (`library_template_button_inputs`) and
 * the body options (`library_template_body_inputs`). Meta approves it at once.
 */

const button = (types: string[]) => ({ show: { type: types } });

export const description: INodeProperties[] = [
	businessAccountIdParameter(),
	{
		displayName: 'Template Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'delivery_update',
		description: `Your name for the new template: lowercase letters, digits and underscores, up to ${LIMITS.templateName} characters`,
	},
	{
		displayName: 'Library Template Name',
		name: 'libraryTemplateName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'delivery_update_1',
		description:
			"The template's name in Meta's template library (WhatsApp Manager → Templates → Browse template library)",
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'UTILITY',
		options: [
			{ name: 'Authentication', value: 'AUTHENTICATION' },
			{ name: 'Utility', value: 'UTILITY' },
		],
		description: 'The category of the library template',
	},
	// The same Language field as Template → Create.
	createDescription.find((property) => property.name === 'language')!,
	{
		displayName: 'Button Inputs',
		name: 'buttonInputs',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Button Input',
		description: "What the library template's buttons need, in the order of its buttons",
		options: [
			{
				name: 'button',
				displayName: 'Button',
				values: [
					{
						displayName: 'Accept Zero-Tap Terms',
						name: 'zeroTapTermsAccepted',
						type: 'boolean',
						default: false,
						description: "Whether you accept Meta's zero-tap terms (Zero-Tap only)",
						displayOptions: button(['OTP']),
					},
					{
						displayName: 'Android Package Name',
						name: 'packageName',
						type: 'string',
						default: '',
						placeholder: 'com.example.app',
						description: 'One-Tap and Zero-Tap: the app that receives the code',
						displayOptions: button(['OTP']),
					},
					{
						displayName: 'Android Signature Hash',
						name: 'signatureHash',
						type: 'string',
						default: '',
						placeholder: 'K8a/AINcGX7',
						description: "One-Tap and Zero-Tap: the app's 11-character signing key hash",
						displayOptions: button(['OTP']),
					},
					{
						displayName: 'Base URL',
						name: 'baseUrl',
						type: 'string',
						default: '',
						placeholder: 'https://www.example.com/track/{{1}}',
						displayOptions: button(['URL']),
					},
					{
						displayName: 'Code Button Type',
						name: 'otpType',
						type: 'options',
						default: 'COPY_CODE',
						options: [
							{ name: 'Copy Code', value: 'COPY_CODE' },
							{ name: 'One-Tap Autofill', value: 'ONE_TAP' },
							{ name: 'Zero-Tap', value: 'ZERO_TAP' },
						],
						displayOptions: button(['OTP']),
					},
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: '+15551234567',
						displayOptions: button(['PHONE_NUMBER']),
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'URL',
						options: [
							{ name: 'One-Time Code', value: 'OTP' },
							{ name: 'Phone Number', value: 'PHONE_NUMBER' },
							{ name: 'Quick Reply', value: 'QUICK_REPLY' },
							{ name: 'URL', value: 'URL' },
						],
					},
					{
						displayName: 'URL Suffix Example',
						name: 'urlSuffixExample',
						type: 'string',
						default: '',
						description: 'Needed when the URL ends with {{1}}: a full example URL',
						displayOptions: button(['URL']),
					},
				],
			},
		],
	},
	{
		displayName: 'Body Options',
		name: 'bodyInputs',
		type: 'collection',
		default: {},
		placeholder: 'Add Option',
		options: [
			{
				displayName: 'Add Contact Number',
				name: 'addContactNumber',
				type: 'boolean',
				default: true,
				description: 'Whether the body adds your contact number',
			},
			{
				displayName: 'Add Learn More Link',
				name: 'addLearnMoreLink',
				type: 'boolean',
				default: true,
				description: 'Whether the body adds a learn-more link',
			},
			{
				displayName: 'Add Security Recommendation',
				name: 'addSecurityRecommendation',
				type: 'boolean',
				default: true,
				description: 'Whether an authentication template adds its security recommendation',
			},
			{
				displayName: 'Add Track Package Link',
				name: 'addTrackPackageLink',
				type: 'boolean',
				default: true,
				description: 'Whether the body adds a package tracking link',
			},
			{
				displayName: 'Code Expiration (Minutes)',
				name: 'codeExpirationMinutes',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 1, maxValue: AUTHENTICATION_LIMITS.maxExpirationMinutes },
				description: 'Authentication templates: the code expires after this many minutes (1-90)',
			},
		],
	},
];

const text = z.preprocess((value) => (value === undefined || value === null ? '' : String(value).trim()), z.string());
const issue = (ctx: z.RefinementCtx, path: Array<string | number>, message: string) =>
	ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

const buttonSchema = z
	.object({
		type: z.enum(['URL', 'PHONE_NUMBER', 'QUICK_REPLY', 'OTP']),
		baseUrl: text,
		urlSuffixExample: text,
		phoneNumber: text,
		otpType: z.enum(OTP_TYPES).default('COPY_CODE'),
		packageName: text,
		signatureHash: text,
		zeroTapTermsAccepted: z.boolean().default(false),
	})
	.transform((input, ctx): IDataObject => {
		if (input.type === 'URL') {
			if (!/^https:\/\/\S+$/.test(input.baseUrl)) issue(ctx, ['baseUrl'], 'must be a full URL starting with https://');
			if (input.baseUrl.includes('{{1}}') && !input.urlSuffixExample)
				issue(ctx, ['urlSuffixExample'], 'is empty; the URL has {{1}}, give a full example URL');
			const url: IDataObject = { base_url: input.baseUrl };
			if (input.urlSuffixExample) url.url_suffix_example = input.urlSuffixExample;
			return { type: 'URL', url };
		}
		if (input.type === 'PHONE_NUMBER') {
			const check = parsePhoneNumber(input.phoneNumber);
			if (!check.possible) issue(ctx, ['phoneNumber'], `"${input.phoneNumber}" is not usable: ${check.reason}`);
			return { type: 'PHONE_NUMBER', phone_number: input.phoneNumber };
		}
		if (input.type === 'QUICK_REPLY') return { type: 'QUICK_REPLY' };
		const otp: IDataObject = { type: 'OTP', otp_type: input.otpType };
		if (input.otpType === 'COPY_CODE') return otp;
		if (!PACKAGE_NAME.test(input.packageName))
			issue(ctx, ['packageName'], `"${input.packageName}" is not an Android package name (like com.example.app)`);
		if (!SIGNATURE_HASH.test(input.signatureHash))
			issue(ctx, ['signatureHash'], 'must be the 11-character app signing key hash');
		if (input.otpType === 'ZERO_TAP') {
			if (!input.zeroTapTermsAccepted)
				issue(ctx, ['zeroTapTermsAccepted'], "must be on for zero-tap: Meta's zero-tap terms");
			otp.zero_tap_terms_accepted = true;
		}
		otp.supported_apps = [{ package_name: input.packageName, signature_hash: input.signatureHash }];
		return otp;
	});

const BODY_INPUTS = {
	addContactNumber: 'add_contact_number',
	addLearnMoreLink: 'add_learn_more_link',
	addSecurityRecommendation: 'add_security_recommendation',
	addTrackPackageLink: 'add_track_package_link',
	codeExpirationMinutes: 'code_expiration_minutes',
} as const;

const libraryInput = defineInput(
	'template.createFromLibrary',
	z.object({
		name: templateNameSchema,
		libraryTemplateName: templateNameSchema,
		category: z.enum(['UTILITY', 'AUTHENTICATION']),
		language: templateLanguageSchema,
		buttonInputs: z.array(buttonSchema),
		bodyInputs: z.object({
			addContactNumber: z.boolean().optional(),
			addLearnMoreLink: z.boolean().optional(),
			addSecurityRecommendation: z.boolean().optional(),
			addTrackPackageLink: z.boolean().optional(),
			codeExpirationMinutes: z
				.number()
				.int()
				.min(AUTHENTICATION_LIMITS.minExpirationMinutes)
				.max(AUTHENTICATION_LIMITS.maxExpirationMinutes)
				.optional(),
		}),
	}),
	description,
);

export const inputs: InputDefinition[] = [libraryInput];

/** POST /{WABA-ID}/message_templates with `library_template_name`: one item with Meta's answer. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const parameter = (name: string, fallback: unknown = '') => this.getNodeParameter(name, itemIndex, fallback);
	const input = libraryInput.parse(
		this.getNode(),
		{
			name: String(parameter('name') ?? ''),
			libraryTemplateName: String(parameter('libraryTemplateName') ?? ''),
			category: parameter('category', 'UTILITY'),
			language: String(parameter('language') ?? ''),
			buttonInputs: parameter('buttonInputs.button', []),
			bodyInputs: parameter('bodyInputs', {}),
		},
		itemIndex,
	);
	const waba = await getBusinessAccountId.call(this, itemIndex, 'there is no account to create the template in');
	const body: IDataObject = {
		name: input.name,
		category: input.category,
		language: input.language,
		library_template_name: input.libraryTemplateName,
	};
	if (input.buttonInputs.length) body.library_template_button_inputs = input.buttonInputs;
	const bodyInputs: IDataObject = {};
	for (const [key, field] of Object.entries(BODY_INPUTS)) {
		const value = input.bodyInputs[key as keyof typeof BODY_INPUTS];
		if (value !== undefined) bodyInputs[field] = value;
	}
	if (Object.keys(bodyInputs).length) body.library_template_body_inputs = bodyInputs;
	const response = (await graphRequest.call(this, {
		method: 'POST',
		path: `${waba}/message_templates`,
		body,
		itemIndex,
	})) as IDataObject;
	return [
		{
			json: { ...response, name: input.name, language: input.language, libraryTemplateName: input.libraryTemplateName },
		},
	];
}
