'use strict';
// Smoke test of the WASM module and the minimal web page.
//   node web_smoke.cjs WASM_JS [WEB_DIR]
// WEB_DIR defaults to <build>/web (next to <build>/wasm/paiban.js), where the build writes the
// one-file editor (paiban.html, the same bytes as index.html) and sw.js.
// 1. node: the module loads with require(), formats a request, answers a bad request with
//    error JSON, and is deterministic.
// 2. Chromium, from file:// and over http://127.0.0.1 (python3 -m http.server): typing notes
//    into the page shows the formatted article in the preview; no console error, no page
//    error, no request to any other host; axe-core finds no violation.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawn } = require('child_process');
const { loadModule, formatRequest, watchdog } = require('./lib/wasm.cjs');
const { launch, fileUrl, runAxe, formatViolations, guard } = require('./lib/browser.cjs');

const NAME = 'web_smoke';
const NOW = '2024-03-01 09:30:00';
const TITLE = '城区河道清理行动顺利完成';
const PARAGRAPHS = [
  '3月1日上午，区生态环境分局组织开展城区河道清理行动，共清理河道垃圾2.5吨。',
  '分局负责人表示，下一步将建立河道巡查长效机制，确保河道水清岸绿。',
];
const NOTES = PARAGRAPHS.join('\n\n') + '\n';

const failures = [];
const fail = (msg) => failures.push(msg);

function nodePart(mod) {
  const version = mod.version();
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+/.test(version)) fail(`node: version() returned ${JSON.stringify(version)}`);

  let profile = null;
  try {
    profile = JSON.parse(mod.defaultProfile());
  } catch (e) {
    fail(`node: defaultProfile() is not JSON: ${e.message}`);
  }
  if (profile !== null && (typeof profile !== 'object' || Array.isArray(profile)))
    fail('node: defaultProfile() is not a JSON object');

  const request = { input: NOTES, fields: { title: TITLE, column: '工作动态' }, now: NOW };
  const a = formatRequest(mod, request);
  if (!a.json) fail(`node: formatJson returned no JSON: ${a.text.slice(0, 200)}`);
  else if (!a.json.ok) fail(`node: formatJson failed on a good request: ${JSON.stringify(a.json.errors)}`);
  else {
    if (typeof a.json.page !== 'string' || !/^<!DOCTYPE html>/i.test(a.json.page)) fail('node: the page does not start with <!DOCTYPE html>');
    if (!a.json.page.includes(TITLE)) fail('node: the page does not contain the title');
    if (typeof a.json.fragment !== 'string' || !a.json.fragment.includes(TITLE)) fail('node: the fragment does not contain the title');
    if (!Array.isArray(a.json.diagnostics)) fail('node: the response has no diagnostics array');
  }
  const b = formatRequest(mod, request);
  if (a.text !== b.text) fail('node: the same request gave different bytes twice (not deterministic)');

  const bad = [
    ['not JSON', 'this is not json', ''],
    ['no input', JSON.stringify({ now: NOW }), 'input'],
    ['input not a string', JSON.stringify({ input: 42 }), 'input'],
    ['unknown field', JSON.stringify({ input: 'x', fields: { colour: 'x' } }), 'fields.colour'],
    ['bad output', JSON.stringify({ input: 'x', output: 'pdf' }), 'output'],
  ];
  for (const [what, text, field] of bad) {
    const out = mod.formatJson(text);
    let json = null;
    try {
      json = JSON.parse(out);
    } catch (e) {
      fail(`node: bad request (${what}) gave no JSON: ${out.slice(0, 200)}`);
      continue;
    }
    if (json.ok !== false || !Array.isArray(json.errors) || json.errors.length === 0) {
      fail(`node: bad request (${what}) was not answered with ok:false and errors: ${out.slice(0, 200)}`);
      continue;
    }
    const e = json.errors[0];
    if (e.field !== field || !e.message_zh || !e.message_en)
      fail(`node: bad request (${what}): expected an error on field ${JSON.stringify(field)} with both messages, got ${JSON.stringify(e)}`);
  }
  return profile;
}

function startServer(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`python3 -m http.server did not start within 10 s: ${out}`));
    }, 10000);
    const onData = (d) => {
      out += d.toString();
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: `http://127.0.0.1:${m[1]}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start python3 -m http.server: ${err.message}`));
    });
  });
}

// The preview's text, read through the parent (the iframe is same-origin, script-less).
async function previewText(page) {
  return page.evaluate(() => {
    const doc = document.getElementById('preview').contentDocument;
    if (!doc || !doc.body) return { h1: null, text: '' };
    const h1 = doc.querySelector('h1');
    return { h1: h1 ? h1.textContent : null, text: doc.body.innerText };
  });
}

