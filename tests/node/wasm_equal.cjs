'use strict';
// The WASM module and the native CLI give byte-identical JSON.
//   node wasm_equal.cjs WASM_JS NATIVE_CLI
// For every golden case (tests/golden/NAME.txt, extra CLI arguments in NAME.args) plus a few
// built-in inputs in other encodings: `paiban format --json --now … ARGS FILE` against
// formatJson({input, fields, profile, output, now, …}) + "\n", and formatInput(input, {the rest});
// formatParts(input, {the rest}) against formatInput (the JSON part and the three texts).
// Input bytes are decoded the way the CLI decodes them (UTF-8, UTF-16 with a BOM, GB18030).
// Bytes that are none of these have no JSON form (a JSON string cannot carry invalid UTF-8):
// such cases are skipped with a note.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { loadModule, decodeInput, argsToRequest, watchdog } = require('./lib/wasm.cjs');
const golden = require('./lib/golden.cjs');

const NAME = 'wasm_equal';
const NOW = '2024-03-01 09:30:00';

// Built-in inputs: the same kind of notes in the encodings the CLI accepts.
function builtinCases(dir) {
  const notes = '标题：老城区供暖改造通知\n\n各单位：今年冬季供暖将于11月15日开始，请做好准备。\n';
  const files = {
    'builtin-utf8-bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(notes.replace(/\n/g, '\r\n'))]),
    'builtin-utf16le': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(notes, 'utf16le')]),
    'builtin-utf16be': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(notes, 'utf16le').swap16()]),
    // the same notes in GB18030 (as old Windows Notepad saves them)
    'builtin-gb18030': Buffer.from(
      'b1eacce2a3bac0cfb3c7c7f8b9a9c5afb8c4d4eccda8d6aa0a0ab8f7b5a5cebba3babdf1c4eab6acbcbeb9a9c5afbdabd3da3131d4c23135c8d5bfaacabca3acc7ebd7f6bac3d7bcb1b8a1a30a',
      'hex'
    ),
    'builtin-fields': Buffer.from('会议纪要\n\n一、会议议程\n\n（一）通报情况。\n\n"引号" 与 ... 省略\n'),
  };
  const args = {
    'builtin-fields': ['--title', '专题会议纪要', '--column', '工作动态', '--date', '2023-05-06 14:00:00', '--views', '42'],
  };
  return Object.entries(files).map(([name, bytes]) => {
    const file = path.join(dir, name + '.txt');
    fs.writeFileSync(file, bytes);
    return { name, input: file, args: args[name] || [] };
  });
}

// Where two buffers first differ, with some readable context around it.
function describeDifference(expected, got) {
  let i = 0;
  while (i < expected.length && i < got.length && expected[i] === got[i]) i++;
  // context on UTF-8 character boundaries
  const start = (b, k) => {
    while (k > 0 && k < b.length && (b[k] & 0xc0) === 0x80) k--;
    return k;
  };
  const from = Math.max(0, i - 80);
  const show = (b) => JSON.stringify(b.subarray(start(b, from), start(b, Math.min(b.length, i + 80))).toString('utf8'));
  const lines = [`first difference at byte ${i} (native ${expected.length} bytes, wasm ${got.length} bytes)`];
  lines.push(`    native: …${show(expected)}…`);
  lines.push(`    wasm:   …${show(got)}…`);
  try {
    const a = JSON.parse(expected.toString('utf8'));
    const b = JSON.parse(got.toString('utf8'));
    const keys = [...new Set(Object.keys(a).concat(Object.keys(b)))].filter(
      (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])
    );
    if (keys.length) lines.push(`    differing keys: ${keys.join(', ')}`);
  } catch (e) {
    lines.push('    (one side is not JSON)');
  }
  return lines.join('\n');
}

