// Copies what tsc does not emit into dist: the SVG icons (light and dark) and each node's codex JSON.
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

exports['build:assets'] = parallel(copyIcons, copyCodex);
exports.default = exports['build:assets'];
