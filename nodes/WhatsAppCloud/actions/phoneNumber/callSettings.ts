import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

/**
 * The calling settings of a business number, as Phone Number → Update Call Settings edits them
 * (Meta, "Configure call settings",
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/call-settings):
 * calling on or off, the call button shown or hidden, whether a user who calls grants call
 * permission (callback permission), and call hours (time zone, weekly hours, holidays; Meta
 * replaces the whole call_hours object, so they are set together). A choice left at "Unchanged"
 * is not sent and keeps its value at Meta.
 */

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
const title = (day: string) => day.charAt(0) + day.slice(1).toLowerCase();

const onOff = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	default: 'unchanged',
	description,
	options: [
		{ name: 'Unchanged', value: 'unchanged' },
		{ name: 'Enabled', value: 'ENABLED' },
		{ name: 'Disabled', value: 'DISABLED' },
	],
});

const timeField = (name: string, displayName: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description: '24-hour time in the call hours time zone, HH:MM',
});

export const callSettingsDescription: INodeProperties[] = [
	onOff('callingStatus', 'Calling', 'Whether WhatsApp users can call the number and the business can call users who allowed it. Meta requires a messaging limit of at least 2,000 business-initiated conversations per 24 hours.'),
	{
		displayName: 'Call Button',
		name: 'callIconVisibility',
		type: 'options',
		default: 'unchanged',
		description: 'Whether WhatsApp shows the call button in the chat with the business (users can still call back from a call permission)',
		options: [
			{ name: 'Unchanged', value: 'unchanged' },
			{ name: 'Shown', value: 'DEFAULT' },
			{ name: 'Hidden', value: 'DISABLE_ALL' },
		],
	},
	onOff('callbackPermissionStatus', 'Callback Permission', 'Whether a user who calls the business gives it permission to call them back (for 7 days)'),
	{
		displayName: 'Call Hours',
		name: 'callHoursMode',
		type: 'options',
		default: 'unchanged',
		description: 'When users can call: outside these hours WhatsApp offers them to request a callback instead',
		options: [
			{ name: 'Unchanged', value: 'unchanged' },
			{ name: 'Set', value: 'set', description: 'Replace the call hours with the ones below' },
			{ name: 'Off (Calls Any Time)', value: 'off' },
		],
	},
	{
		displayName: 'Time Zone',
		name: 'callHoursTimeZone',
		type: 'string',
		default: '',
		placeholder: 'Europe/Berlin',
		description: 'IANA time zone of the hours below',
		displayOptions: { show: { callHoursMode: ['set'] } },
	},
	{
		displayName: 'Weekly Hours',
		name: 'weeklyHours',
		type: 'fixedCollection',
		placeholder: 'Add Opening Hours',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'When calls are taken, per day of the week; a day not listed takes no calls',
		displayOptions: { show: { callHoursMode: ['set'] } },
		options: [
			{
				name: 'hours',
				displayName: 'Opening Hours',
				values: [
					{
						displayName: 'Day',
						name: 'day',
						type: 'options',
						default: 'MONDAY',
						options: DAYS.map((day) => ({ name: title(day), value: day })),
					},
					timeField('open', 'Opens At', '09:00'),
					timeField('close', 'Closes At', '17:00'),
				],
			},
		],
	},
	{
		displayName: 'Holidays',
		name: 'holidays',
		type: 'fixedCollection',
		placeholder: 'Add Holiday',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Dates with no calls in the given hours (all day: 00:00 to 23:59)',
		displayOptions: { show: { callHoursMode: ['set'] } },
		options: [
			{
				name: 'holiday',
				displayName: 'Holiday',
				values: [
					{ displayName: 'Date', name: 'date', type: 'string', default: '', placeholder: '2026-12-25', description: 'YYYY-MM-DD' },
					timeField('start', 'From', '00:00'),
					timeField('end', 'Until', '23:59'),
				],
			},
		],
	},
];