// What differs between formatInput's response and formatParts' parts, or null: the JSON part is
// the response's bytes without its "fragment", "page" and "text" members (written as
// JSON.stringify writes a string: the same escapes as the core's), whose values are the three
// texts; a response without them (a request error) is the JSON part whole, and the texts null.
// The texts are decoded when first read: their sizes in bytes (`pageBytes` …) are checked before
// any is read, and `texts` says whether there are any.
function partsProblem(whole, parts) {
  const response = JSON.parse(whole);
  let rest = whole;
  if (parts.texts !== ('page' in response)) return `"texts" is ${parts.texts}, the response ${'page' in response ? 'has' : 'has no'} texts`;
  for (const key of ['fragment', 'page', 'text']) {
    const bytes = key in response ? Buffer.byteLength(response[key], 'utf8') : 0;
    if (parts[`${key}Bytes`] !== bytes) return `"${key}Bytes" is ${parts[`${key}Bytes`]}, the text has ${bytes} bytes`;
  }
  for (const key of ['fragment', 'page', 'text']) {
    if (!(key in response)) {
      if (parts[key] !== null) return `"${key}" is ${JSON.stringify(parts[key])}, not null (the response has none)`;
      continue;
    }
    if (parts[key] !== parts[key]) return `"${key}" read twice gave two texts`;
    if (parts[key] !== response[key]) return `"${key}" (${parts[key] === null ? 'null' : parts[key].length + ' chars'}) is not the response's (${response[key].length} chars)`;
    const member = `,"${key}":${JSON.stringify(response[key])}`;
    const at = rest.indexOf(member);
    if (at < 0 || rest.indexOf(member, at + 1) >= 0) return `the response does not have "${key}" once as ${member.slice(0, 40)}…`;
    rest = rest.slice(0, at) + rest.slice(at + member.length);
  }
  if (parts.json !== rest) {
    return `the JSON part is not the response without the three texts\n    ${describeDifference(Buffer.from(rest), Buffer.from(parts.json))}`;
  }
  return null;
}

