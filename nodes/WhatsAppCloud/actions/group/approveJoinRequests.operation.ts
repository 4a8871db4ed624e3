import { joinRequestsOperation } from './joinRequests';

/** POST /{group-id}/join_requests: the requesters become participants. */
export const { description, inputs, execute } = joinRequestsOperation('approve');
