// Mutation testing of the security and delivery modules (`npm run test:mutation`; docs/mutation-testing.md).
// Each mutant runs only the jest tests that cover it (perTest), drawn from the test folders below.

/** The modules whose tests must bite: signature, handshake, answer references and resume, dedupe, fan-out, retry, transport auth. */
const MUTATE = [
	'nodes/shared/webhookSignature.ts',
	'nodes/WhatsAppCloudTrigger/handshake.ts',
	'nodes/shared/sendAndWait/reference.ts',
	'nodes/WhatsAppCloud/actions/message/sendAndWait/answer.ts',
	'nodes/WhatsAppCloud/actions/message/sendAndWait/webhook.ts',
	'nodes/WhatsAppCloudTrigger/dedupe.ts',
	'nodes/WhatsAppCloudTrigger/fanOut.ts',
	'nodes/WhatsAppCloud/sending/retry.ts',
	'nodes/shared/credentialTest.ts',
	'nodes/shared/transport/graphRequest.ts',
];

/** The jest tests of those modules (and the in-process runs that go through them). */
const TESTS = [
	'<rootDir>/test/nodes/shared/**/*.test.ts',
	'<rootDir>/test/credentials/**/*.test.ts',
	'<rootDir>/test/nodes/WhatsAppCloudTrigger/{handshake,dedupeKey,fanOut,filtersDedupe,webhook,helpers}*.test.ts',
	'<rootDir>/test/nodes/WhatsAppCloud/message/sendAndWait/**/*.test.ts',
	'<rootDir>/test/nodes/WhatsAppCloud/sending/**/*.test.ts',
	'<rootDir>/test/nodes/WhatsAppCloud/WhatsAppCloud.node.test.ts',
	'<rootDir>/test/nodes/WhatsAppCloud/media/**/*.test.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	packageManager: 'npm',
	testRunner: 'jest',
	jest: {
		projectType: 'custom',
		configFile: 'jest.config.js',
		config: { testMatch: TESTS },
		enableFindRelatedTests: false,
	},
	coverageAnalysis: 'perTest',
	// Mutants in module-level constants would rerun every test for each of them (over half the
	// run's time); they are left out and listed as ignored (docs/mutation-testing.md).
	ignoreStatic: true,
	mutate: MUTATE,
	// ts-jest transpiles only (isolatedModules): a mutant is judged by the tests, never by the type checker.
	disableTypeChecks: '{nodes,credentials}/**/*.ts',
	// Copied to the sandbox: what the tests load (the simulator and contract live in tools/).
	ignorePatterns: ['dist', 'coverage', 'reports', '.e2e', '.dev', 'docs', 'examples/**/*.png', '*.tgz'],
	concurrency: 2,
	timeoutMS: 20000,
	timeoutFactor: 2,
	reporters: ['clear-text', 'progress', 'html', 'json'],
	htmlReporter: { fileName: 'reports/mutation/mutation.html' },
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	thresholds: { high: 95, low: 90, break: null },
	tempDirName: '.stryker-tmp',
	cleanTempDir: true,
};
