#!/usr/bin/env node
'use strict';
// Builds the editor as one HTML file: web/style.css, the app's scripts and the formatting
// worker (paiban.js with the WASM inlined + web/worker.js) all inside web/index.html.
//   node tools/build-web.cjs --paiban PAIBAN_JS --out DIR [--dist FILE]
// Writes DIR/paiban.html, DIR/index.html (the same bytes, for the served folder) and DIR/sw.js;
// --dist also writes the one file there (dist/paiban.html). The app's script is allowed by its
// sha256 in the Content-Security-Policy, so no inline script but this one can ever run.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const WEB = path.join(__dirname, '..', 'web');
const APP_SCRIPTS = ['strings.js', 'decode.js', 'store.js', 'editor.js', 'app.js'];

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

// Text inside <script> or <style> must not end the element early or open an HTML comment.
function checkRaw(text, what, tag) {
  const bad = new RegExp(`</${tag}|<!--`, 'i').exec(text);
  if (bad) {
    console.error(`build-web: ${what} contains "${bad[0]}" at offset ${bad.index}; it cannot be inlined`);
    process.exit(1);
  }
}

function writeIfChanged(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
}

function main() {
  const a = args(process.argv.slice(2));
  const paiban = fs.readFileSync(a.paiban, 'utf8');
  const worker = `${paiban}\n${read('worker.js')}`;
  const app = APP_SCRIPTS.map((f) => `// ---- web/${f}\n${read(f)}`).join('\n');
  const css = read('style.css');
  checkRaw(worker, 'the worker (paiban.js + worker.js)', 'script');
  checkRaw(app, 'the app script', 'script');
  checkRaw(css, 'style.css', 'style');

  const hash = crypto.createHash('sha256').update(app, 'utf8').digest('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${hash}' 'wasm-unsafe-eval'`,
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

main();
