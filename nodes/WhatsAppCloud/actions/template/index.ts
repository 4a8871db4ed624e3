import { defineResource } from '../types';
import * as archive from './archive.operation';
import * as create from './create.operation';
import * as createFromLibrary from './createFromLibrary.operation';
import * as deleteTemplate from './delete.operation';
import * as deleteMany from './deleteMany.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAnalytics from './getAnalytics.operation';
import * as unarchive from './unarchive.operation';
import * as update from './update.operation';

/**
 * Message templates of a WhatsApp Business Account. Get Many, Create and Delete act on the WABA
 * of their "WhatsApp Business Account ID" (empty: the credential's); Get and Delete pick the
 * template like Send Template (a template ID alone needs no WABA for Get).
 */
export const template = defineResource({
	value: 'template',
	displayName: 'Template',
	defaultOperation: 'getAll',
	operations: {
		getAll,
		get,
		create,
		createFromLibrary,
		update,
		delete: deleteTemplate,
		deleteMany,
		archive,
		unarchive,
		getAnalytics,
	},
	options: {
		archive: {
			name: 'Archive',
			action: 'Archive templates',
			description: 'Archive up to 100 approved or rejected templates by ID (they cannot be sent until unarchived)',
		},
		create: {
			name: 'Create',
			action: 'Create a template',
			description: "Submit a new message template for Meta's review",
		},
		createFromLibrary: {
			name: 'Create From Library',
			action: 'Create a template from the library',
			description: "Create a pre-approved template from Meta's template library, with its button inputs",
		},
		delete: {
			name: 'Delete',
			action: 'Delete a template',
			description: 'Delete one template (one language) picked from the list or by ID, or every language of a name',
		},
		deleteMany: {
			name: 'Delete Many',
			action: 'Delete many templates',
			description: 'Delete up to 100 templates by ID in one request',
		},
		get: {
			name: 'Get',
			action: 'Get a template',
			description: 'Get one template picked from the list, by name or by ID',
		},
		unarchive: {
			name: 'Unarchive',
			action: 'Unarchive templates',
			description: 'Restore archived templates (within 28 days) to the status they had',
		},
		update: {
			name: 'Update',
			action: 'Update a template',
			description: 'Edit the category or components of an approved, rejected or paused template',
		},
		getAnalytics: {
			name: 'Get Analytics',
			action: 'Get template analytics',
			description: 'Sent, delivered, read and clicked counts per template and day, one item each',
		},
		getAll: {
			name: 'Get Many',
			action: 'Get many templates',
			description: "List the WhatsApp Business Account's templates, with filters",
		},
	},
});
