// Entry point that @vscode/test-electron loads inside the extension host: runs out/integration/*.test.js.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const Mocha = require('mocha');

exports.run = function run() {
	const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 20000 });
	const dir = join(__dirname, '..', '..', 'out', 'integration');
	for (const file of readdirSync(dir).filter(f => f.endsWith('.test.js'))) mocha.addFile(join(dir, file));
	return new Promise((resolve, reject) => {
		mocha.run(failures => (failures ? reject(new Error(`${failures} integration tests failed`)) : resolve()));
	});
};
