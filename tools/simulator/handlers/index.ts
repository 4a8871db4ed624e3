/**
 * The route table. To add an endpoint: write a Route in its own file in this folder and add it here.
 * Order matters only between routes of the same shape (e.g. GET /{Phone-Number-ID} and
 * GET /{Media-ID}): the first whose ids exist in the state wins.
 */
import type { Route } from '../router';
import { debugToken } from './debug-token';
import { deleteMedia, downloadMedia, getMedia, uploadMedia } from './media';
import { sendMessage } from './messages';
import { getPhoneNumber, listPhoneNumbers } from './phone-numbers';
import { getTemplate } from './template-send';
import { listTemplates } from './templates';
import { listSubscribedApps, subscribeApp, unsubscribeApp } from './subscribedApps';
import { createAppSubscription, deleteAppSubscription, listAppSubscriptions } from './appSubscriptions';
import { getBusinessProfile, updateBusinessProfile } from './business-profile';
import {
	deregisterPhoneNumber,
	registerPhoneNumber,
	requestVerificationCode,
	updatePhoneNumber,
	verifyVerificationCode,
} from './phone-number-admin';
import { createTemplate, deleteTemplate, editTemplate } from './template-admin';
import { createUploadSession, getUploadSession, uploadFileData } from './uploads';
import { getTemplateAnalytics } from './template-analytics';
import { blockUsers, listBlockedUsers, unblockUsers } from './block-users';
import { configureConversationalAutomation } from './conversational-automation';
import { getBusinessAccount } from './waba-analytics';
import { createOrUpdateQrCode, deleteQrCode, downloadQrImage, getQrCode, listQrCodes } from './qr-codes';

export const routes: Route[] = [
	debugToken,
	sendMessage,
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
];
