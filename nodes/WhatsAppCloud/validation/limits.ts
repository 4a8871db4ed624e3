import { z } from 'zod';

import { recipientNumber } from '../phone/phoneNumbers';
import { recipientId } from './recipient';

/**
 * `recipientId`: every recipient field (a phone number, a BSUID or a parent BSUID: ./recipient.ts).
 * `recipientNumber`: a field that takes phone numbers only (the phone-number parser's schema).
 */
export { recipientId, recipientNumber };

/**
 * Meta's limits for Cloud API messages, written once. Every operation validates its input
 * with these schemas before any request, and a breach becomes a NodeOperationError that
 * names the parameter, the limit and the item. Nothing is ever truncated.
 */
export const LIMITS = {
	textBody: 4096,
	caption: 1024,
	interactiveBody: 1024,
	headerText: 60,
	footerText: 60,
	buttonTitle: 20,
	buttonId: 256,
	replyButtons: 3,
	listButtonText: 20,
	listSectionTitle: 24,
	listRowTitle: 24,
	listRowDescription: 72,
	listRowId: 200,
	listRows: 10,
	listSections: 10,
	ctaDisplayText: 20,
	reactionEmoji: 1,
	/** Flow CTA button text (contract: flow_cta maxLength 30). */
	flowCta: 30,
	/** Contact cards in one contacts message (contract: ContactsMessage.contacts maxItems 5). */
	contactCards: 5,
	/** Latitude and longitude ranges of a location. */
	latitude: 90,
	longitude: 180,
	/** Account operations (contract: register pin / verify_code code ^[0-9]{6}$). */
	pinDigits: 6,
	verificationCodeDigits: 6,
	/** Page size of /{WABA-ID}/phone_numbers (contract: limit maximum 100) and of template lists. */
	pageSize: 100,
	/** Message templates: name ^[a-z0-9_]+$ up to 512 characters; component texts and buttons. */
	templateName: 512,
	templateHeaderText: 60,
	templateBodyText: 1024,
	templateFooterText: 60,
	templateButtonText: 25,
	templateButtons: 10,
	templateButtonUrl: 2000,
	templateHeaderVariables: 1,
	/** Business profile (contract: WhatsAppBusinessProfileUpdateRequest). */
	profileAbout: 139,
	profileAddress: 256,
	profileDescription: 256,
	profileEmail: 128,
	profileWebsites: 2,
	profileWebsiteLength: 256,
	/** Product messages (contract: SectionObject product_items maxItems 30; Meta: 30 products in all). */
	productSections: 10,
	productSectionTitle: 24,
	productItems: 30,
	/** Block Users: users per request, and the blocklist's size. */
	blockUsersPerRequest: 1000,
	blocklistSize: 64000,
	/** Conversational components: ice breakers (prompts) and commands. */
	iceBreakers: 4,
	iceBreakerText: 80,
	commands: 30,
	commandName: 32,
	commandDescription: 256,
	/** Business usernames (Meta: 3 to 35 characters). */
	usernameMin: 3,
	usernameMax: 35,
	/** Message QR codes: pre-filled message, page size of /message_qrdls (contract: limit maximum 25). */
	qrPrefilledMessage: 140,
	qrPageSize: 25,
} as const;

/** A string with at least one non-blank character and at most `max` characters. */
export const limitedText = (max: number) => z.string().trim().min(1).max(max);

export const messageIdSchema = z
	.string()
	.trim()
	.min(1)
	.regex(/^\S+$/, 'a message ID has no spaces (it looks like wamid.HBgL…)');
