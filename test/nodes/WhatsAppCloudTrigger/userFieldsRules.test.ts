/**
 * Who an event is about, rule by rule: a phone number is never a BSUID, the event's own
 * identifiers win over its contact's, and a change's contacts are matched by any identifier —
 * the first entry with a value wins, and a lone contact goes only to a sender known by phone alone.
 */
import { describe, expect, it } from '@jest/globals';

import { Contacts, idsOfContact, merged, phoneOf, userFields } from '../../../nodes/WhatsAppCloudTrigger/userFields';

const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';
const none = { waId: null, userId: null, parentUserId: null };

describe('phoneOf', () => {
	it('a phone number stays (also written as a number), a BSUID or a parent BSUID in a phone field is none, and so is anything else', () => {
		expect([phoneOf('15551234567'), phoneOf(15551234567), phoneOf(BSUID), phoneOf(PARENT), phoneOf({}), phoneOf(undefined)]).toEqual([
			'15551234567',
			'15551234567',
			null,
			null,
			null,
			null,
		]);
	});
});

describe('merged', () => {
	it("the event's identifiers win; each missing one comes from the contact", () => {
		const contact = { wa_id: '15550000002', user_id: 'US.2', parent_user_id: 'US.ENT.2' };
		expect(merged({ waId: '15550000001', userId: 'US.1', parentUserId: 'US.ENT.1' }, contact)).toEqual({
			waId: '15550000001',
			userId: 'US.1',
			parentUserId: 'US.ENT.1',
		});
		expect(merged(none, contact)).toEqual({ waId: '15550000002', userId: 'US.2', parentUserId: 'US.ENT.2' });
		expect(merged(none, undefined)).toEqual(none);
	});
});

describe('userFields', () => {
	it('recipient: the phone number, else the BSUID, else the parent BSUID', () => {
		expect(userFields({ waId: '1555', userId: BSUID, parentUserId: PARENT }, undefined).recipient).toBe('1555');
		expect(userFields({ waId: null, userId: BSUID, parentUserId: PARENT }, undefined).recipient).toBe(BSUID);
		expect(userFields({ waId: null, userId: null, parentUserId: PARENT }, undefined).recipient).toBe(PARENT);
	});
});

describe('Contacts', () => {
	const ann = { profile: { name: 'Ann' }, wa_id: '15550000001', user_id: 'US.1', parent_user_id: 'US.ENT.1' };
	const bob = { profile: { name: 'Bob' }, wa_id: '15550000002', user_id: 'US.2', parent_user_id: 'US.ENT.2' };
	/** A contact Meta gave no BSUID (before usernames): the only kind a lone contact may stand for. */
	const cy = { profile: { name: 'Cy' }, wa_id: '15550000003' };
	const name = (contact: unknown) => (contact as { profile?: { name?: string } } | undefined)?.profile?.name;

	it('finds a contact by BSUID, phone number or parent BSUID alone', () => {
		const contacts = new Contacts({ contacts: [ann, bob] });
		expect(name(contacts.of({ ...none, userId: 'US.2' }))).toBe('Bob');
		expect(name(contacts.of({ ...none, waId: '15550000002' }))).toBe('Bob');
		expect(name(contacts.of({ ...none, parentUserId: 'US.ENT.2' }))).toBe('Bob');
		expect(contacts.of({ ...none, waId: '15550000009' })).toBeUndefined();
	});

	it('the BSUID decides before the phone number, the phone number before the parent BSUID', () => {
		const contacts = new Contacts({ contacts: [ann, bob] });
		expect(name(contacts.of({ waId: '15550000001', userId: 'US.2', parentUserId: null }))).toBe('Bob');
		expect(name(contacts.of({ waId: '15550000002', userId: null, parentUserId: 'US.ENT.1' }))).toBe('Bob');
	});

	it('the first entry with an identifier wins', () => {
		const twin = { ...bob, wa_id: '15550000001', user_id: 'US.1', parent_user_id: 'US.ENT.1' };
		const contacts = new Contacts({ contacts: [ann, twin] });
		expect([contacts.of({ ...none, waId: '15550000001' }), contacts.of({ ...none, userId: 'US.1' }), contacts.of({ ...none, parentUserId: 'US.ENT.1' })].map(name)).toEqual([
			'Ann',
			'Ann',
			'Ann',
		]);
	});

	it('a missing identifier never matches an entry whose identifier is the text "null"', () => {
		const odd = { profile: { name: 'Odd' }, wa_id: 'null', user_id: 'null', parent_user_id: 'null' };
		const contacts = new Contacts({ contacts: [odd] });
		expect(contacts.of(none)).toBeUndefined();
	});

	it('entries that are not objects are skipped, also when counting a lone contact', () => {
		const contacts = new Contacts({ contacts: [null, 7, cy] });
		expect(name(contacts.ofSender({ ...none, waId: '15550000009' }))).toBe('Cy');
		expect(new Contacts({ contacts: 'Ann' }).ofSender({ ...none, waId: '15550000009' })).toBeUndefined();
	});

	it("a lone contact goes to a sender known by phone alone (Meta's wa_id can differ from from), never with two contacts", () => {
		expect(name(new Contacts({ contacts: [cy] }).ofSender({ ...none, waId: '15550000009' }))).toBe('Cy');
		expect(new Contacts({ contacts: [cy, { ...cy, wa_id: '15550000004' }] }).ofSender({ ...none, waId: '15550000009' })).toBeUndefined();
		expect(new Contacts({ contacts: [] }).ofSender({ ...none, waId: '15550000009' })).toBeUndefined();
	});

	it('never to a sender with a BSUID or a parent BSUID that matches nothing, nor when the lone contact has a BSUID of its own', () => {
		const lone = new Contacts({ contacts: [cy] });
		expect(lone.ofSender({ ...none, userId: 'US.9' })).toBeUndefined();
		expect(lone.ofSender({ ...none, parentUserId: 'US.ENT.9' })).toBeUndefined();
		expect(lone.ofSender({ waId: '15550000009', userId: 'US.9', parentUserId: null })).toBeUndefined();
		expect(new Contacts({ contacts: [{ ...cy, user_id: 'US.3' }] }).ofSender({ ...none, waId: '15550000009' })).toBeUndefined();
	});

	it('a matching contact is found for any sender', () => {
		expect(name(new Contacts({ contacts: [ann] }).ofSender({ ...none, userId: 'US.1' }))).toBe('Ann');
		expect(idsOfContact(undefined)).toEqual(none);
	});
});
