// n8n loads the nodes and credentials listed in package.json's "n8n" section;
// this entry point only exists so the package resolves as a normal npm module.
module.exports = {};
