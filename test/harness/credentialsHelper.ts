/**
 * In-memory ICredentialsHelper for the harness.
 *
 * It stands in for the n8n CLI's `CredentialsHelper` (which reads encrypted rows
 * from the database). Everything a node can observe behaves the same way:
 *  - getDecrypted() returns the stored data with the credential type's defaults
 *    filled in and `={{ }}` expressions resolved, like `applyDefaultsAndOverwrites`;
 *  - authenticate() applies the credential type's `authenticate`: a function is
 *    called, a generic block has its keys and values resolved as expressions
 *    against `$credentials` and written into headers / qs / body / auth;
 *  - preAuthentication() runs the type's `preAuthentication` hook when its
 *    expirable hidden property is empty or the token expired, and keeps the
 *    refreshed values in the store (what the CLI writes back to the database).
 */
import { Credentials, UnrecognizedCredentialTypeError } from 'n8n-core';
import { ICredentialsHelper, NodeHelpers, UserError, Workflow, isExpression } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentials,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { applyGenericAuthentication, resolveCredentialData } from './credentialData';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

function cloneData<T>(value: T): T {
	return structuredClone(value);
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	private readonly store = new Map<string, StoredCredential>();

	constructor(
		credentialTypes: ICredentialType[] = [],
		credentials: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
		for (const type of credentialTypes) this.addCredentialType(type);
		for (const [type, data] of Object.entries(credentials)) this.addCredentials(type, data);
	}

	addCredentialType(type: ICredentialType): void {
		this.types.set(type.name, type);
	}

	/** Stores credentials of `type` and returns the reference a node carries in `node.credentials`. */
	addCredentials(
		type: string,
		data: ICredentialDataDecryptedObject,
		details: { id?: string; name?: string } = {},
	): INodeCredentialsDetails {
		const id = details.id ?? `harness-${type}`;
		const name = details.name ?? `${type} (harness)`;
		this.store.set(id, { id, name, type, data: cloneData(data) });
		return { id, name };
	}

	/** `node.credentials` for a node that uses every stored credential. */
	nodeCredentials(): INodeCredentials {
		const result: INodeCredentials = {};
		for (const { id, name, type } of this.store.values()) result[type] = { id, name };
		return result;
	}

	/** Current stored (raw, unresolved) data, e.g. to assert a token refreshed by preAuthentication. */
	getStored(type: string): StoredCredential | undefined {
		for (const stored of this.store.values()) if (stored.type === type) return stored;
		return undefined;
	}

	getCredentialType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) {
			// Same error class n8n raises for an unknown type; the hint is for harness users.
			const error = new UnrecognizedCredentialTypeError(name);
			error.message += ' (pass it to the harness in `credentialTypes`)';
			throw error;
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const type = this.types.get(name);
		if (!type?.extends) return [];
		const parents: string[] = [];
		for (const parent of type.extends) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some(
			(supported) => supported === nodeType || nodeType.endsWith(`.${supported}`),
		);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getCredentialType(typeName);
		if (!authenticate) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (!workflow || !node) {
			throw new UserError('Workflow and node are required for declarative credential authentication');
		}
		return applyGenericAuthentication(authenticate, credentials, requestOptions, workflow, node);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getCredentialType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined) return undefined;
		if (typeof type.preAuthentication !== 'function') return undefined;

		// The CLI recognises a credential test by its temporary noOp node.
		const isCredentialTest = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isCredentialTest) {
			return undefined;
		}

		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;

		const reference = node.credentials?.[type.name];
		if (reference) {
			const stored = this.findStored(reference, type.name);
			if (stored) {
				// Keep fields the user stored as expressions; only the token and plain values change.
				for (const [key, value] of Object.entries(output)) {
					if (key === expirable.name || !isExpression(stored.data[key])) {
						stored.data[key] = cloneData(value) as ICredentialDataDecryptedObject[string];
					}
				}
			}
			return Object.assign(credentials, output) as ICredentialDataDecryptedObject;
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getCredentialType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const stored = this.requireStored(nodeCredentials, type);
		const credentials = new Credentials({ id: stored.id, name: stored.name }, type);
		await credentials.setData(cloneData(stored.data));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.requireStored(nodeCredentials, type);
		const data = cloneData(stored.data);
		if (raw === true) return data;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** Fills in the credential type's defaults and resolves expressions (no overwrites in tests). */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		return resolveCredentialData(properties, decryptedDataOriginal, additionalData, mode, executeData, expressionResolveValues);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.requireStored(nodeCredentials, type).data = cloneData(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.requireStored(nodeCredentials, type);
		stored.data.oauthTokenData = cloneData(data.oauthTokenData as IDataObject);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getCredentialType(type);
		if (credentialType.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialType.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialType.properties;
		}

		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		// Properties of the child type win over the parent's.
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private findStored(reference: INodeCredentialsDetails, type: string): StoredCredential | undefined {
		if (reference.id !== null) {
			const byId = this.store.get(reference.id);
			if (byId && byId.type === type) return byId;
		}
		return this.getStored(type);
	}

	private requireStored(reference: INodeCredentialsDetails, type: string): StoredCredential {
		const stored = this.findStored(reference, type);
		if (!stored) {
			throw new UserError(
				`Credential with ID "${reference.id ?? ''}" does not exist for type "${type}".`,
			);
		}
		return stored;
	}
}
