import { joinRequestsOperation } from './joinRequests';

/** DELETE /{group-id}/join_requests: the requests are declined. */
export const { description, inputs, execute } = joinRequestsOperation('reject');
