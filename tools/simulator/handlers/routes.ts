/**
 * The route table. To add an endpoint: write a Route in its own file in this folder and add it here.
 * Order matters only between routes of the same shape (e.g. GET /{Phone-Number-ID} and
 * GET /{Media-ID}): the first whose ids exist in the state wins.
 */
import type { Route } from '../router';
import { graphBatch } from './batch';
import { debugToken } from './debugToken';
import { deleteMedia, downloadMedia, getMedia, uploadMedia } from './media';
import { sendMessage } from './messages';
import { getPhoneNumber, listPhoneNumbers } from './phoneNumbers';
import { getTemplate } from './templateSend';
import { listTemplates } from './templates';
import { listSubscribedApps, subscribeApp, unsubscribeApp } from './subscribedApps';
import { createAppSubscription, deleteAppSubscription, listAppSubscriptions } from './appSubscriptions';
import { getBusinessProfile, updateBusinessProfile } from './businessProfile';
import {
	deregisterPhoneNumber,
	registerPhoneNumber,
	requestVerificationCode,
	updatePhoneNumber,
	verifyVerificationCode,
} from './phoneNumberAdmin';
import { createTemplate, deleteTemplate, editTemplate } from './templateAdmin';
import { archiveTemplates, unarchiveTemplates } from './templateArchive';
import { createUploadSession, getUploadSession, uploadFileData } from './uploads';
import { getTemplateAnalytics } from './templateAnalytics';
import { blockUsers, listBlockedUsers, unblockUsers } from './blockUsers';
import { getCallPermissions, getPhoneNumberSettings, manageCalls, updatePhoneNumberSettings } from './calls';
import { configureConversationalAutomation } from './conversationalAutomation';
import { getBusinessAccount } from './wabaAnalytics';
import { deleteUsername, getUsername, setUsername } from './username';
import { sendMarketingMessage } from './marketingMessages';
import { createOrUpdateQrCode, deleteQrCode, downloadQrImage, getQrCode, listQrCodes } from './qrCodes';
import { FLOW_ROUTES } from './flows';
import { GROUP_ROUTES } from './groups';
import { getBusinessPublicKey, setBusinessPublicKey } from '../flowEndpoint';

export const routes: Route[] = [
	debugToken,
	graphBatch,
	sendMessage,
	sendMarketingMessage,
	uploadMedia,
	getMedia,
	deleteMedia,
	downloadMedia,
	listPhoneNumbers,
	getPhoneNumber,
	listTemplates,
	getTemplate,
	listSubscribedApps,
	subscribeApp,
	unsubscribeApp,
	listAppSubscriptions,
	createAppSubscription,
	deleteAppSubscription,
	updatePhoneNumber,
	registerPhoneNumber,
	deregisterPhoneNumber,
	requestVerificationCode,
	verifyVerificationCode,
	createTemplate,
	deleteTemplate,
	editTemplate,
	archiveTemplates,
	unarchiveTemplates,
	getBusinessProfile,
	updateBusinessProfile,
	createUploadSession,
	uploadFileData,
	getUploadSession,
	getTemplateAnalytics,
	blockUsers,
	unblockUsers,
	listBlockedUsers,
	configureConversationalAutomation,
	listQrCodes,
	getQrCode,
	createOrUpdateQrCode,
	deleteQrCode,
	downloadQrImage,
	getBusinessAccount,
	setUsername,
	getUsername,
	deleteUsername,
	getPhoneNumberSettings,
	updatePhoneNumberSettings,
	getCallPermissions,
	manageCalls,
	setBusinessPublicKey,
	getBusinessPublicKey,
	...GROUP_ROUTES,
	...FLOW_ROUTES,
];
