import { readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';

/** One input of the CLI: a file (or standard input) and its decoded text. */
export interface Input {
	file: string;
	text: string;
}

/** An input that cannot be read: reported on stderr with exit code 2. */
export class InputError extends Error {}

/** What a directory search reads. */
export const EXTENSIONS = ['.http', '.rest', '.txt', '.log', '.json', '.jsonc', '.md', '.har'];
const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** How each file-system error reads in a message. */
const ERRNO: Readonly<Record<string, string>> = {
	ENOENT: 'no such file or directory',
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	ELOOP: 'too many levels of symbolic links (a link loop?)',
	ENOTDIR: 'a part of the path is not a directory',
	ENAMETOOLONG: 'the name is too long',
	EISDIR: 'is a directory',
	EMFILE: 'too many open files',
	EIO: 'input/output error',
	ENXIO: 'no such device (a socket or a special file?)',
	EINVAL: 'not a readable file',
	ENOSPC: 'no space left on device',
	EROFS: 'read-only file system',
	EFBIG: 'file too large',
};

/** "permission denied", "no such file or directory"… for a Node file-system error. */
export function describeError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code && ERRNO[code]) return ERRNO[code];
	return code ?? (error instanceof Error ? error.message.split('\n', 1)[0] : String(error));
}

/** Text of a file's bytes and, when the bytes were not clean UTF-8 or UTF-16 with a BOM, a note saying how they were read. */
export function decodeText(bytes: Buffer): { text: string; note?: string } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3));
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le') };
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
		swapped.swap16();
		return { text: swapped.toString('utf16le') };
	}
	return decodeUtf8(bytes);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Buffer): { text: string; note?: string } {
	let text: string;
	try {
		text = strictUtf8.decode(bytes);
	} catch {
		return { text: bytes.toString('utf8'), note: 'not valid UTF-8 (nor UTF-16 with a byte order mark); read as UTF-8 with the invalid bytes replaced' };
	}
	if (looksLikeUtf16WithoutBom(bytes)) return { text, note: 'looks like UTF-16 without a byte order mark; read as UTF-8 (save it as UTF-8, or UTF-16 with a BOM)' };
	return { text };
}

/** Every other byte zero in the first kilobyte: ASCII text written as UTF-16. */
function looksLikeUtf16WithoutBom(bytes: Buffer): boolean {
	const n = Math.min(bytes.length, 1024) & ~1;
	if (n < 16) return false;
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenZero++;
		if (bytes[i + 1] === 0) oddZero++;
	}
	const pairs = n / 2;
	return (evenZero > pairs * 0.8 && oddZero < pairs * 0.1) || (oddZero > pairs * 0.8 && evenZero < pairs * 0.1);
}

/**
 * The inputs named on the command line: files, directories (searched for
 * {@link EXTENSIONS}, following links to files, skipping subdirectories that
 * cannot be read with a note), and `-` for standard input. Throws
 * {@link InputError} for an input that cannot be read at all.
 */
export function readInputs(paths: readonly string[], readStdin: () => Buffer, note: (message: string) => void): Input[] {
	if (paths.length === 0) paths = ['-'];
	const inputs: Input[] = [];
	for (const path of paths) {
		if (path === '-') {
			inputs.push(decoded('<stdin>', readStdinOrFail(readStdin), note));
			continue;
		}
		let stat: Stats;
		try {
			stat = statSync(path);
		} catch (e) {
			throw new InputError(`cannot read "${path}": ${describeError(e)}.`, { cause: e });
		}
		if (stat.isDirectory()) {
			const files = listFiles(path, note, new Set());
			if (!files.length) throw new InputError(`"${path}" holds no ${EXTENSIONS.join(', ')} files.`);
			const before = inputs.length;
			for (const file of files) {
				const input = readOne(file, note, true);
				if (input) inputs.push(input);
			}
			if (inputs.length === before) throw new InputError(`"${path}" holds no readable ${EXTENSIONS.join(', ')} files.`);
		} else {
			inputs.push(readOne(path, note, false)!);
		}
	}
	return inputs;
}

function readStdinOrFail(readStdin: () => Buffer): Buffer {
	try {
		return readStdin();
	} catch (e) {
		throw new InputError(`cannot read standard input: ${describeError(e)}.`, { cause: e });
	}
}

function decoded(file: string, bytes: Buffer, note: (message: string) => void): Input {
	const { text, note: how } = decodeText(bytes);
	if (how) note(`${file}: ${how}.`);
	return { file, text };
}

/** A file's input; in a directory search an unreadable file is skipped with a note, named on its own it is an error. */
function readOne(file: string, note: (message: string) => void, skippable: boolean): Input | undefined {
	try {
		const stat = statSync(file);
		if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: stat.isDirectory() ? 'EISDIR' : 'EINVAL' });
		if (stat.size > MAX_INPUT_BYTES) throw new InputError(`"${file}" is larger than 512 MB.`);
		return decoded(file, readFileSync(file), note);
	} catch (e) {
		if (e instanceof InputError) throw e;
		const message = `cannot read "${file}": ${describeError(e)}.`;
		if (!skippable) throw new InputError(message, { cause: e });
		note(`skipped: ${message}`);
		return undefined;
	}
}

/**
 * The files of a directory tree with a known extension, sorted by name. Links
 * to files are followed; links to directories are not (they could loop).
 * Hidden directories and node_modules are skipped; so, with a note, are
 * subdirectories that cannot be read.
 */
function listFiles(dir: string, note: (message: string) => void, seen: Set<string>): string[] {
	let entries: Dirent[];
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch (e) {
		if (seen.size === 0) throw new InputError(`cannot read the directory "${dir}": ${describeError(e)}.`, { cause: e });
		note(`skipped the directory "${dir}": ${describeError(e)}.`);
		return [];
	}
	seen.add(dir);
	const out: string[] = [];
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		const full = join(dir, entry.name);
		const wanted = EXTENSIONS.some(ext => entry.name.endsWith(ext)) && entry.name !== 'EXPECTED.md';
		if (entry.isDirectory()) {
			if (!entry.name.startsWith('.') && entry.name !== 'node_modules') for (const f of listFiles(full, note, seen)) out.push(f);
		} else if (entry.isFile()) {
			if (wanted) out.push(full);
		} else if (entry.isSymbolicLink() && wanted) {
			try {
				if (statSync(full).isFile()) out.push(full);
			} catch (e) {
				note(`skipped the link "${full}": ${describeError(e)}.`);
			}
		}
	}
	return out;
}