async function waitFor(page, predicate, what, ms = 5000) {
  const until = Date.now() + ms;
  let last = null;
  while (Date.now() < until) {
    last = await previewText(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`${what} did not show in the preview within ${ms / 1000} s; the preview reads: ${JSON.stringify(last)}`);
}

async function browserPart(browser, url, label, allowedOrigins, profile) {
  const context = await browser.newContext();
  const watch = await guard(context, allowedOrigins);
  const page = await context.newPage();
  watch.attach(page);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="1"]', { timeout: 10000 });
    const sandbox = await page.getAttribute('#preview', 'sandbox');
    if (sandbox === null || /allow-scripts/.test(sandbox))
      fail(`${label}: the preview iframe must be sandboxed without allow-scripts (sandbox=${JSON.stringify(sandbox)})`);
    const squash = (s) => (s || '').replace(/\s+/gu, '');

    await page.fill('#f-title', TITLE);
    await page.fill('#notes', NOTES);
    const shown = await waitFor(page, (p) => squash(p.h1) === squash(TITLE), `${label}: the title`);
    for (const para of PARAGRAPHS) {
      // the first words of each paragraph, punctuation-free, must be in the preview
      const head = para.slice(0, 8);
      if (!squash(shown.text).includes(head)) fail(`${label}: the preview lacks the paragraph starting ${JSON.stringify(head)}`);
    }
    const status = await page.textContent('#status');
    if (await page.$('#status.error')) fail(`${label}: the page shows an error: ${status}`);

    // Editing again re-renders (debounced): a changed title shows up.
    await page.fill('#f-title', TITLE + '（续）');
    await waitFor(page, (p) => squash(p.h1) === squash(TITLE + '（续）'), `${label}: the changed title`);

    // Half-width publishing, when the profile has the switch: full-width commas become ASCII.
    const hasSwitch = profile && JSON.stringify(profile).includes('"half_width_publish"');
    await page.check('#f-halfwidth');
    if (hasSwitch) {
      await waitFor(page, (p) => p.text.includes('上午,区生态环境分局'), `${label}: half-width punctuation (半角发布)`);
      await page.uncheck('#f-halfwidth');
      await waitFor(page, (p) => p.text.includes('上午，区生态环境分局'), `${label}: full-width punctuation again`);
    } else {
      await page.waitForTimeout(300);
      if (await page.$('#status.error')) fail(`${label}: 半角发布 made the page show an error: ${await page.textContent('#status')}`);
      await page.uncheck('#f-halfwidth');
    }

    const violations = await runAxe(page);
    if (violations.length) fail(`${label}: axe-core found ${violations.length} violation(s) on the app page:\n${formatViolations(violations)}`);
  } catch (e) {
    fail(`${label}: ${e.message}`);
  } finally {
    await context.close();
  }
  if (watch.consoleErrors.length) fail(`${label}: console errors:\n  ${watch.consoleErrors.join('\n  ')}`);
  if (watch.pageErrors.length) fail(`${label}: page errors:\n  ${watch.pageErrors.join('\n  ')}`);
  if (watch.blocked.length) fail(`${label}: requests to other hosts (blocked):\n  ${[...new Set(watch.blocked)].join('\n  ')}`);
}

async function main() {
  watchdog(NAME, 55);
  const [wasmJs, webDirArg] = process.argv.slice(2);
  const mod = await loadModule(wasmJs);
  const profile = nodePart(mod);

  const webDir = path.resolve(webDirArg || path.join(path.dirname(wasmJs), '..', 'web'));
  const index = path.join(webDir, 'index.html');
  for (const f of ['index.html', 'paiban.html', 'sw.js']) {
    if (!fs.existsSync(path.join(webDir, f))) {
      fail(`browser: ${path.join(webDir, f)} is missing; build the wasm preset (target paiban_web writes the editor)`);
    }
  }
  const one = path.join(webDir, 'paiban.html');
  // Stale one file: its WASM (gzip + base64 in #paiban-wasm; tools/build-web.cjs) is not the one
  // in paiban.js's data URI. (Its JS is minified, so it is not compared as text.)
  if (fs.existsSync(one)) {
    const moduleWasm = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(fs.readFileSync(wasmJs, 'utf8'));
    const pageWasm = /<script type="application\/octet-stream" id="paiban-wasm">([A-Za-z0-9+/=]*)<\/script>/.exec(
      fs.readFileSync(one, 'utf8'));
    const same =
      moduleWasm && pageWasm &&
      zlib.gunzipSync(Buffer.from(pageWasm[1], 'base64')).equals(Buffer.from(moduleWasm[1], 'base64'));
    if (!same) fail(`browser: ${one} does not inline ${wasmJs}'s WASM (stale); rebuild (target paiban_web)`);
  }
  if (failures.length === 0) {
    const browser = await launch();
    let server = null;
    try {
      await browserPart(browser, fileUrl(index), 'file://', [], profile);
      server = await startServer(webDir);
      await browserPart(browser, `${server.origin}/index.html`, 'http', [server.origin], profile);
    } finally {
      if (server) server.child.kill();
      await browser.close();
    }
  }

  if (failures.length) {
    console.error(`${NAME}: FAIL (${failures.length} problem(s))`);
    for (const f of failures) console.error(`- ${f}`);
    return 1;
  }
  console.log(`${NAME}: ok (node API, page from file:// and http://127.0.0.1, no console errors, no outside requests, axe clean)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`${NAME}: FAIL: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  }
);
