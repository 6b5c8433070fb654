// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
	{ ignores: ['examples/**', 'test/fixtures/**', 'dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.cache/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'eqeqeq': ['error', 'smart'],
			'curly': ['error', 'multi-line'],
		},
	},
	{
		files: ['scripts/**/*.mjs', 'tools/**/*.mjs', 'test/**/*.mjs'],
		languageOptions: { globals: globals.node },
	},
	{
		files: ['test/**/*.cjs', 'test/realVscode/**/*.js'],
		languageOptions: { globals: globals.node, sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		// The core runs anywhere (extension host, browser, CLI): no editor API, no Node built-ins, no console.
		files: ['src/core/**/*.ts'],
		rules: {
			'no-console': 'error',
			'no-restricted-imports': ['error', {
				patterns: [{ group: ['vscode', 'node:*', 'fs', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'util'], message: 'src/core must not depend on the editor API or on Node built-ins.' }],
			}],
		},
	},
);
