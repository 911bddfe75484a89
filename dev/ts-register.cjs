/**
 * Lets plain Node require this repository's TypeScript development code (the demo, the n8n client,
 * the simulators) with no build step and no ts-node: each .ts file is transpiled on load with the
 * repository's own `typescript` (CommonJS, no type check: `npm run typecheck` does that), exactly
 * what ts-jest does for the tests, so the demo and the benchmarks run the code the tests run.
 *
 *   require('../dev/ts-register.cjs')                 from a script (bench/run.mjs, dev/demo/start.mjs)
 *   node -r ./dev/ts-register.cjs dev/simulators/serve.ts trust
 */
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const ts = require('typescript');

process.setSourceMapsEnabled?.(true);

if (!Module._extensions['.ts']) {
	Module._extensions['.ts'] = function compileTs(module, filename) {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
				resolveJsonModule: true,
				isolatedModules: true,
				inlineSourceMap: true,
			},
		});
		module._compile(outputText, filename);
	};
}
module.exports = {};
