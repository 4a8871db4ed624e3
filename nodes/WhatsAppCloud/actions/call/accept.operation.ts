import { callAction } from './callActions';

export const { description, inputs, execute } = callAction('call.accept', 'accept');