async function main() {
  watchdog(NAME, 55);
  const [wasmJs, cli] = process.argv.slice(2);
  if (!cli || !fs.existsSync(cli)) {
    console.error(`${NAME}: FAIL: the native CLI is not at ${cli || '(no path given)'}.`);
    console.error('Build the native-release preset first: cmake --preset native-release && cmake --build --preset native-release');
    return 1;
  }
  const mod = await loadModule(wasmJs);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-equal-'));
  const cases = golden.cases().concat(builtinCases(tmp));
  const failures = [];
  const skipped = [];
  let compared = 0;

  for (const c of cases) {
    const bytes = fs.readFileSync(c.input);
    const decoded = decodeInput(bytes);
    if (decoded.text === null) {
      skipped.push(`${c.name}: the input is neither UTF-8, UTF-16 with a BOM nor GB18030; a JSON request cannot carry its raw bytes`);
      continue;
    }
    let mapped;
    try {
      mapped = argsToRequest(c.args, decoded.text, NOW, golden.resolveCasePath);
    } catch (e) {
      failures.push(`${c.name}: cannot build the request from its arguments ${JSON.stringify(c.args)}: ${e.message}`);
      continue;
    }
    if (mapped.unsupported) {
      skipped.push(`${c.name}: the CLI argument ${JSON.stringify(mapped.unsupported)} has no JSON equivalent known to this test`);
      continue;
    }
    const hasNow = c.args.some((a) => a === '--now' || a.startsWith('--now='));
    const cliArgs = ['format', '--json'].concat(hasNow ? [] : ['--now', NOW], mapped.cliArgs, [c.input]);
    const run = spawnSync(path.resolve(cli), cliArgs, { cwd: golden.GOLDEN_DIR, maxBuffer: 64 * 1024 * 1024, timeout: 20000 });
    if (run.error) {
      failures.push(`${c.name}: cannot run ${cli}: ${run.error.message}`);
      continue;
    }
    const native = run.stdout;
    if (native.length === 0) {
      failures.push(
        `${c.name}: the CLI printed nothing (exit ${run.status}); command: ${cli} ${cliArgs.map((a) => JSON.stringify(a)).join(' ')}\n    stderr: ${run.stderr.toString().trim()}`
      );
      continue;
    }
    const wasm = Buffer.from(mod.formatJson(JSON.stringify(mapped.request)) + '\n', 'utf8');
    compared++;
    if (!native.equals(wasm)) {
      failures.push(
        `${c.name} (${decoded.encoding}${c.args.length ? ', args ' + JSON.stringify(c.args) : ''}): native and wasm differ\n    ${describeDifference(native, wasm)}`
      );
    }
    // The editor's call: the notes apart from the other options. Same bytes.
    const { input, ...rest } = mapped.request;
    const apart = Buffer.from(mod.formatInput(input, JSON.stringify(rest)) + '\n', 'utf8');
    if (!native.equals(apart)) {
      failures.push(`${c.name}: formatInput (notes apart) differs from the CLI\n    ${describeDifference(native, apart)}`);
    }
    // The editor's call: the same with the three texts handed over apart from the JSON.
    const whole = mod.formatInput(input, JSON.stringify(rest));
    const problem = partsProblem(whole, mod.formatParts(input, JSON.stringify(rest)));
    if (problem) failures.push(`${c.name}: formatParts differs from formatInput: ${problem}`);
    // kept (the texts read from the module's memory, after another call), then released
    const kept = mod.formatParts(input, JSON.stringify(rest), true);
    mod.formatParts('另一篇。', JSON.stringify({ now: NOW }));
    const keptProblem = partsProblem(whole, kept);
    kept.release();
    if (keptProblem) failures.push(`${c.name}: formatParts (kept) differs from formatInput: ${keptProblem}`);
    // the time apart (as the editor's worker sends it), twice: the second through the reading
    // the module kept of the request
    if (typeof rest.now === 'string') {
      const others = Object.assign({}, rest);
      delete others.now;
      for (let k = 0; k < 2; k++) {
        const apartProblem = partsProblem(whole, mod.formatParts(input, JSON.stringify(others), false, rest.now));
        if (apartProblem) failures.push(`${c.name}: formatParts (now apart) differs from formatInput: ${apartProblem}`);
      }
    }
  }
  // formatParts on request errors (no texts: they are null) and on errors after the request was
  // read (ok false, the texts there and empty).
  for (const [notes, request] of [
    ['正文。', 'not json'],
    ['正文。', JSON.stringify({ input: 'x' })],
    ['正文。', JSON.stringify({ output: 'pdf' })],
    ['正文。', JSON.stringify({ fields: { colour: '红' } })],
    ['', JSON.stringify({ now: NOW })],
    ['正文。', JSON.stringify({ max_input: 2 })],
    ['正文。', JSON.stringify({ profile: '{"footer": 3}' })],
    ['正文,内容.', JSON.stringify({ now: NOW, output: 'fragment', diagnostics: 'compact' })],
    ['正文,内容.还有"引号"。', JSON.stringify({ now: NOW, diagnostics: 'columns' })],
    ['正文,内容.', ''],
    // more elements than post.js adds one to the next when it makes the fragment from the page
    // (JOIN_MIN): the pieces joined from an array, with text beyond the BMP and escapes
    ['标题：多段\n\n' + '一、段落😀 <b>&amp;</b> "引"\n\n正文,内容.\n\n'.repeat(2500), JSON.stringify({ now: NOW, diagnostics: 'columns' })],
  ]) {
    const problem = partsProblem(mod.formatInput(notes, request), mod.formatParts(notes, request));
    if (problem) failures.push(`formatParts(${JSON.stringify(notes)}, ${JSON.stringify(request)}) differs from formatInput: ${problem}`);
    const kept = mod.formatParts(notes, request, true);
    const keptProblem = partsProblem(mod.formatInput(notes, request), kept);
    kept.release();
    if (keptProblem) failures.push(`formatParts(${JSON.stringify(notes)}, ${JSON.stringify(request)}, true) differs from formatInput: ${keptProblem}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  // The notes reach the module as UTF-8 the way TextEncoder writes it (a lone surrogate as
  // U+FFFD), in each room post.js gives them: 3 bytes a unit (short notes), the room a sample of
  // 1,024 units needs (long ones: ASCII, mostly wide, astral), and the exact bound when the
  // sample misleads (ASCII where it looks, Chinese everywhere else). Notes with nothing to fix
  // come back as the fixed notes unchanged.
  const wide = '标题：检查\n\n' + '正文\ud800尾'.repeat(400000) + '\n';
  const astral = '标题：检查\n\n' + '正文😀😀尾'.repeat(300000) + '\n';
  const misleading = (() => {
    const head = '标题：检查\n\n';
    const n = 2000000; // units in all, the last a line end
    const step = Math.floor(n / 1024); // as post.js samples
    const units = [head];
    for (let i = head.length; i < n - 1; i++) units.push(i % step === 0 ? 'a' : i % 40 === 39 ? '\n' : '中');
    units.push('\n');
    return units.join('');
  })();
  for (const notes of ['标题：检查\n\n正文\ud800尾\udc00😀之后\n', '标题：检查\n\n' + 'abc'.repeat(500000) + '\n', wide, astral, misleading]) {
    const text = mod.formatParts(notes, JSON.stringify({ now: NOW })).text;
    const want = Buffer.from(notes, 'utf8').toString('utf8');
    if (text !== want) failures.push(`formatParts: notes of ${notes.length} UTF-16 units came back as ${text.length} (${JSON.stringify(text.slice(0, 20))}…), not as encoded`);
  }

  // formatParts frees what it allocates (the notes, which the call frees itself once read, and
  // the parts): the same check, with and without the time apart, in a module of its own (the
  // calls above grew this one's memory by more than 60 lost blocks of these notes would take).
  {
    const fresh = await loadModule(wasmJs);
    const big = '标题：内存检查\n\n' + '正文第一段，含 English 与数字 123。\n\n'.repeat(4000);
    const request = JSON.stringify({ now: NOW, diagnostics: 'compact' });
    const first = fresh.formatParts(big, request);
    const after = fresh.HEAP8.buffer.byteLength;
    for (let i = 0; i < 60; i++) {
      const again = fresh.formatParts(big, request, false, i % 2 ? NOW : undefined);
      if (['json', 'page', 'fragment', 'text'].some((k) => again[k] !== first[k])) {
        failures.push(`formatParts: call ${i + 2} on the same notes gave other parts`);
        break;
      }
    }
    if (fresh.HEAP8.buffer.byteLength > after) {
      failures.push(`formatParts leaks: the module's memory grew from ${after} to ${fresh.HEAP8.buffer.byteLength} bytes over 60 calls`);
    }
  }

  // A kept result: its texts stay readable in the module's memory while other calls grow it, a
  // text read before release() is kept, one not read is null after it; kept results released
  // leave the memory as it was.
  {
    const notes = '标题：保留检查\n\n正文,内容.\n\n' + '第二段 English 123。\n\n'.repeat(50);
    const request = JSON.stringify({ now: NOW, diagnostics: 'compact' });
    const plain = mod.formatParts(notes, request);
    const want = { page: plain.page, fragment: plain.fragment, text: plain.text };
    const kept = mod.formatParts(notes, request, true);
    const fragmentFirst = mod.formatParts(notes, request, true); // its fragment read first (made from the page)
    const grown = mod.HEAP8.buffer.byteLength;
    mod.formatParts('标题：大\n\n' + '正文很长，'.repeat(400000), request);
    if (mod.HEAP8.buffer.byteLength === grown) failures.push('formatParts (kept): the big call did not grow the memory (the test needs it to)');
    if (kept.page !== want.page || kept.text !== want.text) failures.push('formatParts (kept): the texts read after the memory grew are not the call\'s');
    if (fragmentFirst.fragment !== want.fragment || fragmentFirst.page !== want.page) {
      failures.push('formatParts (kept): the fragment read after the memory grew, before the page, is not the call\'s');
    }
    fragmentFirst.release();
    kept.release();
    kept.release(); // twice: nothing more to free
    if (kept.page !== want.page) failures.push('formatParts (kept): a text read before release() was lost');
    if (kept.fragment !== null) failures.push('formatParts (kept): a text not read before release() is not null after it');
    if (typeof plain.release !== 'function') failures.push('formatParts: a result that is not kept has no release()');
    plain.release();
    if (plain.fragment !== want.fragment) failures.push('formatParts: release() of a result that is not kept lost a text');
    const big = '标题：内存检查\n\n' + '正文第一段，含 English 与数字 123。\n\n'.repeat(4000);
    const first = mod.formatParts(big, request, true);
    const firstJson = first.json;
    const firstText = first.text;
    first.release();
    const after = mod.HEAP8.buffer.byteLength;
    for (let i = 0; i < 60; i++) {
      const again = mod.formatParts(big, request, true);
      if (again.json !== firstJson || again.text !== firstText) {
        failures.push(`formatParts (kept): call ${i + 2} on the same notes gave other parts`);
        break;
      }
      again.release();
    }
    mod.formatParts('正文。', 'not json', true).release();
    if (mod.HEAP8.buffer.byteLength > after) {
      failures.push(`formatParts (kept) leaks: the module's memory grew from ${after} to ${mod.HEAP8.buffer.byteLength} bytes over 60 calls`);
    }
  }

  // formatJson, version() and defaultProfile() free what they allocate.
  {
    const request = JSON.stringify({ input: '标题：内存检查\n\n' + '正文第一段，含 English 与数字 123。\n\n'.repeat(4000), now: NOW });
    const first = mod.formatJson(request);
    const about = [mod.version(), mod.defaultProfile()];
    const after = mod.HEAP8.buffer.byteLength;
    for (let i = 0; i < 60; i++) {
      if (mod.formatJson(request) !== first || mod.version() !== about[0] || mod.defaultProfile() !== about[1]) {
        failures.push(`formatJson/version/defaultProfile: call ${i + 2} gave another answer`);
        break;
      }
    }
    if (mod.HEAP8.buffer.byteLength > after) {
      failures.push(`formatJson leaks: the module's memory grew from ${after} to ${mod.HEAP8.buffer.byteLength} bytes over 60 calls`);
    }
    // a leak of the profile's text (~5 KB) would take more room than the big call left
    const room = mod.HEAP8.buffer.byteLength;
    for (let i = 0; i < Math.ceil((2 * room) / about[1].length); i++) mod.version() + mod.defaultProfile();
    if (mod.HEAP8.buffer.byteLength > room) {
      failures.push(`version/defaultProfile leak: the module's memory grew from ${room} to ${mod.HEAP8.buffer.byteLength} bytes`);
    }
  }

  // formatInput frees what it allocates (the notes and the response, which stays in the module's
  // memory while TextDecoder reads it): 60 calls with ~200 KB of notes (over 1 MB of response
  // each) must not grow the memory past what the first call needed.
  {
    const big = '标题：内存检查\n\n' + '正文第一段，含 English 与数字 123。\n\n'.repeat(4000);
    const request = JSON.stringify({ now: NOW });
    const first = mod.formatInput(big, request);
    const after = mod.HEAP8.buffer.byteLength;
    for (let i = 0; i < 60; i++) {
      if (mod.formatInput(big, request) !== first) {
        failures.push(`formatInput: call ${i + 2} on the same notes gave another response`);
        break;
      }
    }
    if (mod.HEAP8.buffer.byteLength > after) {
      failures.push(`formatInput leaks: the module's memory grew from ${after} to ${mod.HEAP8.buffer.byteLength} bytes over 60 calls`);
    }
  }

  for (const s of skipped) console.log(`${NAME}: note: skipped ${s}`);
  if (failures.length) {
    console.error(`${NAME}: FAIL (${failures.length} problem(s) in ${cases.length} case(s), ${skipped.length} skipped)`);
    for (const f of failures) console.error(`- ${f}`);
    return 1;
  }
  console.log(`${NAME}: ok (${compared} case(s) byte-identical, ${skipped.length} skipped)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`${NAME}: FAIL: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  }
);