/** "9:00", "09:00" or "0900" → Meta's "0900". */
const hhmm = z
	.string()
	.trim()
	.transform((value) => value.replace(':', '').padStart(4, '0'))
	.refine((value) => /^([01][0-9]|2[0-3])[0-5][0-9]$/.test(value), 'must be a 24-hour time like 09:00');

function knownTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

const change = <T extends [string, ...string[]]>(values: T) => z.enum(['unchanged', ...values]);

export const callSettingsSchema = z
	.object({
		callingStatus: change(['ENABLED', 'DISABLED']),
		callIconVisibility: change(['DEFAULT', 'DISABLE_ALL']),
		callbackPermissionStatus: change(['ENABLED', 'DISABLED']),
		callHoursMode: z.enum(['unchanged', 'set', 'off']),
		callHoursTimeZone: z.string().trim(),
		weeklyHours: z.array(z.object({ day: z.enum(DAYS), open: hhmm, close: hhmm })),
		holidays: z.array(
			z.object({
				date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-25'),
				start: hhmm,
				end: hhmm,
			}),
		),
	})
	.superRefine((value, ctx) => {
		if (value.callHoursMode === 'set' && !knownTimeZone(value.callHoursTimeZone)) {
			const message = value.callHoursTimeZone ? `"${value.callHoursTimeZone}" is no IANA time zone (like Europe/Berlin)` : 'is required when Call Hours is Set';
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['callHoursTimeZone'], message });
		}
		if (value.callHoursMode === 'set' && value.weeklyHours.length === 0) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['weeklyHours'], message: 'needs at least one day when Call Hours is Set' });
		}
		value.weeklyHours.forEach((hours, i) => {
			if (hours.close <= hours.open) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['weeklyHours', i, 'close'], message: 'must be later than Opens At' });
		});
		value.holidays.forEach((holiday, i) => {
			if (holiday.end <= holiday.start) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['holidays', i, 'end'], message: 'must be later than From' });
		});
		const changes = [value.callingStatus, value.callIconVisibility, value.callbackPermissionStatus, value.callHoursMode];
		if (changes.every((c) => c === 'unchanged')) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['callingStatus'], message: 'nothing to update: change Calling, Call Button, Callback Permission or Call Hours' });
		}
	});

/** Meta's `calling` object for the checked settings: only what changes. */
export function callingBody(value: z.output<typeof callSettingsSchema>): IDataObject {
	const calling: IDataObject = {};
	if (value.callingStatus !== 'unchanged') calling.status = value.callingStatus;
	if (value.callIconVisibility !== 'unchanged') calling.call_icon_visibility = value.callIconVisibility;
	if (value.callbackPermissionStatus !== 'unchanged') calling.callback_permission_status = value.callbackPermissionStatus;
	if (value.callHoursMode === 'off') calling.call_hours = { status: 'DISABLED' };
	if (value.callHoursMode === 'set') {
		calling.call_hours = {
			status: 'ENABLED',
			timezone_id: value.callHoursTimeZone,
			weekly_operating_hours: value.weeklyHours.map((h) => ({ day_of_week: h.day, open_time: h.open, close_time: h.close })),
			holiday_schedule: value.holidays.map((h) => ({ date: h.date, start_time: h.start, end_time: h.end })),
		};
	}
	return calling;
}

/** The item Get Call Settings outputs: Meta's calling settings, flat, with the number's ID. */
export function callSettingsItem(phoneNumberId: string, calling: IDataObject | undefined): IDataObject {
	const settings = calling ?? {};
	return {
		phoneNumberId,
		callingEnabled: settings.status === 'ENABLED',
		callingStatus: settings.status ?? null,
		callIconVisibility: settings.call_icon_visibility ?? null,
		callbackPermissionStatus: settings.callback_permission_status ?? null,
		callHours: settings.call_hours ?? null,
		calling: settings,
	};
}
