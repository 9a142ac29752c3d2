#!/usr/bin/env node
'use strict';
// Builds the editor as one HTML file: web/style.css, the app's scripts, the formatting worker
// (paiban.js's JS + web/worker.js) and the WASM all inside web/index.html.
//   node tools/build-web.cjs --paiban PAIBAN_JS --out DIR [--dist FILE]
// Writes DIR/paiban.html, DIR/index.html (the same bytes, for the served folder) and DIR/sw.js;
// --dist also writes the one file there (dist/paiban.html). The app's script is allowed by its
// sha256 in the Content-Security-Policy, so no inline script but this one and the head script
// (web/boot.js + web/store.js: it starts the worker and opens the database) can ever run.
//
// paiban.js is linked with SINGLE_FILE (the WASM as a base64 data URI, which node and the tests
// use as it is). Here the WASM is taken out of it, gzip-compressed (zopfli) and base64-encoded
// into its own <script type="application/octet-stream" id="paiban-wasm"> (about a third of the size
// after the page's own compression); web/boot.js puts that text into the worker's source, as a
// string ahead of it, and the worker inflates and compiles it. The worker's paiban.js has an
// empty data URI (never read: the module comes in through Module.instantiateWasm).
//
// The three scripts (worker, head, app) are minified by terser, a devDependency pinned in
// package.json (`npm ci` installs it): whitespace, comments, local names. Top-level names are
// kept, since the scripts of one page share them (Paiban, createPaiban), and so are property
// names and every string (the messages of web/strings.js reach the editors as written).
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const os = require('os');
const { spawnSync } = require('child_process');

const WEB = path.join(__dirname, '..', 'web');
const HEAD_SCRIPTS = ['boot.js', 'store.js']; // in <head>: start the worker and the database
const APP_SCRIPTS = ['strings.js', 'decode.js', 'editor.js', 'app.js'];
const DATA_URI = 'data:application/octet-stream;base64,';

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!/^--(paiban|out|dist)$/.test(key) || argv[i + 1] === undefined) {
      console.error('usage: node tools/build-web.cjs --paiban PAIBAN_JS --out DIR [--dist FILE]');
      process.exit(2);
    }
    out[key.slice(2)] = argv[i + 1];
  }
  if (!out.paiban || !out.out) {
    console.error('usage: node tools/build-web.cjs --paiban PAIBAN_JS --out DIR [--dist FILE]');
    process.exit(2);
  }
  return out;
}

const read = (name) => fs.readFileSync(path.join(WEB, name), 'utf8');

// web/*.js and style.css without their comment lines and indentation (about 5 KB less after
// gzip). Safe for these sources: no template literal and no line continuation (a string that
// could span lines) is allowed in them.
function compact(text, name) {
  const out = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t.startsWith('//') || t === '') continue;
    if (t.includes('`') || t.endsWith('\\')) {
      console.error(`build-web: web/${name} has a template literal or a line continuation; compact() cannot keep it intact`);
      process.exit(1);
    }
    out.push(t);
  }
  return out.join('\n') + '\n';
}
const readJs = (name) => compact(read(name), name);

// terser from node_modules, or null (then the scripts are only compacted, ~8 KB larger after
// gzip, with a note: the one file may then be past its size budget).
function loadTerser() {
  try {
    return require('terser');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    console.error(
      'build-web: terser is not installed (run `npm ci` in the source folder); the scripts are not ' +
        'minified, only compacted, and the one file is ~8 KB larger after gzip');
    return null;
  }
}

// One inline script, minified. ecma 2015: terser may use ES2015 syntax where it is shorter
// (every browser that runs the editor has it); it never writes newer syntax.
async function minifyJs(terser, text, what) {
  if (!terser) return text;
  let result;
  try {
    result = await terser.minify(text, {
      ecma: 2015,
      compress: { passes: 2 },
      mangle: true,
      format: { comments: false, ascii_only: false },
    });
  } catch (e) {
    console.error(`build-web: terser cannot minify ${what}: ${e.message || e}`);
    process.exit(1);
  }
  return `${result.code}\n`;
}

// Text inside <script> or <style> must not end the element early or open an HTML comment.
function checkRaw(text, what, tag) {
  const bad = new RegExp(`</${tag}|<!--`, 'i').exec(text);
  if (bad) {
    console.error(`build-web: ${what} contains "${bad[0]}" at offset ${bad.index}; it cannot be inlined`);
    process.exit(1);
  }
}

