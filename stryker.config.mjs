// Mutation testing of the security and delivery modules: `npm run test:mutation` (docs/mutation-testing.md).
// Each mutant runs only the jest tests that cover it (perTest) in the test files that import its
// module (findRelatedTests). `MUTATION_SCOPE=signature,retry npm run test:mutation` runs some groups only.

/** Module groups: the files mutated and the jest test files that exercise them. */
const GROUPS = {
	signature: {
		mutate: ['nodes/shared/webhookSignature.ts'],
		tests: ['test/nodes/shared/signature*.test.ts'],
	},
	handshake: {
		mutate: ['nodes/WhatsAppCloudTrigger/handshake.ts'],
		tests: ['test/nodes/WhatsAppCloudTrigger/handshake*.test.ts'],
	},
	// The answer rules, measured by the pure unit tests alone (each mutant costs a fraction of a second).
	sendAndWait: {
		mutate: [
			'nodes/shared/sendAndWait/reference.ts',
			'nodes/shared/sendAndWait/binding.ts',
			'nodes/WhatsAppCloud/actions/message/sendAndWait/answer.ts',
		],
		tests: ['test/nodes/WhatsAppCloud/message/sendAndWait/{hitlReference,answerRules,bindingRules}*.test.ts'],
	},
	// The resume handler needs n8n-core's webhook context: its tests run the node in-process.
	resume: {
		mutate: ['nodes/WhatsAppCloud/actions/message/sendAndWait/webhook.ts'],
		tests: ['test/nodes/WhatsAppCloud/message/sendAndWait/{resume,waitBinding}*.test.ts'],
	},
	// The redelivery keys and window: loops a mutant can make endless, so only the fast tests (short timeouts stay honest).
	dedupe: {
		mutate: ['nodes/WhatsAppCloudTrigger/dedupe.ts'],
		tests: ['test/nodes/WhatsAppCloudTrigger/{fanOut,filtersDedupe,helpers,dedupeRules}.test.ts'],
	},
	// The items: fanOut over Meta's examples and hostile payloads (the trigger's webhook() in n8n-core is left to npm test and e2e).
	trigger: {
		mutate: ['nodes/WhatsAppCloudTrigger/fanOut.ts', 'nodes/WhatsAppCloudTrigger/userFields.ts'],
		tests: ['test/nodes/WhatsAppCloudTrigger/{fanOut,fieldEvents,fieldReaders,businessEvents,userFieldsRules}*.test.ts'],
	},
	retry: {
		mutate: ['nodes/WhatsAppCloud/sending/retry.ts'],
		tests: ['test/nodes/WhatsAppCloud/sending/{retry,throttle}*.test.ts'],
	},
	// The credential's authenticate and the one Graph request: pure rules plus graphRequest through n8n-core against a raw loopback server.
	transportAuth: {
		mutate: ['nodes/shared/credentialTest.ts', 'nodes/shared/transport/graphRequest.ts'],
		tests: [
			'test/nodes/shared/credentialTest*.test.ts',
			'test/nodes/shared/transport{Edges,Answers}.test.ts',
			'test/nodes/shared/tokenScope.test.ts',
			'test/credentials/**/*.test.ts',
		],
	},
};

const scope = (process.env.MUTATION_SCOPE ?? '').split(',').map((name) => name.trim()).filter(Boolean);
const unknown = scope.filter((name) => !(name in GROUPS));
if (unknown.length > 0) throw new Error(`MUTATION_SCOPE: unknown group(s) ${unknown.join(', ')}; known: ${Object.keys(GROUPS).join(', ')}`);
const chosen = (scope.length > 0 ? scope : Object.keys(GROUPS)).map((name) => GROUPS[name]);
const reportName = scope.length > 0 ? scope.join('-') : 'mutation';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	packageManager: 'npm',
	testRunner: 'jest',
	jest: {
		projectType: 'custom',
		configFile: 'jest.config.js',
		config: { testMatch: [...new Set(chosen.flatMap((group) => group.tests))].map((glob) => `<rootDir>/${glob}`) },
		enableFindRelatedTests: true,
	},
	coverageAnalysis: 'perTest',
	// Mutants in module-level constants would rerun every test for each of them (over half the
	// run's time); they are left out and listed as ignored (docs/mutation-testing.md).
	ignoreStatic: true,
	mutate: chosen.flatMap((group) => group.mutate),
	// ts-jest transpiles only (isolatedModules): a mutant is judged by the tests, never by the type checker.
	disableTypeChecks: '{nodes,credentials}/**/*.ts',
	ignorePatterns: ['dist', 'coverage', 'reports', '.e2e', '.dev', 'docs', '*.tgz'],
	concurrency: 2,
	// A mutant that makes a test wait (an answer that never comes) is cut short: it counts as detected.
	timeoutMS: 5000,
	timeoutFactor: 1.5,
	reporters: ['clear-text', 'progress', 'html', 'json'],
	htmlReporter: { fileName: `reports/mutation/${reportName}.html` },
	jsonReporter: { fileName: `reports/mutation/${reportName}.json` },
	thresholds: { high: 95, low: 90, break: null },
	tempDirName: '.stryker-tmp',
	cleanTempDir: true,
};
