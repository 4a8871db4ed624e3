import { blockUsersOperation } from './blockUsers';

/** Contact → Block: the users can no longer message this business phone number, nor it them. */
export const { description, inputs, execute } = blockUsersOperation('block');
