/**
 * Template → Create, Define Content "Using Authentication Fields" (Meta, "Authentication
 * templates"): copy-code, one-tap and zero-tap templates go out contract-valid with Meta's fields
 * and are stored with Meta's preset text; Meta's rules are enforced before any request, each
 * error naming the field as the editor shows it. "Using JSON" gets the same rules.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { authenticationProblems } from '../../../../nodes/WhatsAppCloud/templates/authentication';
import { WABA_ID } from '../../../../tools/simulator/fixtures';
import { errorMessage, outputJson, requestLines, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

const APP = { packageName: 'com.example.shop', signatureHash: 'K8a/AINcGX7' };
const OTP = { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] };

const create = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'template',
	operation: 'create',
	name: 'login_code_v2',
	category: 'AUTHENTICATION',
	language: 'en_US',
	contentMode: 'authentication',
	...extra,
});

function sentTemplate(): { components: Array<Record<string, unknown>> } {
	const requests = sim.requests();
	expect(requestLines(requests)).toEqual([`POST /${WABA_ID}/message_templates`]);
	expect(requests[0].contract).toMatchObject({ checked: true, valid: true });
	return requests[0].body as { components: Array<Record<string, unknown>> };
}

describe('Template → Create: authentication templates', () => {
	it('copy code: security recommendation, expiration footer and the OTP button, stored with the preset text', async () => {
		const [created] = outputJson(await run(create({ codeExpirationMinutes: 5, buttonText: 'Copy code' })));
		expect(created).toMatchObject({ status: 'PENDING', category: 'AUTHENTICATION', name: 'login_code_v2' });
		expect(sentTemplate().components).toEqual([
			{ type: 'BODY', add_security_recommendation: true },
			{ type: 'FOOTER', code_expiration_minutes: 5 },
			{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
		]);
		const stored = sim.state.templates.find((t) => t.name === 'login_code_v2')!;
		expect(stored.components[0]).toMatchObject({ type: 'BODY', text: expect.stringContaining('{{1}}* is your verification code.') });
	});

	it('one-tap with two Android apps and no expiration footer', async () => {
		const second = { packageName: 'com.example.shop.beta', signatureHash: 'Zz9+Ab3/cd1' };
		outputJson(
			await run(
				create({ otpType: 'ONE_TAP', autofillText: 'Autofill', codeExpirationMinutes: 0, addSecurityRecommendation: false, androidApps: { app: [APP, second] } }),
			),
		);
		expect(sentTemplate().components).toEqual([
			{ type: 'BODY', add_security_recommendation: false },
			{
				type: 'BUTTONS',
				buttons: [
					{
						type: 'OTP',
						otp_type: 'ONE_TAP',
						autofill_text: 'Autofill',
						supported_apps: [
							{ package_name: 'com.example.shop', signature_hash: 'K8a/AINcGX7' },
							{ package_name: 'com.example.shop.beta', signature_hash: 'Zz9+Ab3/cd1' },
						],
					},
				],
			},
		]);
	});

	it('zero-tap with the terms accepted', async () => {
		outputJson(await run(create({ otpType: 'ZERO_TAP', zeroTapTermsAccepted: true, androidApps: { app: [APP] } })));
		const button = (sentTemplate().components[2] as { buttons: unknown[] }).buttons[0];
		expect(button).toEqual({
			type: 'OTP',
			otp_type: 'ZERO_TAP',
			supported_apps: [{ package_name: 'com.example.shop', signature_hash: 'K8a/AINcGX7' }],
			zero_tap_terms_accepted: true,
		});
	});

	it.each([
		[{ otpType: 'ZERO_TAP', androidApps: { app: [APP] } }, '"Accept Zero-Tap Terms": must be on'],
		[{ otpType: 'ONE_TAP' }, '"Android Apps": needs at least one app'],
		[{ otpType: 'ONE_TAP', androidApps: { app: [{ ...APP, packageName: 'shop' }] } }, '"Android Apps › Package Name" (entry 1): "shop" is not an Android package name'],
		[{ otpType: 'ONE_TAP', androidApps: { app: [APP, APP] } }, '"Android Apps › Package Name" (entry 2): "com.example.shop" is listed twice'],
		[{ otpType: 'ONE_TAP', androidApps: { app: [{ ...APP, signatureHash: 'short' }] } }, '"Android Apps › Signature Hash" (entry 1): must be the 11-character'],
		[{ otpType: 'ONE_TAP', androidApps: { app: Array.from({ length: 6 }, (_, i) => ({ ...APP, packageName: `com.example.app${i}` })) } }, '"Android Apps": has too many entries: 6'],
		[{ codeExpirationMinutes: 91 }, '"Code Expiration (Minutes)": must be a whole number of minutes from 1 to 90'],
		[{ buttonText: 'x'.repeat(26) }, '"Copy Code Button Text": is too long: 26 characters'],
		[{ category: 'UTILITY' }, '"Category": must be Authentication for one-time code templates'],
	])('refuses %j before any request', async (extra, message) => {
		expect(errorMessage(await run(create(extra as INodeParameters)))).toContain(message);
		expect(sim.requests()).toHaveLength(0);
	});

	it.each([
		[[{ type: 'HEADER', format: 'TEXT', text: 'Login' }, { type: 'BODY' }, OTP], 'Header: is not allowed in authentication templates'],
		[[{ type: 'BODY', text: 'Your code is here.' }, OTP], "Body: must have no text: authentication templates use Meta's preset text"],
		[[{ type: 'BODY' }, { type: 'FOOTER', code_expiration_minutes: 120 }, OTP], 'Footer: code_expiration_minutes must be a whole number from 1 to 90'],
		[[{ type: 'BODY' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Thanks' }] }], 'Buttons: authentication templates take only an OTP button, not QUICK_REPLY'],
		[[{ type: 'BODY' }], 'Buttons: need exactly one OTP button (Copy Code, One-Tap or Zero-Tap); found 0'],
	])('"Using JSON" %#: refused before any request, naming the part', async (components, message) => {
		const result = await run(create({ contentMode: 'json', componentsJson: JSON.stringify(components) }));
		expect(errorMessage(result)).toContain(`"Components (JSON)": ${message}`);
		expect(sim.requests()).toHaveLength(0);
	});
});

describe('authenticationProblems (the rules, field by field)', () => {
	const fields = {
		otpType: 'COPY_CODE' as const,
		buttonText: '',
		autofillText: '',
		apps: [] as Array<{ packageName: string; signatureHash: string }>,
		zeroTapTermsAccepted: false,
		addSecurityRecommendation: true,
		codeExpirationMinutes: 10,
	};
	it('copy code takes no apps; 0 minutes means no footer; 1 and 90 are the bounds', () => {
		expect(authenticationProblems({ ...fields, apps: [APP] })).toEqual([
			{ path: ['androidApps'], message: 'must be empty for a Copy Code button: only One-Tap and Zero-Tap hand the code to apps' },
		]);
		for (const minutes of [0, 1, 90]) expect(authenticationProblems({ ...fields, codeExpirationMinutes: minutes })).toEqual([]);
		for (const minutes of [-1, 91, 2.5]) expect(authenticationProblems({ ...fields, codeExpirationMinutes: minutes })).toHaveLength(1);
	});
});
