/**
 * IWorkflowExecuteAdditionalData for harness runs, as the CLI provides it without a database.
 */
import './setup';

import { ExternalSecretsProxy } from 'n8n-core';
import { UnexpectedError } from 'n8n-workflow';
import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentialsHelper';

/** Base URL the harness reports for the n8n instance (webhook URLs, $execution.resumeUrl, ...). */
export const HARNESS_INSTANCE_URL = 'http://localhost:5678/';

function unsupported(what: string) {
	return async (): Promise<never> => {
		throw new UnexpectedError(`${what} is not supported by the test harness`);
	};
}

/** IWorkflowExecuteAdditionalData as the CLI's getBase() provides it, minus database-backed parts. */
export function createAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const base = HARNESS_INSTANCE_URL;
	return {
		credentialsHelper,
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask (Code node task runners)'),
		logAiEvent: () => {},
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}form`,
		formTestBaseUrl: `${base}form-test`,
		formWaitingBaseUrl: `${base}form-waiting`,
		webhookBaseUrl: `${base}webhook`,
		webhookTestBaseUrl: `${base}webhook-test`,
		webhookWaitingBaseUrl: `${base}webhook-waiting`,
		mcpBaseUrl: `${base}mcp`,
		mcpTestBaseUrl: `${base}mcp-test`,
		variables: {},
		userId: 'harness-user',
		externalSecretsProxy: new ExternalSecretsProxy(),
		...extra,
	};
}
