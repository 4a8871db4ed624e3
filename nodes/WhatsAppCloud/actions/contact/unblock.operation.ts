import { blockUsersOperation } from './blockUsers';

/** Contact → Unblock: the users can message this business phone number again. */
export const { description, inputs, execute } = blockUsersOperation('unblock');
