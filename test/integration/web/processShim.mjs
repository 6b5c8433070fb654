// What the npm `assert` package and its `util` dependency read from `process`, injected into the
// web test bundle by scripts/buildIntegrationTests.mjs as a module-local binding: the web worker
// has no process object, and the bundle must not give it one (webHost.test.ts checks that
// globalThis.process is undefined there).
export const process = {
	env: {},
	stderr: undefined,
	emitWarning: undefined,
	nextTick: (callback, ...args) => queueMicrotask(() => callback(...args)),
};
