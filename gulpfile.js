const { src, dest } = require('gulp');

/** tsc emits JavaScript only; icons and codex files are copied next to the compiled nodes. */
function buildAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
