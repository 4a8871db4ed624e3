// Copies what tsc does not emit into dist: the SVG icons (light and dark), each node's codex JSON and
// its output schemas.
const path = require('path');
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	// Every node and credential references icons by a path relative to its own compiled file;
	// the shared icons live in icons/ and are copied to dist/icons/.
	return src('icons/**/*.svg').pipe(dest(path.resolve('dist', 'icons')));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest(path.resolve('dist', 'nodes')));
}

function copySchemas() {
	// n8n reads a node's output schemas from `__schema__/` beside its compiled .node.js file
	// (dist/nodes/<Node>/__schema__/v1.0.0/<resource>/<operation>.json): see CONTRIBUTING.md.
	return src('nodes/*/__schema__/**/*.json', { base: 'nodes' }).pipe(dest(path.resolve('dist', 'nodes')));
}

exports['build:assets'] = parallel(copyIcons, copyCodex, copySchemas);
exports.default = exports['build:assets'];
