/**
 * Phone Number → Get / Update Call Settings through n8n-core against the simulator (GET / POST
 * /{Phone-Number-ID}/settings, contract-checked): only the settings that change are sent, call
 * hours as a whole in Meta's format (HHMM, IANA zone), read back flat; input refused before any
 * request names the field.
 */
import { describe, expect, it } from '@jest/globals';
import type { INodeParameters } from 'n8n-workflow';

import { PHONE_NUMBER_ID } from '../../../../tools/simulator/fixtures';
import { byId, errorMessage, outputJson, useSimulator } from '../../../harness/simulator';

const { sim, run } = useSimulator();

/** Runs a call settings operation of the first number. */
const callSettings = async (operation: 'getCallSettings' | 'updateCallSettings', extra: INodeParameters = {}) =>
	await run({ resource: 'phoneNumber', operation, phoneNumberId: byId(PHONE_NUMBER_ID), ...extra });

describe('Phone Number → Get and Update Call Settings', () => {
	it('off by default; an update sends only what changes; call hours in HHMM; read back', async () => {
		expect(outputJson(await callSettings('getCallSettings'))[0]).toMatchObject({
			phoneNumberId: PHONE_NUMBER_ID,
			callingEnabled: false,
			callingStatus: 'DISABLED',
			callIconVisibility: 'DEFAULT',
			callbackPermissionStatus: 'DISABLED',
			callHours: null,
		});

		const [updated] = outputJson(
			await callSettings('updateCallSettings', {
				callingStatus: 'ENABLED',
				callbackPermissionStatus: 'ENABLED',
				callHoursMode: 'set',
				callHoursTimeZone: 'Europe/Berlin',
				weeklyHours: { hours: [{ day: 'MONDAY', open: '9:00', close: '17:30' }, { day: 'SATURDAY', open: '10:00', close: '1400' }] },
				holidays: { holiday: [{ date: '2026-12-25', start: '00:00', end: '23:59' }] },
			}),
		);
		const callHours = {
			status: 'ENABLED',
			timezone_id: 'Europe/Berlin',
			weekly_operating_hours: [
				{ day_of_week: 'MONDAY', open_time: '0900', close_time: '1730' },
				{ day_of_week: 'SATURDAY', open_time: '1000', close_time: '1400' },
			],
			holiday_schedule: [{ date: '2026-12-25', start_time: '0000', end_time: '2359' }],
		};
		const calling = { status: 'ENABLED', callback_permission_status: 'ENABLED', call_hours: callHours };
		expect(updated).toEqual({ success: true, phoneNumberId: PHONE_NUMBER_ID, updated: true, calling });

		await callSettings('updateCallSettings', { callIconVisibility: 'DISABLE_ALL' });
		const [read] = outputJson(await callSettings('getCallSettings'));
		expect(read).toMatchObject({ callingEnabled: true, callIconVisibility: 'DISABLE_ALL', callbackPermissionStatus: 'ENABLED', callHours });

		const requests = sim.requests({ method: 'POST' });
		expect(requests.map((r) => r.body)).toEqual([{ calling }, { calling: { call_icon_visibility: 'DISABLE_ALL' } }]);
		expect(sim.requests().every((r) => r.contract.valid)).toBe(true);
	});

	it('Call Hours off sends status DISABLED only', async () => {
		await callSettings('updateCallSettings', { callHoursMode: 'off' });
		expect(sim.requests()[0].body).toEqual({ calling: { call_hours: { status: 'DISABLED' } } });
	});

	it.each([
		[{}, '"Calling": nothing to update: change Calling, Call Button, Callback Permission or Call Hours'],
		[{ callHoursMode: 'set', callHoursTimeZone: 'Mars/Olympus', weeklyHours: { hours: [{ day: 'MONDAY', open: '09:00', close: '17:00' }] } }, '"Time Zone": "Mars/Olympus" is no IANA time zone (like Europe/Berlin)'],
		[{ callHoursMode: 'set', callHoursTimeZone: 'UTC' }, '"Weekly Hours": needs at least one day when Call Hours is Set'],
		[{ callHoursMode: 'set', callHoursTimeZone: 'UTC', weeklyHours: { hours: [{ day: 'MONDAY', open: '25:00', close: '17:00' }] } }, '"Weekly Hours › Opens At" (entry 1): must be a 24-hour time like 09:00'],
		[{ callHoursMode: 'set', callHoursTimeZone: 'UTC', weeklyHours: { hours: [{ day: 'MONDAY', open: '17:00', close: '09:00' }] } }, '"Weekly Hours › Closes At" (entry 1): must be later than Opens At'],
		[{ callHoursMode: 'set', callHoursTimeZone: 'UTC', weeklyHours: { hours: [{ day: 'MONDAY', open: '09:00', close: '17:00' }] }, holidays: { holiday: [{ date: '25.12.2026', start: '00:00', end: '23:59' }] } }, '"Holidays › Date" (entry 1): must be a date like 2026-12-25'],
	])('%j is refused before any request', async (extra, message) => {
		expect(errorMessage(await callSettings('updateCallSettings', extra as INodeParameters))).toBe(`${message} (item 1)`);
		expect(sim.requests()).toHaveLength(0);
	});
});
