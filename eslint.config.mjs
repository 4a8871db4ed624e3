import { createRequire } from 'node:module';

import { config } from '@n8n/node-cli/eslint';

// typescript-eslint and @eslint/js are the ones @n8n/node-cli brings (not dependencies of ours):
// resolved from there, so the tooling rules are the same versions the node rules run on.
const requireFromNodeCli = createRequire(import.meta.resolve('@n8n/node-cli/eslint'));
const tseslint = requireFromNodeCli('typescript-eslint');
const js = requireFromNodeCli('@eslint/js');

const TOOLING = ['tools/**/*.ts', 'test/**/*.ts'];

// n8n's community-node rules are written for code that runs inside n8n (no console, no fs, no
// process.env …); the test kit, harnesses and tests are Node programs, so they stay on the product.
const product = config.map((block) =>
	block.files?.includes('**/*.ts') ? { ...block, ignores: [...(block.ignores ?? []), ...TOOLING] } : block,
);

export default [
	...product,
	...tseslint.config({
		files: TOOLING,
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			// `const { to: _to, ...body } = message` is how tests drop a property from a payload
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	}),
];
