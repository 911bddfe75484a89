/**
 * Lets the benchmark (plain Node, no build step) require the repository's TypeScript test code:
 * the e2e harness (test/e2e/harness/n8n.ts) and the provider simulators (test/simulators/**).
 * Each .ts file is transpiled on load with the repository's own `typescript` (CommonJS, no type
 * check), exactly what ts-jest does for the tests, so the bench uses the same code they do.
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const ts = require('typescript');

if (!Module._extensions['.ts']) {
	Module._extensions['.ts'] = function compileTs(module, filename) {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
				sourceMap: false,
				inlineSourceMap: true,
			},
		});
		module._compile(outputText, filename);
	};
}
module.exports = {};
