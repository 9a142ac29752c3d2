#!/usr/bin/env node
// Tests of the command line's behaviour: help and version, exit codes for each class of error,
// atomic -o, stdin, --fragment, --json, input encodings; `paiban lint` (output lines, --json,
// --strict, exit codes) and `paiban batch` (a folder tree, -j, failures, the report).
// Usage: node tests/node/cli.cjs CLI_PATH
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const cli = process.argv[2] ? path.resolve(process.argv[2]) : '';
if (!cli || !fs.existsSync(cli)) {
  console.error(`usage: node cli.cjs CLI_PATH (no CLI at "${cli}")`);
  process.exit(2);
}

const NOW = '2024-03-01 09:30:00';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-cli-'));

/// Runs the CLI: {status, stdout (string), stderr (string), stdoutBytes (Buffer)}.
function paiban(args, { input, cwd } = {}) {
  const r = spawnSync(cli, args, { input, cwd: cwd || tmp, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return {
    status: r.status,
    stdout: r.stdout.toString('utf8'),
    stderr: r.stderr.toString('utf8'),
    stdoutBytes: r.stdout,
  };
}

function write(name, data) {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return file;
}

/// Files in a folder, hidden ones included (a leftover temp file would be hidden).
function listing(dir) {
  return fs.readdirSync(dir).sort();
}

function expectStatus(r, code, what) {
  assert.equal(r.status, code, `${what}: expected exit ${code}, got ${r.status}\n  stderr: ${r.stderr.trim()}`);
}

const NOTES = [
  '标题：市生态环境局召开水污染防治工作会议',
  '栏目：工作动态',
  '',
  '9月5日，市生态环境局召开水污染防治工作会议，部署下一阶段重点任务。',
  '',
  '会议要求，各县区要压实责任，确保国考断面水质稳定达标。',
  '',
].join('\n');
const BODY_PHRASE = '确保国考断面水质稳定达标';
const notesFile = write('notes.txt', NOTES);

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

// --- help and version -------------------------------------------------------------------------

test('--version prints "paiban X.Y.Z"', () => {
  const r = paiban(['--version']);
  expectStatus(r, 0, '--version');
  assert.match(r.stdout, /^paiban \d+\.\d+\.\d+\n$/);
});

test('--help is bilingual and lists every exit code', () => {
  const r = paiban(['--help']);
  expectStatus(r, 0, '--help');
  assert.match(r.stdout, /用法/);
  assert.match(r.stdout, /usage/);
  for (const code of [0, 1, 2, 3, 4, 5, 6, 7]) assert.match(r.stdout, new RegExp(`^\\s+${code}\\s`, 'm'), `exit code ${code}`);
  for (const opt of ['--profile', '--fragment', '--json', '--now', '--views', '-o', '--strict', '--jobs', '--report'])
    assert.ok(r.stdout.includes(opt), opt);
  for (const cmd of ['format', 'lint', 'batch', 'profile']) assert.match(r.stdout, new RegExp(`paiban ${cmd}\\b`), cmd);
  for (const cmd of ['format', 'lint', 'batch']) expectStatus(paiban([cmd, '--help']), 0, `${cmd} --help`);
});

test('no arguments: usage on stderr, exit 2', () => {
  const r = paiban([]);
  expectStatus(r, 2, 'no arguments');
  assert.match(r.stderr, /usage/);
});

// --- usage errors: exit 2 ---------------------------------------------------------------------

test('unknown command → 2', () => {
  const r = paiban(['frobnicate']);
  expectStatus(r, 2, 'unknown command');
  assert.match(r.stderr, /frobnicate/);
  assert.match(r.stderr, /错误/);
  assert.match(r.stderr, /error/);
});

test('unknown option → 2, naming the option', () => {
  const r = paiban(['format', '--bogus', notesFile]);
  expectStatus(r, 2, 'unknown option');
  assert.match(r.stderr, /--bogus/);
  assert.equal(r.stdout, '');
});

test('missing option value → 2', () => {
  const r = paiban(['format', notesFile, '--title']);
  expectStatus(r, 2, 'missing value');
  assert.match(r.stderr, /--title/);
});

test('bad number for --views → 2', () => {
  const r = paiban(['format', '--views', '12x', notesFile]);
  expectStatus(r, 2, 'bad --views');
  assert.match(r.stderr, /--views/);
});

test('bad --now → 2', () => {
  const r = paiban(['format', '--now', '2024-13-01 09:30', notesFile]);
  expectStatus(r, 2, 'bad --now');
  assert.match(r.stderr, /--now/);
});

test('two input files → 2', () => {
  expectStatus(paiban(['format', notesFile, notesFile]), 2, 'two inputs');
});

// --- input errors: exit 3 ---------------------------------------------------------------------

test('missing input file → 3, naming the file', () => {
  const r = paiban(['format', '--now', NOW, 'no-such-notes.txt']);
  expectStatus(r, 3, 'missing file');
  assert.match(r.stderr, /no-such-notes\.txt/);
  assert.equal(r.stdout, '');
});

test('a directory as input → 3', () => {
  const r = paiban(['format', '--now', NOW, tmp]);
  expectStatus(r, 3, 'directory input');
});

// --- profile errors: exit 4 -------------------------------------------------------------------

test('bad profile → 4 with FILE:LINE:COL in stderr', () => {
  const bad = write('bad-profile.json', '{\n  "site_name": "某市生态环境局",\n  "home_url": ,\n}\n');
  const r = paiban(['format', '--now', NOW, '--profile', 'bad-profile.json', notesFile]);
  expectStatus(r, 4, 'bad profile');
  assert.match(r.stderr, /^bad-profile\.json:3:\d+: 错误：.+ \/ error: .+$/m);
  assert.equal(r.stdout, '');
  assert.ok(fs.existsSync(bad));
});

test('profile that is not an object → 4', () => {
  write('list-profile.json', '[1, 2, 3]\n');
  const r = paiban(['format', '--now', NOW, '--profile', 'list-profile.json', notesFile]);
  expectStatus(r, 4, 'non-object profile');
  assert.match(r.stderr, /^list-profile\.json(:\d+:\d+)?: 错误：/m);
});

test('missing profile file → 4, naming it', () => {
  const r = paiban(['format', '--now', NOW, '--profile', 'nowhere.json', notesFile]);
  expectStatus(r, 4, 'missing profile');
  assert.match(r.stderr, /nowhere\.json/);
});

test('the default profile (paiban profile) round-trips through --profile', () => {
  const p = paiban(['profile']);
  expectStatus(p, 0, 'profile');
  assert.ok(p.stdout.endsWith('\n'));
  const parsed = JSON.parse(p.stdout);
  assert.equal(typeof parsed, 'object');
  write('default-profile.json', p.stdout);
  const a = paiban(['format', '--now', NOW, notesFile]);
  const b = paiban(['format', '--now', NOW, '--profile', 'default-profile.json', notesFile]);
  expectStatus(b, 0, 'format with the printed default profile');
  assert.equal(b.stdout, a.stdout, 'same page with the explicit default profile');
});

// --- field errors: exit 5 ---------------------------------------------------------------------

test('bad --date → 5, naming --date', () => {
  const r = paiban(['format', '--now', NOW, '--date', '下个月', notesFile]);
  expectStatus(r, 5, 'bad --date');
  assert.match(r.stderr, /--date|date/);
  assert.equal(r.stdout, '');
});

// --- output: -o and exit 6 --------------------------------------------------------------------

test('-o writes the file atomically and leaves no temp file', () => {
  const dir = path.join(tmp, 'out-ok');
  fs.mkdirSync(dir);
  const r = paiban(['format', '--now', NOW, notesFile, '-o', path.join(dir, 'page.html')]);
  expectStatus(r, 0, '-o');
  assert.equal(r.stdout, '');
  assert.deepEqual(listing(dir), ['page.html']);
  const direct = paiban(['format', '--now', NOW, notesFile]);
  assert.equal(fs.readFileSync(path.join(dir, 'page.html'), 'utf8'), direct.stdout);
  // Overwriting an existing file works too, and still leaves nothing else behind.
  fs.writeFileSync(path.join(dir, 'page.html'), 'old');
  expectStatus(paiban(['format', '--now', NOW, notesFile, '--output=' + path.join(dir, 'page.html')]), 0, '--output=');
  assert.equal(fs.readFileSync(path.join(dir, 'page.html'), 'utf8'), direct.stdout);
  assert.deepEqual(listing(dir), ['page.html']);
});

test('unwritable -o → 6 (missing folder, or a folder as OUT)', () => {
  let r = paiban(['format', '--now', NOW, notesFile, '-o', path.join(tmp, 'no-such-dir', 'page.html')]);
  expectStatus(r, 6, 'missing folder');
  assert.match(r.stderr, /no-such-dir/);
  const dir = path.join(tmp, 'out-is-dir');
  fs.mkdirSync(dir);
  r = paiban(['format', '--now', NOW, notesFile, '-o', dir]);
  expectStatus(r, 6, 'OUT is a folder');
  assert.deepEqual(listing(tmp).filter((f) => f.includes('paiban-')), [], 'no temp file left');
});

test('an error leaves no partial file and does not clobber an existing OUT', () => {
  const dir = path.join(tmp, 'out-keep');
  fs.mkdirSync(dir);
  const out = path.join(dir, 'page.html');
  fs.writeFileSync(out, 'old page');
  const runs = [
    [3, ['format', '--now', NOW, 'missing.txt', '-o', out]],
    [4, ['format', '--now', NOW, '--profile', 'bad-profile.json', notesFile, '-o', out]],
    [5, ['format', '--now', NOW, '--date', '不是日期', notesFile, '-o', out]],
    [2, ['format', '--now', NOW, '--nope', notesFile, '-o', out]],
  ];
  for (const [code, args] of runs) {
    expectStatus(paiban(args), code, args.join(' '));
    assert.equal(fs.readFileSync(out, 'utf8'), 'old page', `OUT unchanged after exit ${code}`);
    assert.deepEqual(listing(dir), ['page.html'], `no temp file after exit ${code}`);
  }
  // A new OUT is not created on error either.
  const fresh = path.join(dir, 'fresh.html');
  expectStatus(paiban(['format', '--now', NOW, 'missing.txt', '-o', fresh]), 3, 'missing input, fresh OUT');
  assert.ok(!fs.existsSync(fresh));
});

test('-o - means standard output', () => {
  const r = paiban(['format', '--now', NOW, notesFile, '-o', '-']);
  expectStatus(r, 0, '-o -');
  assert.equal(r.stdout, paiban(['format', '--now', NOW, notesFile]).stdout);
});

// --- input forms and outputs ------------------------------------------------------------------

test('stdin input (no FILE, and "-")', () => {
  const a = paiban(['format', '--now', NOW], { input: NOTES });
  expectStatus(a, 0, 'stdin');
  assert.ok(a.stdout.includes(BODY_PHRASE));
  const b = paiban(['format', '--now', NOW, '-'], { input: NOTES });
  assert.equal(b.stdout, a.stdout);
  assert.equal(paiban(['format', '--now', NOW, notesFile]).stdout, a.stdout, 'file and stdin give the same page');
});

test('default output is the full page', () => {
  const r = paiban(['format', '--now', NOW, notesFile]);
  expectStatus(r, 0, 'page');
  assert.match(r.stdout, /^<!DOCTYPE html>/i);
  assert.match(r.stdout, /<html[^>]*lang="zh-CN"/);
  assert.ok(r.stdout.includes(BODY_PHRASE));
});

test('--fragment has no <html>', () => {
  const r = paiban(['format', '--now', NOW, '--fragment', notesFile]);
  expectStatus(r, 0, '--fragment');
  assert.doesNotMatch(r.stdout, /<html|<!DOCTYPE|<head|<body/i);
  assert.ok(r.stdout.includes(BODY_PHRASE));
});

test('--json is valid JSON ending in one newline, same page as the default output', () => {
  const r = paiban(['format', '--now', NOW, '--json', notesFile]);
  expectStatus(r, 0, '--json');
  assert.ok(r.stdout.endsWith('}\n') && !r.stdout.endsWith('\n\n'), 'one trailing newline');
  const j = JSON.parse(r.stdout);
  const keys = Object.keys(j);
  assert.deepEqual(keys, [...keys].sort(), 'keys are sorted');
  for (const k of ['diagnostics', 'errors', 'fragment', 'meta', 'ok', 'page']) assert.ok(keys.includes(k), k);
  assert.equal(j.ok, true);
  assert.deepEqual(j.errors, []);
  assert.equal(j.page, paiban(['format', '--now', NOW, notesFile]).stdout);
  assert.equal(j.fragment, paiban(['format', '--now', NOW, '--fragment', notesFile]).stdout);
});

test('output is deterministic', () => {
  const a = paiban(['format', '--now', NOW, '--json', notesFile]);
  const b = paiban(['format', '--now', NOW, '--json', notesFile]);
  assert.ok(a.stdoutBytes.equals(b.stdoutBytes));
});

test('metadata flags win over the notes (--opt value and --opt=value)', () => {
  const r = paiban([
    'format', '--json', '--now', NOW, '--title', '命令行标题', '--column=党的建设', '--views', '23198',
    '--date', '2022-10-14 10:53:02', notesFile,
  ]);
  expectStatus(r, 0, 'flags');
  const j = JSON.parse(r.stdout);
  assert.equal(j.meta.title.value, '命令行标题');
  assert.equal(j.meta.title.from, 'given');
  assert.equal(j.meta.column.value, '党的建设');
  assert.equal(j.meta.views.value, '23198');
  assert.equal(j.meta.date.value, '2022-10-14 10:53:02');
  assert.ok(j.page.includes('命令行标题'));
  assert.ok(j.page.includes('23198'));
});

test('--now is the default publish date; without it, the current Beijing time', () => {
  let j = JSON.parse(paiban(['format', '--json', '--now', NOW, notesFile]).stdout);
  assert.equal(j.meta.date.value, NOW);
  assert.equal(j.meta.date.from, 'default');
  const before = Date.now();
  j = JSON.parse(paiban(['format', '--json', notesFile]).stdout);
  const after = Date.now();
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(j.meta.date.value);
  assert.ok(m, `date value ${j.meta.date.value}`);
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - 8 * 3600 * 1000;
  assert.ok(asUtc >= before - 2000 && asUtc <= after + 2000, `${j.meta.date.value} is Beijing now`);
});

// --- encodings --------------------------------------------------------------------------------

/// Encodes a string as UTF-16 with a BOM.
function utf16(text, littleEndian) {
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  if (littleEndian) return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

// 「市生态环境局召开会议。」 and 「水质稳定达标」 in GB18030 (bytes, so the test needs no encoder).
const GB_TITLE = Buffer.from('cad0c9faccacbbb7beb3bed6d5d9bfaabbe1d2e9', 'hex'); // 市生态环境局召开会议
const GB_BODY = Buffer.from('cbaed6cacec8b6a8b4efb1ea', 'hex'); // 水质稳定达标

test('GB18030 input is detected and decoded, with a note on stderr', () => {
  const bytes = Buffer.concat([GB_TITLE, Buffer.from('\n\n'), GB_BODY, Buffer.from('\xa1\xa3\n', 'latin1')]);
  const file = write('gb.txt', bytes);
  const r = paiban(['format', '--json', '--now', NOW, file]);
  expectStatus(r, 0, 'GB18030');
  assert.match(r.stderr, /GB18030/);
  const j = JSON.parse(r.stdout);
  assert.ok(j.page.includes('水质稳定达标。'), 'body decoded');
  assert.ok(j.page.includes('市生态环境局召开会议'), 'title decoded');
  assert.ok(!j.page.includes('\ufffd'), 'no replacement characters');
  const q = paiban(['format', '--quiet', '--now', NOW, file]);
  expectStatus(q, 0, 'GB18030 quiet');
  assert.doesNotMatch(q.stderr, /GB18030/, '--quiet drops the note');
  // From stdin as well.
  const s = paiban(['format', '--json', '--now', NOW], { input: bytes });
  assert.equal(JSON.parse(s.stdout).page, j.page);
});

test('UTF-16 LE and BE inputs (with BOM) decode', () => {
  const plain = JSON.parse(paiban(['format', '--json', '--now', NOW, notesFile]).stdout);
  for (const le of [true, false]) {
    const file = write(le ? 'le.txt' : 'be.txt', utf16(NOTES, le));
    const r = paiban(['format', '--json', '--now', NOW, file]);
    expectStatus(r, 0, le ? 'UTF-16 LE' : 'UTF-16 BE');
    const j = JSON.parse(r.stdout);
    assert.equal(j.page, plain.page, le ? 'UTF-16 LE' : 'UTF-16 BE');
  }
});

test('UTF-8 with BOM gives the same page as without', () => {
  const file = write('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NOTES)]));
  assert.equal(paiban(['format', '--now', NOW, file]).stdout, paiban(['format', '--now', NOW, notesFile]).stdout);
});

test('invalid UTF-8 that is not GB18030 passes through to the core (U+FFFD + diagnostic)', () => {
  const bytes = Buffer.concat([Buffer.from('市生态环境局召开会议。'), Buffer.from([0xff]), Buffer.from('会议要求。\n')]);
  const file = write('bad-utf8.txt', bytes);
  const r = paiban(['format', '--json', '--now', NOW, file]);
  expectStatus(r, 0, 'invalid UTF-8');
  assert.doesNotMatch(r.stderr, /GB18030/);
  const j = JSON.parse(r.stdout);
  assert.ok(j.diagnostics.some((d) => d.rule === 'decode.invalid-utf8'), 'decode diagnostic');
});

test('UTF-8 text with one damaged byte is not misread as GB18030', () => {
  // 16 characters = 48 bytes, and the cut-off lead byte 0xE4 pairs with "A": as GB18030 these
  // bytes are well-formed (mojibake), so only the census of UTF-8 sequences keeps them UTF-8.
  const good = Buffer.from('会议要求各县区压实责任确保水质达');
  const bytes = Buffer.concat([good, Buffer.from([0xe4]), Buffer.from('A'), good, Buffer.from('\n')]);
  const file = write('damaged.txt', bytes);
  const r = paiban(['format', '--json', '--now', NOW, file]);
  expectStatus(r, 0, 'damaged UTF-8');
  assert.doesNotMatch(r.stderr, /GB18030/);
  assert.ok(JSON.parse(r.stdout).page.includes('确保水质达'));
});

// --- the summary line -------------------------------------------------------------------------

test('diagnostics summary: one line on stderr; --quiet drops it', () => {
  const file = write('fixes.txt', '标题：测试稿件\n\n会议指出,今年以来工作进展顺利.\n');
  const r = paiban(['format', '--now', NOW, file]);
  expectStatus(r, 0, 'summary');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line, got: ${r.stderr}`);
  assert.match(lines[0], /\d+ 处修改，\d+ 条提醒 \/ \d+ fix(es)?, \d+ warnings?$/);
  const q = paiban(['format', '--quiet', '--now', NOW, file]);
  assert.equal(q.stderr, '');
});

// --- paiban lint ------------------------------------------------------------------------------

// A file with two fixes (half-width punctuation) and one warning (an unmatched quote on line 4).
const LINT_NOTES = '标题：测试稿件\n\n会议指出,今年以来工作进展顺利.\n会议强调“要落实河长制。\n';
const LINT_LINE = /^(.+?):(\d+):(\d+): (fix|info|warning|error) ([a-z0-9.-]+): (.+)$/;

test('lint: one line per diagnostic, fixes with [before → after], summary on stderr, exit 0', () => {
  const file = write('lint/notes.txt', LINT_NOTES);
  const r = paiban(['lint', '--now', NOW, 'lint/notes.txt']);
  expectStatus(r, 0, 'lint with fixes and a warning');
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  assert.ok(lines.length >= 3, r.stdout);
  for (const l of lines) assert.match(l, LINT_LINE);
  const fixes = lines.filter((l) => / fix /.test(l));
  const warnings = lines.filter((l) => / warning /.test(l));
  assert.ok(fixes.length >= 2, 'fixes');
  for (const l of fixes) assert.match(l, / \[.+ → .*\]$/, l);
  assert.ok(lines.includes('lint/notes.txt:3:5: fix punct.fullwidth: 中文语境使用全角标点 / full-width punctuation in ' +
    'Chinese text [, → ，]'), r.stdout);
  assert.ok(warnings.some((l) => l.startsWith('lint/notes.txt:4:5: warning balance.pair: ')), r.stdout);
  // Lines come in reading order.
  const pos = lines.map((l) => LINT_LINE.exec(l)).map((m) => [+m[2], +m[3]]);
  for (let i = 1; i < pos.length; i++)
    assert.ok(pos[i - 1][0] < pos[i][0] || (pos[i - 1][0] === pos[i][0] && pos[i - 1][1] <= pos[i][1]), 'sorted');
  // The same diagnostics as format --json.
  const j = JSON.parse(paiban(['format', '--json', '--now', NOW, file]).stdout);
  assert.equal(lines.length, j.diagnostics.length);
  const nfix = j.diagnostics.filter((d) => d.applied).length;
  const nwarn = j.diagnostics.length - nfix;
  assert.equal(fixes.length, nfix);
  const summary = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(summary.length, 1, r.stderr);
  assert.equal(summary[0], `1 个文件：${nfix} 处可自动修改，${nwarn} 条提醒 / 1 file: ${nfix} fixes, ${nwarn} ` +
    (nwarn === 1 ? 'warning' : 'warnings'));
  assert.equal(paiban(['lint', '-q', '--now', NOW, file]).stderr, '', '--quiet drops the summary');
});

test('lint --strict: warnings exit 1; fixes alone still exit 0', () => {
  write('lint/warn.txt', LINT_NOTES);
  expectStatus(paiban(['lint', '--now', NOW, 'lint/warn.txt']), 0, 'warnings without --strict');
  const r = paiban(['lint', '--strict', '--now', NOW, 'lint/warn.txt']);
  expectStatus(r, 1, 'warnings with --strict');
  assert.match(r.stdout, /warning balance\.pair/);
  // Only fixes (no warning): --strict passes.
  write('lint/fixes-only.txt', '标题：测试稿件\n\n会议指出,今年以来工作进展顺利.\n');
  const f = paiban(['lint', '--strict', '--now', NOW, 'lint/fixes-only.txt']);
  expectStatus(f, 0, 'fixes only with --strict');
  assert.match(f.stdout, / fix /);
  assert.doesNotMatch(f.stdout, / warning /);
  // Clean notes: nothing on stdout.
  const c = paiban(['lint', '--strict', '--now', NOW, notesFile]);
  expectStatus(c, 0, 'clean notes');
  assert.equal(c.stdout, '');
  assert.match(c.stderr, /^1 个文件：0 处可自动修改，0 条提醒 \/ 1 file: 0 fixes, 0 warnings\n$/);
});

test('lint: several files, stdin as <stdin>, an unreadable one → 3 and the rest still linted', () => {
  write('lint/a.txt', LINT_NOTES);
  write('lint/b.txt', '标题：另一篇\n\n会议要求，，各县区要落实。\n');
  const r = paiban(['lint', '--now', NOW, 'lint/a.txt', 'lint/missing.txt', '-', 'lint/b.txt'], {
    input: '标题：标准输入\n\n会议指出,工作顺利。\n',
  });
  expectStatus(r, 3, 'a missing file');
  const files = new Set(r.stdout.split('\n').filter((l) => l).map((l) => LINT_LINE.exec(l)[1]));
  assert.deepEqual([...files], ['lint/a.txt', '<stdin>', 'lint/b.txt']);
  assert.match(r.stderr, /lint\/missing\.txt/);
  assert.match(r.stderr, /^4 个文件：.+ \/ 4 files: .+, 1 file unreadable$/m);
  expectStatus(paiban(['lint', '--now', NOW, '-', '-'], { input: '' }), 2, 'stdin twice');
});

test('lint --json: one document with files and summary', () => {
  write('lint/j1.txt', LINT_NOTES);
  const r = paiban(['lint', '--json', '--now', NOW, 'lint/j1.txt', notesFile, 'lint/nope.txt']);
  expectStatus(r, 3, 'lint --json with a missing file');
  assert.ok(r.stdout.endsWith('}\n'));
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j).sort(), ['files', 'summary']);
  assert.deepEqual(j.files.map((f) => f.file), ['lint/j1.txt', notesFile, 'lint/nope.txt']);
  assert.deepEqual(j.files.map((f) => f.status), ['ok', 'ok', 'unreadable']);
  assert.equal(j.files[2].errors[0].code, 'input.read');
  const fmt = JSON.parse(paiban(['format', '--json', '--now', NOW, 'lint/j1.txt']).stdout);
  const key = (d) => `${d.line}:${d.column}:${d.rule}`;
  assert.deepEqual(j.files[0].diagnostics.map(key).sort(), fmt.diagnostics.map(key).sort(), 'same as format --json');
  const d = j.files[0].diagnostics.find((x) => x.rule === 'punct.fullwidth');
  for (const k of ['id', 'rule', 'severity', 'line', 'column', 'column_utf16', 'length', 'before', 'after', 'message',
    'applied']) assert.ok(k in d, k);
  assert.deepEqual(j.files[1].diagnostics, []);
  const fixes = fmt.diagnostics.filter((x) => x.applied).length;
  assert.deepEqual(j.summary, {
    errors: 0, files: 3, fixes, strict: false, unreadable: 1, warnings: fmt.diagnostics.length - fixes,
  });
});

test('lint: a file the core refuses (empty) is listed as an error → exit 1, with or without --strict', () => {
  write('lint/empty.txt', '\n\n');
  const r = paiban(['lint', '--now', NOW, 'lint/empty.txt', notesFile]);
  expectStatus(r, 1, 'empty notes');
  assert.equal(r.stdout, 'lint/empty.txt: error input.empty: 没有可排版的内容：输入是空的 / nothing to format: the input ' +
    'is empty\n');
  assert.match(r.stderr, /^2 个文件：0 处可自动修改，0 条提醒，1 个错误 \/ 2 files: 0 fixes, 0 warnings, 1 error$/m);
  const j = JSON.parse(paiban(['lint', '--json', '--now', NOW, 'lint/empty.txt']).stdout);
  assert.equal(j.files[0].status, 'failed');
  assert.equal(j.files[0].errors[0].code, 'input.empty');
  assert.equal(j.summary.errors, 1);
  // format exits 3 on empty notes: an input problem.
  expectStatus(paiban(['format', '--now', NOW, 'lint/empty.txt']), 3, 'format of empty notes');
});

test('lint: usage 2, profile 4, field 5', () => {
  write('lint/u.txt', LINT_NOTES);
  expectStatus(paiban(['lint', '--fragment', 'lint/u.txt']), 2, 'lint --fragment');
  expectStatus(paiban(['lint', '-o', 'x.html', 'lint/u.txt']), 2, 'lint -o');
  const p = paiban(['lint', '--now', NOW, '--profile', 'bad-profile.json', 'lint/u.txt']);
  expectStatus(p, 4, 'bad profile');
  assert.match(p.stderr, /^bad-profile\.json:3:\d+: 错误：/m);
  assert.equal(p.stdout, '');
  expectStatus(paiban(['lint', '--now', NOW, '--profile', 'nowhere.json', 'lint/u.txt']), 4, 'missing profile');
  expectStatus(paiban(['lint', '--now', NOW, '--date', '不是日期', 'lint/u.txt']), 5, 'bad --date');
  // The metadata flags reach the core: a given title silences the missing-title warning.
  write('lint/untitled.txt', '会议要求，各县区要压实责任。\n');
  assert.match(paiban(['lint', '--now', NOW, 'lint/untitled.txt']).stdout, /meta\.missing-title/);
  assert.doesNotMatch(paiban(['lint', '--now', NOW, '--title', '标题', 'lint/untitled.txt']).stdout, /missing-title/);
});

// --- paiban batch -----------------------------------------------------------------------------

/// Every file under `dir` (relative paths, hidden ones included), sorted.
function tree(dir) {
  const out = [];
  (function walk(rel) {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.push(r);
    }
  })('');
  return out.sort();
}

/// A notes tree: top level, subfolders, hidden things, other files.
function makeTree(name) {
  const root = path.join(tmp, name);
  const put = (rel, data) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), data);
  };
  put('a.txt', NOTES);
  put('b.txt', LINT_NOTES);
  put('sub/c.md', '# 关于开展专项检查的通知\n\n各县区生态环境分局：\n\n请于3月10日前报送材料.\n');
  put('sub/deeper/d.TXT', '标题：第三篇\n\n会议强调,要抓好落实.\n');
  put('sub/deeper/e.txt', Buffer.concat([GB_TITLE, Buffer.from('\n\n'), GB_BODY, Buffer.from('\xa1\xa3\n', 'latin1')]));
  put('.hidden/skip.txt', NOTES);
  put('sub/.skip.txt', NOTES);
  put('notes.doc', 'not notes');
  put('readme.html', '<p>not notes</p>');
  return root;
}
const TREE_OUTPUTS = ['a.html', 'b.html', 'sub/c.html', 'sub/deeper/d.html', 'sub/deeper/e.html'];

test('batch converts a tree (subfolders, hidden skipped) like format does, report sorted by path', () => {
  const src = makeTree('batch-src');
  const out = path.join(tmp, 'batch-out');
  const r = paiban(['batch', src, out, '--now', NOW, '-j', '2']);
  expectStatus(r, 0, 'batch');
  assert.equal(r.stdout, '');
  assert.deepEqual(tree(out), [...TREE_OUTPUTS, 'paiban-report.json'].sort());
  const inputs = { 'a.html': 'a.txt', 'b.html': 'b.txt', 'sub/c.html': 'sub/c.md', 'sub/deeper/d.html': 'sub/deeper/d.TXT',
    'sub/deeper/e.html': 'sub/deeper/e.txt' };
  for (const [o, i] of Object.entries(inputs)) {
    const page = paiban(['format', '--quiet', '--now', NOW, path.join(src, i)]).stdout;
    assert.equal(fs.readFileSync(path.join(out, o), 'utf8'), page, o);
  }
  // Stderr: no progress (not a TTY), one summary line.
  assert.ok(!r.stderr.includes('\r') && !r.stderr.includes('[=') && !r.stderr.includes('\x1b'), 'no progress');
  const lines = r.stderr.split('\n').filter((l) => l);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^批量排版：5 个文件，成功 5 个，失败 0 个；\d+ 处修改，\d+ 条提醒；用时 [\d.]+ 秒；.+ \/ batch: 5 files, 5 ok, 0 failed; \d+ fix(es)?, \d+ warnings?; [\d.]+ s; /);

  const rep = JSON.parse(fs.readFileSync(path.join(out, 'paiban-report.json'), 'utf8'));
  assert.deepEqual(rep.files.map((f) => f.path), ['a.txt', 'b.txt', 'sub/c.md', 'sub/deeper/d.TXT', 'sub/deeper/e.txt']);
  assert.deepEqual(rep.files.map((f) => f.output), ['a.html', 'b.html', 'sub/c.html', 'sub/deeper/d.html',
    'sub/deeper/e.html']);
  assert.ok(rep.files.every((f) => f.status === 'ok' && f.errors.length === 0));
  assert.deepEqual(rep.files.map((f) => f.encoding), ['utf-8', 'utf-8', 'utf-8', 'utf-8', 'gb18030']);
  const a = rep.files[0];
  assert.equal(a.meta.title.value, '市生态环境局召开水污染防治工作会议');
  assert.equal(a.meta.date.value, NOW);
  const fmtB = JSON.parse(paiban(['format', '--json', '--now', NOW, path.join(src, 'b.txt')]).stdout);
  assert.deepEqual(rep.files[1].diagnostics, fmtB.diagnostics, 'b.txt diagnostics');
  assert.deepEqual(rep.files[1].meta, fmtB.meta);
  let fixes = 0;
  let warnings = 0;
  for (const f of rep.files)
    for (const d of f.diagnostics) d.applied ? fixes++ : d.severity !== 'info' && warnings++;
  assert.deepEqual(rep.summary, { failed: 0, files: 5, fixes, ok: 5, warnings });
});

test('batch --profile: every page and the report as format --profile makes them, the workers sharing the profile', () => {
  const src = makeTree('batch-prof');
  for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(src, `p${i}.txt`), `标题：第${i}篇\n\n会议强调,要抓好落实.第${i}项.\n`);
  const profile = path.join(__dirname, '..', 'golden', 'profiles', 'yunling.json');
  const out = path.join(tmp, 'batch-prof-out');
  expectStatus(paiban(['batch', src, out, '--now', NOW, '-j', '3', '--profile', profile]), 0, 'batch --profile');
  const rep = JSON.parse(fs.readFileSync(path.join(out, 'paiban-report.json'), 'utf8'));
  assert.equal(rep.files.length, 17);
  for (const f of rep.files) {
    const own = paiban(['format', '--quiet', '--now', NOW, '--profile', profile, path.join(src, f.path)]).stdout;
    const plain = paiban(['format', '--quiet', '--now', NOW, path.join(src, f.path)]).stdout;
    assert.notEqual(own, plain, `${f.path}: the profile changes the page`);
    assert.equal(fs.readFileSync(path.join(out, f.output), 'utf8'), own, f.output);
    const json = JSON.parse(paiban(['format', '--json', '--now', NOW, '--profile', profile, path.join(src, f.path)]).stdout);
    assert.deepEqual(f.diagnostics, json.diagnostics, `${f.path} diagnostics`);
  }
});

test('batch: the same bytes with -j1, -j3 and -j4 (outputs and report), every file listed in order, no temp files', () => {
  const src = makeTree('batch-det');
  // More files, so that the threads really interleave. The first ones by path are the biggest, so
  // later files are done before them and the report, written as the files are done, has to wait
  // for them; names in upper case, digits and Chinese check the bytewise order.
  const many = [];
  for (let i = 0; i < 40; i++) many.push(`many/n${String(i).padStart(2, '0')}.txt`);
  many.push('many/N-upper.txt', 'many/0-digit.md', 'many/通知.txt', 'many/z/deep/last.txt', 'A-big.txt');
  const big = `${NOTES}\n${'会议强调,要抓好落实.各单位要按时报送材料.\n\n'.repeat(4000)}`;
  for (const [k, rel] of many.entries())
    write(`batch-det/${rel}`, rel.startsWith('A-') || k < 3 ? big : `标题：第${k}篇\n\n第${k}段,内容.\n`);
  const inputs = [...tree(src).filter((f) => /^[^.]/.test(f) && !f.includes('/.') && /\.(txt|md)$/i.test(f))];
  assert.equal(inputs.length, 50);
  const o1 = path.join(tmp, 'det-1');
  const o3 = path.join(tmp, 'det-3');
  const o4 = path.join(tmp, 'det-4');
  expectStatus(paiban(['batch', src, o1, '--now', NOW, '-j1']), 0, '-j1');
  expectStatus(paiban(['batch', src, o3, '--now', NOW, '-j', '3']), 0, '-j3');
  expectStatus(paiban(['batch', src, o4, '--now', NOW, '--jobs=4']), 0, '-j4');
  const t1 = tree(o1);
  assert.deepEqual(t1, tree(o3));
  assert.deepEqual(t1, tree(o4));
  assert.equal(t1.length, 50 + 1);
  for (const f of t1) {
    const bytes = fs.readFileSync(path.join(o1, f));
    assert.ok(bytes.equals(fs.readFileSync(path.join(o3, f))), `${f} (-j3)`);
    assert.ok(bytes.equals(fs.readFileSync(path.join(o4, f))), `${f} (-j4)`);
  }
  const rep = JSON.parse(fs.readFileSync(path.join(o3, 'paiban-report.json'), 'utf8'));
  const bytewise = (x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y));
  assert.deepEqual(rep.files.map((f) => f.path), [...inputs].sort(bytewise), 'every file, sorted bytewise');
  assert.ok(rep.files.every((f) => f.status === 'ok'));
  assert.deepEqual(rep.summary.files, 50);
  assert.deepEqual(t1.filter((f) => path.basename(f).startsWith('.') || f.includes('paiban-')), ['paiban-report.json']);
  // A second run over the same OUT_DIR replaces the files and still leaves nothing else.
  expectStatus(paiban(['batch', src, o4, '--now', NOW, '-j', '4']), 0, 'again');
  assert.deepEqual(tree(o4), t1);
});

test('batch: a report that cannot be written (exit 6, the pages still written), one in a folder the run makes', () => {
  const src = makeTree('batch-rep');
  const out = path.join(tmp, 'batch-rep-out');
  const folder = path.join(tmp, 'batch-rep-folder');
  fs.mkdirSync(folder);
  let r = paiban(['batch', src, out, '--now', NOW, '-j2', '--report', folder]);
  expectStatus(r, 6, 'report path is a folder');
  assert.match(r.stderr, /^paiban: 错误：无法写出报告 .+ \/ error: cannot write the report '.+batch-rep-folder': Is a directory$/m);
  assert.deepEqual(tree(out), [...TREE_OUTPUTS].sort());
  assert.deepEqual(listing(folder), []);
  assert.deepEqual(listing(tmp).filter((f) => f.includes('paiban-')), [], 'no temporary file left');
  const missing = path.join(tmp, 'batch-rep-none', 'r.json');
  r = paiban(['batch', src, out, '--now', NOW, '--report', missing]);
  expectStatus(r, 6, 'report folder missing');
  assert.match(r.stderr, /error: cannot write the report '.+r\.json': No such file or directory$/m);
  // The report's folder is one the run makes for the pages: fine.
  const inside = path.join(out, 'sub', 'deeper', 'r.json');
  fs.rmSync(out, { recursive: true });
  r = paiban(['batch', src, out, '--now', NOW, '-q', '--report', inside]);
  expectStatus(r, 0, 'report in a folder made by the run');
  assert.equal(JSON.parse(fs.readFileSync(inside, 'utf8')).summary.ok, 5);
  assert.deepEqual(listing(path.join(out, 'sub', 'deeper')), ['d.html', 'e.html', 'r.json']);
});

test('batch: unreadable and empty files are reported and skipped, the rest converted, exit 7', () => {
  const src = makeTree('batch-bad');
  fs.symlinkSync('nowhere.txt', path.join(src, 'sub', 'broken.txt')); // a dangling link: cannot be read
  let locked = null;
  if (process.getuid && process.getuid() !== 0) {
    locked = path.join(src, 'locked.txt');
    fs.writeFileSync(locked, NOTES);
    fs.chmodSync(locked, 0o000);
  }
  write('batch-bad/sub/c.txt', NOTES); // same output name as sub/c.md
  write('batch-bad/empty.txt', '\n  \n'); // nothing to format: the core refuses it
  const out = path.join(tmp, 'batch-bad-out');
  const r = paiban(['batch', src, out, '--now', NOW]);
  expectStatus(r, 7, 'some files failed');
  assert.match(r.stderr, /sub\/broken\.txt: 错误：.+ \/ error: cannot read/);
  assert.match(r.stderr, /sub\/c\.txt: 错误：.+ \/ error: same output as 'sub\/c\.md'/);
  assert.deepEqual(tree(out), [...TREE_OUTPUTS, 'paiban-report.json'].sort());
  const rep = JSON.parse(fs.readFileSync(path.join(out, 'paiban-report.json'), 'utf8'));
  const byPath = Object.fromEntries(rep.files.map((f) => [f.path, f]));
  assert.equal(byPath['sub/broken.txt'].status, 'failed');
  assert.equal(byPath['sub/broken.txt'].output, null);
  assert.equal(byPath['sub/broken.txt'].errors[0].code, 'input.read');
  assert.equal(byPath['sub/c.txt'].status, 'failed');
  assert.equal(byPath['sub/c.txt'].errors[0].code, 'output.clash');
  assert.equal(byPath['sub/c.md'].status, 'ok');
  assert.equal(byPath['empty.txt'].status, 'failed');
  assert.equal(byPath['empty.txt'].errors[0].code, 'input.empty');
  assert.match(r.stderr, /empty\.txt: 错误：.+ \/ error: nothing to format/);
  const failed = locked ? 4 : 3;
  if (locked) assert.equal(byPath['locked.txt'].errors[0].code, 'input.read');
  assert.equal(rep.summary.failed, failed);
  assert.equal(rep.summary.ok, 5);
  assert.equal(rep.summary.files, 5 + failed);
  const paths = rep.files.map((f) => f.path);
  assert.deepEqual(paths, [...paths].sort((x, y) => (Buffer.compare(Buffer.from(x), Buffer.from(y)))), 'sorted');
});

test('batch: --report FILE, --fragment, an empty folder', () => {
  const src = makeTree('batch-opts');
  const out = path.join(tmp, 'batch-opts-out');
  const report = path.join(tmp, 'batch-opts-report.json');
  const r = paiban(['batch', src, out, '--now', NOW, '--fragment', '--report', report, '-q']);
  expectStatus(r, 0, '--fragment --report');
  assert.equal(r.stderr, '', '--quiet');
  assert.deepEqual(tree(out), [...TREE_OUTPUTS].sort(), 'no report in OUT_DIR');
  const rep = JSON.parse(fs.readFileSync(report, 'utf8'));
  assert.equal(rep.summary.ok, 5);
  const frag = fs.readFileSync(path.join(out, 'a.html'), 'utf8');
  assert.equal(frag, paiban(['format', '--fragment', '--now', NOW, path.join(src, 'a.txt')]).stdout);
  assert.doesNotMatch(frag, /<html/);
  fs.mkdirSync(path.join(tmp, 'batch-empty'));
  const e = paiban(['batch', path.join(tmp, 'batch-empty'), path.join(tmp, 'batch-empty-out', 'deep'), '--now', NOW]);
  expectStatus(e, 0, 'empty folder');
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(tmp, 'batch-empty-out', 'deep', 'paiban-report.json'), 'utf8')),
    { files: [], summary: { failed: 0, files: 0, fixes: 0, ok: 0, warnings: 0 } });
});

test('batch: exit codes 2 (usage), 3 (IN_DIR), 4 (profile), 6 (OUT_DIR)', () => {
  const src = makeTree('batch-codes');
  const out = path.join(tmp, 'batch-codes-out');
  expectStatus(paiban(['batch', src]), 2, 'one argument');
  expectStatus(paiban(['batch', src, out, 'third']), 2, 'three arguments');
  expectStatus(paiban(['batch', src, out, '-j', '0']), 2, '-j 0');
  expectStatus(paiban(['batch', src, out, '-j', 'many']), 2, '-j many');
  expectStatus(paiban(['batch', src, out, '--title', 'T']), 2, 'batch takes no --title');
  let r = paiban(['batch', path.join(tmp, 'no-such-folder'), out]);
  expectStatus(r, 3, 'missing IN_DIR');
  assert.match(r.stderr, /no-such-folder/);
  expectStatus(paiban(['batch', notesFile, out]), 3, 'IN_DIR is a file');
  r = paiban(['batch', src, out, '--profile', 'bad-profile.json']);
  expectStatus(r, 4, 'bad profile');
  assert.match(r.stderr, /^bad-profile\.json:3:\d+: 错误：/m);
  assert.ok(!fs.existsSync(out), 'nothing written after a profile error');
  r = paiban(['batch', src, path.join(notesFile, 'out')]);
  expectStatus(r, 6, 'OUT_DIR under a file');
});

// --- run --------------------------------------------------------------------------------------

let failed = 0;
for (const t of tests) {
  try {
    t.fn();
    console.log(`ok   ${t.name}`);
  } catch (e) {
    failed++;
    console.error(`FAIL ${t.name}\n     ${String(e && e.message ? e.message : e).split('\n').join('\n     ')}`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`cli: ${tests.length - failed} of ${tests.length} passed`);
process.exit(failed > 0 ? 1 : 0);
