#!/usr/bin/env node
// Tests of the command line's behaviour: help and version, exit codes for each class of error,
// atomic -o, stdin, --fragment, --json, input encodings.
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
  for (const code of [0, 1, 2, 3, 4, 5, 6]) assert.match(r.stdout, new RegExp(`^\\s+${code}\\s`, 'm'), `exit code ${code}`);
  for (const opt of ['--profile', '--fragment', '--json', '--now', '--views', '-o']) assert.ok(r.stdout.includes(opt), opt);
  assert.doesNotMatch(r.stdout, /\blint\b|\bbatch\b/, 'lint and batch are not there yet');
  expectStatus(paiban(['format', '--help']), 0, 'format --help');
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
