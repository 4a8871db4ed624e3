import { judgeDebugToken } from '../../nodes/WhatsAppCloud/methods/credentialTest';
import { resolveGraphSettings } from '../../nodes/WhatsAppCloud/transport';

const bothScopes = ['whatsapp_business_messaging', 'whatsapp_business_management', 'public_profile'];

describe('judgeDebugToken', () => {
	it('reports a valid never-expiring token with its app', () => {
		expect(judgeDebugToken({ is_valid: true, app_id: '42', application: 'My App', expires_at: 0, scopes: bothScopes })).toEqual({
			status: 'OK',
			message: 'Token valid for app "My App" (42); never expires; has whatsapp_business_messaging and whatsapp_business_management.',
		});
	});

	it('gives the expiry date of an expiring token', () => {
		const result = judgeDebugToken({ is_valid: true, app_id: '42', expires_at: 1798761600, scopes: bothScopes });
		expect(result.status).toBe('OK');
		expect(result.message).toContain('expires 2027-01-01T00:00:00Z');
	});

	it("quotes Meta's words for an expired token", () => {
		const result = judgeDebugToken({
			is_valid: false,
			expires_at: 1709316000,
			error: { code: 190, subcode: 463, message: 'Session has expired on Friday, 01-Mar-24 10:00:00 PST' },
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The access token has expired\. Meta says: "Session has expired on Friday, 01-Mar-24 10:00:00 PST"/);
	});

	it('names each missing permission', () => {
		expect(judgeDebugToken({ is_valid: true, scopes: ['whatsapp_business_messaging'] }).message).toMatch(
			/missing the permission whatsapp_business_management\./,
		);
		expect(judgeDebugToken({ is_valid: true, scopes: [] }).message).toMatch(
			/missing the permissions whatsapp_business_messaging and whatsapp_business_management/,
		);
	});

	it('flags a token whose management permission does not cover the WABA', () => {
		const result = judgeDebugToken(
			{
				is_valid: true,
				scopes: bothScopes,
				granular_scopes: [{ scope: 'whatsapp_business_management', target_ids: ['111'] }],
			},
			'222',
		);
		expect(result).toMatchObject({ status: 'Error', message: expect.stringContaining('does not cover WhatsApp Business Account 222') });
	});

	it('reports an invalid token', () => {
		expect(
			judgeDebugToken({ is_valid: false, error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' } }),
		).toMatchObject({ status: 'Error', message: expect.stringMatching(/^The access token is not valid\./) });
	});
});

describe('resolveGraphSettings', () => {
	it('defaults to Meta and v23.0', () => {
		expect(resolveGraphSettings({})).toEqual({ baseUrl: 'https://graph.facebook.com', version: 'v23.0' });
	});
	it('trims a trailing slash', () => {
		expect(resolveGraphSettings({ graphBaseUrl: 'http://127.0.0.1:4545/', apiVersion: 'v22.0' })).toEqual({
			baseUrl: 'http://127.0.0.1:4545',
			version: 'v22.0',
		});
	});
	it('explains a wrong version or URL', () => {
		expect(resolveGraphSettings({ apiVersion: '23' })).toEqual({ problem: expect.stringContaining('use the form v23.0') });
		expect(resolveGraphSettings({ graphBaseUrl: 'graph.facebook.com' })).toEqual({ problem: expect.stringContaining('not an http(s) URL') });
	});
});