// paiban.js → {glue: paiban.js with an empty data URI, wasm: the WASM bytes}. The glue also
// holds the bare prefix (its isDataURI test); the one with a payload is the module.
function splitWasm(paiban) {
  const found = [...paiban.matchAll(/"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/g)];
  const fail = (why) => {
    console.error(`build-web: ${why}; paiban.js must be linked with -sSINGLE_FILE=1 (wasm/CMakeLists.txt)`);
    process.exit(1);
  };
  if (found.length !== 1) fail(`paiban.js holds ${found.length} WASM data URIs, not 1`);
  const wasm = Buffer.from(found[0][1], 'base64');
  if (wasm.length < 8 || wasm.readUInt32BE(0) !== 0x0061736d) fail('its data URI is not a WASM module');
  const start = found[0].index + 1 + DATA_URI.length;
  const end = start + found[0][1].length;
  return { glue: paiban.slice(0, start) + paiban.slice(end), wasm };
}

function writeIfChanged(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
}

// The WASM as gzip, as small as can be: zopfli (Debian package, installed by tools/setup.sh)
// writes gzip that any inflater reads, about 5 % smaller than zlib's -9 (11 KB here, the margin
// under the size budget). Without zopfli, zlib -9, with a note.
function gzipSmallest(bytes) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-wasm-'));
  try {
    const file = path.join(tmp, 'paiban.wasm');
    fs.writeFileSync(file, bytes);
    const z = spawnSync('zopfli', ['-c', file], { maxBuffer: 64 * 1024 * 1024 });
    if (!z.error && z.status === 0 && z.stdout.length > 0) return z.stdout;
    console.error('build-web: zopfli not found or failed; the WASM is compressed with zlib -9 (a larger file)');
    return zlib.gzipSync(bytes, { level: 9 });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const a = args(process.argv.slice(2));
  const { glue, wasm } = splitWasm(fs.readFileSync(a.paiban, 'utf8'));
  const terser = loadTerser();
  const worker = await minifyJs(terser, `${glue}\n${readJs('worker.js')}`, 'the worker (paiban.js + worker.js)');
  const wasmText = gzipSmallest(wasm).toString('base64');
  const joined = (files) => files.map((f) => `// ---- web/${f}\n${readJs(f)}`).join('');
  const app = await minifyJs(terser, joined(APP_SCRIPTS), 'the app script');
  const boot = await minifyJs(terser, joined(HEAD_SCRIPTS), 'the head script (boot.js + store.js)');
  const css = compact(read('style.css'), 'style.css');
  checkRaw(worker, 'the worker (paiban.js + worker.js)', 'script');
  checkRaw(app, 'the app script', 'script');
  checkRaw(boot, 'the head script (boot.js + store.js)', 'script');
  checkRaw(css, 'style.css', 'style');

  const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const csp = [
    "default-src 'none'",
    `script-src ${hash(boot)} ${hash(app)} 'wasm-unsafe-eval'`,
    "worker-src blob: 'self'",
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'connect-src data:',
    "frame-src 'self' about:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  let html = read('index.html');
  const parts = {
    '@CSP@': csp,
    '@STYLE@': `<style>\n${css}</style>`,
    '@WORKER@': `<script type="text/plain" id="paiban-worker-src">${worker}</script>`,
    '@WASM@': `<script type="application/octet-stream" id="paiban-wasm">${wasmText}</script>`,
    '@BOOT@': `<script>${boot}</script>`,
    '@SCRIPT@': `<script>${app}</script>`,
  };
  for (const [key, value] of Object.entries(parts)) {
    if (html.split(key).length !== 2) {
      console.error(`build-web: web/index.html must hold ${key} exactly once`);
      process.exit(1);
    }
    html = html.replace(key, () => value);
  }
  const version = crypto.createHash('sha256').update(html, 'utf8').digest('hex').slice(0, 16);
  const sw = read('sw.js').replace('@VERSION@', version);

  writeIfChanged(path.join(a.out, 'paiban.html'), html);
  writeIfChanged(path.join(a.out, 'index.html'), html);
  writeIfChanged(path.join(a.out, 'sw.js'), sw);
  if (a.dist) writeIfChanged(a.dist, html);
}

main().catch((e) => {
  console.error(`build-web: ${e.stack || e}`);
  process.exit(1);
});
