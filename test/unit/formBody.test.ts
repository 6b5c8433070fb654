import * as assert from 'node:assert/strict';
import { decodeFormComponent, looksLikeForm, parseFormParams } from '../../src/core/parse/formBody';

suite('decodeFormComponent', () => {
	const rows: [name: string, raw: string, decoded: string][] = [
		['plain text is returned as is', 'invalid_grant', 'invalid_grant'],
		['%20 is a space', 'The%20user%20denied', 'The user denied'],
		['+ is a space', 'The+user+denied', 'The user denied'],
		['%2B is a literal plus', 'a%2Bb', 'a+b'],
		['reserved characters', 'https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1%26y', 'https://app.example.com/cb?x=1&y'],
		['two-byte UTF-8', 'L%C3%A4nge', 'Länge'],
		['three-byte UTF-8', '%E2%9C%93+ok', '✓ ok'],
		['four-byte UTF-8 (surrogate pair)', '%F0%9F%98%80', '😀'],
		['lower-case hex', '%e2%9c%93', '✓'],
		['mixed ASCII and escapes', 'x%41y', 'xAy'],
		['malformed %zz is kept', 'bad%zzvalue', 'bad%zzvalue'],
		['lone % at the end is kept', '100%', '100%'],
		['% with one hex digit at the end is kept', 'a%4', 'a%4'],
		['% with one hex digit before text is kept', '%4g', '%4g'],
		['truncated UTF-8 sequence becomes U+FFFD', '%E2%9C', '\uFFFD'],
		['empty string', '', ''],
	];
	for (const [name, raw, decoded] of rows) {
		test(name, () => assert.equal(decodeFormComponent(raw), decoded));
	}
});

suite('parseFormParams', () => {
	test('names, decoded values and spans', () => {
		const text = 'grant_type=authorization_code&code=Spl%2Bx&redirect_uri=https%3A%2F%2Fapp%2Fcb';
		const params = parseFormParams(text, 0, text.length);
		assert.deepEqual(params.map((p) => [p.name, p.value]), [
			['grant_type', 'authorization_code'],
			['code', 'Spl+x'],
			['redirect_uri', 'https://app/cb'],
		]);
		const redirect = params[2];
		assert.deepEqual(redirect.nameSpan, { start: text.indexOf('redirect_uri'), end: text.indexOf('redirect_uri') + 'redirect_uri'.length });
		const raw = 'https%3A%2F%2Fapp%2Fcb';
		assert.deepEqual(redirect.valueSpan, { start: text.indexOf(raw), end: text.indexOf(raw) + raw.length });
		assert.deepEqual(redirect.span, { start: text.indexOf('redirect_uri='), end: text.length });
		assert.deepEqual(params[1].valueSpan, { start: text.indexOf('Spl%2Bx'), end: text.indexOf('Spl%2Bx') + 'Spl%2Bx'.length });
	});

	test('offsets are absolute and nothing past end is read', () => {
		const text = 'POST /token?grant_type=password&username=u HTTP/1.1';
		const start = text.indexOf('grant_type');
		const end = text.indexOf(' HTTP');
		const params = parseFormParams(text, start, end);
		assert.deepEqual(params.map((p) => [p.name, p.value]), [['grant_type', 'password'], ['username', 'u']]);
		assert.deepEqual(params[1].valueSpan, { start: end - 1, end });
	});

	const shapes: [name: string, input: string, expected: [string, string][]][] = [
		['empty pairs are skipped', 'a=1&&b=2&', [['a', '1'], ['b', '2']]],
		['a name without = has an empty value', 'flag&x=', [['flag', ''], ['x', '']]],
		['only the first = splits name and value', 'a=b=c', [['a', 'b=c']]],
		['an empty name is skipped', '=v&k=1', [['k', '1']]],
		['blanks around names and values are trimmed', ' a = b ', [['a', 'b']]],
		['percent-encoded names are decoded', 'error%5Fdescription=x', [['error_description', 'x']]],
		['REST Client continuation lines', 'grant_type=client_credentials\n&client_id=abc\n&scope=api', [['grant_type', 'client_credentials'], ['client_id', 'abc'], ['scope', 'api']]],
		['empty input', '', []],
	];
	for (const [name, input, expected] of shapes) {
		test(name, () => {
			assert.deepEqual(parseFormParams(input, 0, input.length).map((p) => [p.name, p.value]), expected);
		});
	}
});

suite('looksLikeForm', () => {
	const rows: [name: string, input: string, expected: boolean][] = [
		['token request body', 'grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fapp%2Fcb', true],
		['a single pair', 'a=b', true],
		['REST Client multi-line & continuation (LF)', 'grant_type=client_credentials\n&client_id=abc\n&scope=api', true],
		['REST Client continuation (CRLF)', 'grant_type=client_credentials\r\n&client_id=abc', true],
		['continuation indented with spaces', 'grant_type=x\n  &scope=y', true],
		['JSON is not form', '{"error":"invalid_grant"}', false],
		['prose is not form', 'The value = something else entirely', false],
		['prose with & is not form', 'Tom & Jerry=friends', false],
		['a new line that does not start with & is not form', 'grant_type=x\nscope=y', false],
		['HTML is not form', '<html>a=b</html>', false],
		['quoted value is not form', 'x="y"', false],
		['no = at all', 'abcdef', false],
		['starts with =', '=abc', false],
		['too short', 'ab', false],
	];
	for (const [name, input, expected] of rows) {
		test(name, () => assert.equal(looksLikeForm(input, 0, input.length), expected));
	}

	test('only text[start, end) is considered', () => {
		const text = 'prose before grant_type=x&a=b and after';
		const start = text.indexOf('grant_type');
		const end = text.indexOf(' and');
		assert.equal(looksLikeForm(text, start, end), true);
		assert.equal(looksLikeForm(text, 0, text.length), false);
	});
});
