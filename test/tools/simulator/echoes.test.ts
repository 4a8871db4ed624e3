/**
 * The simulator's coexistence echo (tools/simulator/echoes.ts): Meta's `smb_message_echoes`
 * layout for the phone customer and the username customer (the contract's webhook schema covers
 * only the messages and group fields, so it cannot check this one), and — through the trigger's
 * real `webhook()` with the handover example's settings — an item whose `recipient` is the one
 * the same customer's own message carries (the key the handover example pauses the bot by).
 */
import { textReply } from '../../../tools/simulator/customer';
import { businessEcho } from '../../../tools/simulator/echoes';
import {
	CUSTOMER_USER_ID,
	CUSTOMER_WA_ID,
	PHONE_NUMBERS,
	PHONE_NUMBER_ID,
	SECOND_PHONE_NUMBER_ID,
	USERNAME_CUSTOMER_USER_ID,
	WABA_ID,
} from '../../../tools/simulator/fixtures';
import { emitted, HarnessTrigger, signedJson } from '../../harness/triggerWebhook';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const changeOf = (payload: Json): Json => payload.entry[0].changes[0];
const digits = (text: string) => text.replace(/\D/g, '');

describe('businessEcho', () => {
	test("the phone customer: Meta's layout, to and to_user_id, the business number as from", () => {
		const payload = businessEcho(PHONE_NUMBER_ID, 'phone', 'I will call you in 5 minutes', { id: 'wamid.echo-1', timestamp: '1765000000' });
		expect(payload.entry[0].id).toBe(WABA_ID);
		const change = changeOf(payload);
		expect(change.field).toBe('smb_message_echoes');
		const business = digits(PHONE_NUMBERS.find((p) => p.id === PHONE_NUMBER_ID)!.displayPhoneNumber);
		expect(change.value).toEqual({
			messaging_product: 'whatsapp',
			metadata: { display_phone_number: business, phone_number_id: PHONE_NUMBER_ID },
			message_echoes: [
				{
					from: business,
					to: CUSTOMER_WA_ID,
					to_user_id: CUSTOMER_USER_ID,
					id: 'wamid.echo-1',
					timestamp: '1765000000',
					type: 'text',
					text: { body: 'I will call you in 5 minutes' },
				},
			],
		});
	});

	test('the username customer: no to (Meta withholds the number), to_user_id only', () => {
		const [echo] = changeOf(businessEcho(PHONE_NUMBER_ID, 'username', 'Hi')).value.message_echoes;
		expect(echo).not.toHaveProperty('to');
		expect(echo.to_user_id).toBe(USERNAME_CUSTOMER_USER_ID);
	});

	test('a contact with a parent BSUID gets to_parent_user_id; another number names its own metadata', () => {
		const who = { waId: '15550007777', userId: 'US.777', parentUserId: 'US.ENT.777', name: 'Parent' };
		const change = changeOf(businessEcho(SECOND_PHONE_NUMBER_ID, who, 'Hi'));
		expect(change.value.metadata.phone_number_id).toBe(SECOND_PHONE_NUMBER_ID);
		expect(change.value.message_echoes[0]).toMatchObject({ to: '15550007777', to_user_id: 'US.777', to_parent_user_id: 'US.ENT.777' });
	});

	test('each echo gets its own wamid and the current time', () => {
		const before = Math.floor(Date.now() / 1000);
		const [a] = changeOf(businessEcho(PHONE_NUMBER_ID, 'phone', 'one')).value.message_echoes;
		const [b] = changeOf(businessEcho(PHONE_NUMBER_ID, 'phone', 'two')).value.message_echoes;
		expect(a.id).toMatch(/^wamid\./);
		expect(a.id).not.toBe(b.id);
		expect(Number(a.timestamp)).toBeGreaterThanOrEqual(before);
		expect(Number(a.timestamp)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
	});
});

describe('the trigger with the handover example settings (Messages + Other Fields: smb_message_echoes)', () => {
	const trigger = () =>
		new HarnessTrigger({ parameters: { events: ['messages', 'other'], options: { otherFieldList: ['smb_message_echoes'] } } });

	test.each(['phone', 'username'] as const)('%s customer: the echo and the customer’s own message carry the same recipient', async (who) => {
		const t = trigger();
		const [echo] = emitted(await t.deliver(signedJson(businessEcho(PHONE_NUMBER_ID, who, 'A person answers'))));
		const [message] = emitted(await t.deliver(signedJson(textReply(PHONE_NUMBER_ID, 'Still there?', who))));
		expect(echo).toMatchObject({ event: 'smb_message_echoes', field: 'smb_message_echoes', phoneNumberId: PHONE_NUMBER_ID });
		expect(message).toMatchObject({ event: 'message', text: 'Still there?' });
		expect(echo.recipient).toBe(who === 'phone' ? CUSTOMER_WA_ID : USERNAME_CUSTOMER_USER_ID);
		expect(message.recipient).toBe(echo.recipient);
	});

	test('another other field is not emitted', async () => {
		const other = { ...businessEcho(PHONE_NUMBER_ID, 'phone', 'x') };
		other.entry[0].changes[0].field = 'history';
		expect(emitted(await trigger().deliver(signedJson(other)))).toEqual([]);
	});
});
