'use strict';
// The benchmark: builds what it needs, generates the corpus, runs every row on the same bytes in
// the same run, and prints one table plus the budget checks. See docs/performance.md.
//
//   node bench/run.cjs [options]          (bench/run.sh is the same)
//     --sizes 6k,100k,1m,10m   corpus sizes (default all four)
//     --runs N --warmup N      samples after warm-up (default 7 and 2; at least 5 runs for budgets)
//     --native-build DIR       native build folder (default build/native-release, the preset)
//     --wasm-build DIR         WASM build folder (default build/wasm-release, the preset)
//     --dist FILE              the one-file editor for the dist row (default dist/paiban.html);
//                              its cold open is measured by the driver and driver-free
//                              (bench/cold_cdp.cjs), alternated, max(7, --runs) opens each
//     --no-build               use the builds as they are
//     --only a,b / --skip a,b  rows: native native-parts cmark wasm-node chromium pandoc commonmark
//                              markdown-it autocorrect batch dist (native-parts: format_parts,
//                              the editor's call, natively)
//     --batch-files N          files in the batch corpus (default 400 of 3–30 KB)
//     --json FILE              also write every measurement as JSON
//     --smoke                  tiny corpus, 1 run, no warm-up: checks every row works (CI); the
//                              budgets are printed as "not checked"
// Exit code: 0 when every row ran (budgets are reported, not asserted), 1 when a row failed.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const zlib = require('zlib');
const { spawnSync } = require('child_process');
const { writeCorpus, generate, rng } = require('./corpus.cjs');
const { median } = require('./timing.cjs');
const coldCdp = require('./cold_cdp.cjs');

const ROOT = path.resolve(__dirname, '..');
const ALL_ROWS = ['native', 'native-parts', 'cmark', 'wasm-node', 'chromium', 'pandoc', 'commonmark', 'markdown-it', 'autocorrect', 'batch', 'dist'];
const LABELS = {
  native: 'paiban native (in-process)',
  'native-parts': "paiban native, the editor's call (format_parts)",
  'wasm-node': 'paiban WASM in node',
  chromium: 'paiban WASM in Chromium (worker)',
  cmark: 'raw cmark (parse + render)',
  pandoc: 'pandoc (markdown → standalone HTML)',
  commonmark: 'commonmark.js',
  'markdown-it': 'markdown-it + cjk-breaks',
  autocorrect: 'autocorrect-node + markdown-it + template',
};
const TABLE_ROWS = ['native', 'native-parts', 'wasm-node', 'chromium', 'cmark', 'pandoc', 'commonmark', 'markdown-it', 'autocorrect'];

function parseArgs(argv) {
  const o = {
    sizes: ['6k', '100k', '1m', '10m'],
    runs: 7,
    warmup: 2,
    nativeBuild: path.join(ROOT, 'build/native-release'),
    wasmBuild: path.join(ROOT, 'build/wasm-release'),
    build: true,
    rows: new Set(ALL_ROWS),
    batchFiles: 400,
    json: null,
    smoke: false,
    corpus: path.join(ROOT, 'build/bench-corpus'),
    dist: path.join(ROOT, 'dist/paiban.html'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--sizes') o.sizes = v().split(',').filter(Boolean);
    else if (a === '--runs') o.runs = parseInt(v(), 10);
    else if (a === '--warmup') o.warmup = parseInt(v(), 10);
    else if (a === '--native-build') o.nativeBuild = path.resolve(v());
    else if (a === '--wasm-build') o.wasmBuild = path.resolve(v());
    else if (a === '--no-build') o.build = false;
    else if (a === '--only') o.rows = new Set(v().split(','));
    else if (a === '--skip') for (const r of v().split(',')) o.rows.delete(r);
    else if (a === '--batch-files') o.batchFiles = parseInt(v(), 10);
    else if (a === '--json') o.json = path.resolve(v());
    else if (a === '--corpus') o.corpus = path.resolve(v());
    else if (a === '--dist') o.dist = path.resolve(v());
    else if (a === '--smoke') o.smoke = true;
    else if (a === '-h' || a === '--help') {
      const lines = fs.readFileSync(__filename, 'utf8').split('\n').slice(1);
      const head = lines.slice(0, lines.findIndex((l) => !l.startsWith('//')));
      console.log(head.join('\n').replace(/^\/\/ ?/gm, ''));
      process.exit(0);
    } else die(`unknown option ${a}`);
  }
  if (o.smoke) {
    o.sizes = ['2k', '20k'];
    o.runs = 1;
    o.warmup = 0;
    o.batchFiles = 8;
    o.corpus = path.join(o.corpus, 'smoke');
  }
  for (const r of o.rows) if (!ALL_ROWS.includes(r)) die(`unknown row ${r} (rows: ${ALL_ROWS.join(' ')})`);
  return o;
}

function die(msg) {
  console.error(`bench: ${msg}`);
  process.exit(2);
}

function log(msg) {
  process.stderr.write(`bench: ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  if (r.error) return { ok: false, out: '', err: String(r.error.message), status: -1 };
  return { ok: r.status === 0, out: r.stdout || '', err: r.stderr || '', status: r.status };
}

function have(cmd) {
  return run('sh', ['-c', `command -v ${cmd}`]).ok;
}

function canResolve(name) {
  for (const root of [ROOT, path.join(ROOT, 'tools/compare')]) {
    try {
      require.resolve(name, { paths: [root] });
      return true;
    } catch (e) {
      // not here
    }
  }
  return false;
}

// ---- builds ---------------------------------------------------------------------------------
function buildNative(o) {
  const dir = o.nativeBuild;
  if (!fs.existsSync(path.join(dir, 'CMakeCache.txt'))) {
    const args = ['-S', ROOT, '-B', dir, '-DCMAKE_BUILD_TYPE=Release', '-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG',
      '-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG'];
    log(`configure ${path.relative(ROOT, dir)}`);
    const c = run('cmake', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (!c.ok) die('native configure failed');
  }
  log(`build ${path.relative(ROOT, dir)} (paiban_bench, paiban)`);
  const b = run('cmake', ['--build', dir, '-j', String(os.cpus().length), '--target', 'paiban_bench', 'paiban'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!b.ok) die('native build failed');
}

function buildWasm(o) {
  const dir = o.wasmBuild;
  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
  if (!fs.existsSync(path.join(dir, 'CMakeCache.txt'))) {
    const flags = '-O2 -DNDEBUG -fno-exceptions';
    const args = ['-S', ROOT, '-B', dir, '--toolchain', '/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake',
      '-DCMAKE_BUILD_TYPE=Release', `-DCMAKE_C_FLAGS_RELEASE=${flags}`, `-DCMAKE_CXX_FLAGS_RELEASE=${flags}`,
      '-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node', `-DPAIBAN_NATIVE_BUILD=${o.nativeBuild}`];
    log(`configure ${path.relative(ROOT, dir)}`);
    const c = run('cmake', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (!c.ok) die('wasm configure failed');
  }
  log(`build ${path.relative(ROOT, dir)} (paiban_wasm)`);
  const b = run('cmake', ['--build', dir, '-j', String(os.cpus().length), '--target', 'paiban_wasm'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!b.ok) die('wasm build failed');
}

// ---- rows -----------------------------------------------------------------------------------
function parseJsonLine(text) {
  const line = text.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch (e) {
    return null;
  }
}

// glibc gives the memory a call freed back to the kernel when the free space at the top of its
// heap passes a threshold, and the next call takes it back a page at a time (a page fault each).
// With these settings the process keeps what it freed, as a long-running caller would set it up:
// the native rows are measured both ways (the budget lines use glibc's defaults; see
// docs/performance.md, "What was done", eighth round).
const KEEP_FREED = 'glibc.malloc.trim_threshold=268435456:glibc.malloc.mmap_threshold=33554432';

function nativeRow(o, mode, file, keepFreed = false) {
  const exe = path.join(o.nativeBuild, 'bench/paiban_bench');
  const env = keepFreed ? { ...process.env, GLIBC_TUNABLES: KEEP_FREED } : process.env;
  const r = run(exe, [mode, file, String(o.runs), String(o.warmup)], { env });
  const j = r.ok ? parseJsonLine(r.out) : null;
  if (!j) return { error: `paiban_bench ${mode} failed: ${r.err.trim().slice(0, 300)}` };
  return { mbs: j.mb_per_s, ms: j.median_ms, runs: j.runs_ms, peak: j.peak_heap_bytes, peakKind: 'heap', out: j.output_bytes };
}

/// Rounds of the native rows (see the size loop): each round runs every native row once.
const NATIVE_ROUNDS = 3;

/// The native rows the options ask for, each with the samples of its rounds so far (`got`).
function nativeRows(o) {
  const rows = [];
  if (o.rows.has('cmark')) rows.push({ key: ['cmark'], mode: 'cmark' });
  if (o.rows.has('native')) rows.push({ key: ['native'], mode: 'paiban' });
  if (o.rows.has('native-parts')) rows.push({ key: ['native-parts'], mode: 'paiban-parts' });
  if (o.rows.has('native') && o.rows.has('cmark')) {
    rows.push({ key: ['kept', 'cmark'], mode: 'cmark', keep: true });
    rows.push({ key: ['kept', 'native'], mode: 'paiban', keep: true });
  }
  for (const r of rows) r.got = [];
  return rows;
}

/// One round: every native row once, on the size's file.
function nativeRound(o, c, rows) {
  for (const r of rows) r.got.push(nativeRow(o, r.mode, c.file, r.keep));
}

/// One row from its rounds: every sample pooled, the median of them all.
function pooled(rounds, bytes) {
  const bad = rounds.find((r) => r.error);
  if (bad) return bad;
  const runs = [].concat(...rounds.map((r) => r.runs));
  const ms = median(runs);
  return { ...rounds[0], runs, ms, mbs: ms > 0 ? bytes / 1e6 / (ms / 1e3) : 0, rounds: rounds.length };
}

/// The editor's worker's BIG_BYTES (web/worker.js): above it, a result's texts stay in the worker
/// undecoded, and the WASM rows time what the worker reads (bench/app_reads.js).
function workerBigBytes() {
  const m = /\bvar BIG_BYTES = (\d+);/.exec(fs.readFileSync(path.join(ROOT, 'web/worker.js'), 'utf8'));
  if (!m) throw new Error('bench: web/worker.js has no BIG_BYTES');
  return Number(m[1]);
}

function nodeRow(o, row, file) {
  const wasmJs = path.join(o.wasmBuild, 'wasm/paiban.js');
  const r = run(process.execPath, [path.join(__dirname, 'node_runner.cjs'), row, file, String(o.runs), String(Math.max(o.warmup, o.smoke ? 0 : 3)), wasmJs, String(workerBigBytes())]);
  const j = r.ok ? parseJsonLine(r.out) : null;
  if (!j) return { error: `${row} failed: ${r.err.trim().slice(0, 300)}` };
  return { mbs: j.mb_per_s, ms: j.median_ms, runs: j.runs_ms, peak: j.peak_bytes, peakKind: j.peak_kind, out: j.output_bytes };
}

function pandocRow(o, file, tmp) {
  if (!have('pandoc')) return { error: 'pandoc not installed (tools/setup.sh installs it)' };
  const tpl = path.join(__dirname, 'template.html');
  const out = path.join(tmp, 'pandoc.html');
  const title = fs.readFileSync(file, 'utf8').split('\n')[0].replace(/^标题[：:]/, '');
  const args = ['-f', 'markdown', '-t', 'html5', '-s', '--template', tpl, '--metadata', `title=${title}`, '-o', out, file];
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = run('pandoc', args);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!r.ok) throw new Error(r.err.trim().slice(0, 300));
    return ms;
  };
  try {
    for (let i = 0; i < o.warmup; i++) once();
    const runs = [];
    for (let i = 0; i < o.runs; i++) runs.push(once());
    const ms = median(runs);
    let peak = null;
    if (fs.existsSync('/usr/bin/time')) {
      const m = run('/usr/bin/time', ['-f', '%M', 'pandoc', ...args]);
      const kb = parseInt(m.err.trim().split('\n').pop(), 10);
      if (Number.isFinite(kb)) peak = kb * 1024;
    }
    const bytes = fs.statSync(file).size;
    return { mbs: bytes / 1e6 / (ms / 1e3), ms, runs, peak, peakKind: 'process-rss', out: fs.statSync(out).size };
  } catch (e) {
    return { error: `pandoc failed: ${e.message}` };
  }
}

// A local server for the Chromium row: the harness page, paiban.js and the corpus, on 127.0.0.1
// only, with COOP/COEP so that performance.now() has its fine resolution in the worker.
function startServer(o, files) {
  const routes = {
    '/index.html': path.join(__dirname, 'browser/index.html'),
    '/bench.js': path.join(__dirname, 'browser/bench.js'),
    '/worker.js': path.join(__dirname, 'browser/worker.js'),
    '/app_reads.js': path.join(__dirname, 'app_reads.js'),
    '/paiban.js': path.join(o.wasmBuild, 'wasm/paiban.js'),
  };
  for (const f of files) routes[`/corpus/${path.basename(f)}`] = f;
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.txt': 'text/plain; charset=utf-8' };
  const server = http.createServer((req, res) => {
    const p = routes[req.url.split('?')[0]];
    if (!p || !fs.existsSync(p)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': types[path.extname(p)] || 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(p).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function chromiumRows(o, corpus, results) {
  let browser = null;
  let server = null;
  try {
    const { launch } = require(path.join(ROOT, 'tests/node/lib/browser.cjs'));
    server = await startServer(o, corpus.map((c) => c.file));
    const port = server.address().port;
    browser = await launch();
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    const ready = await page.evaluate(() => window.benchReady);
    results.chromiumIsolated = ready.crossOriginIsolated;
    for (const c of corpus) {
      const req = { url: `/corpus/${path.basename(c.file)}`, runs: o.runs, warmup: Math.max(o.warmup, o.smoke ? 0 : 3), bigBytes: workerBigBytes() };
      const j = await page.evaluate((r) => window.benchRun(r), req);
      if (j.error || !j.output_ok) results.rows.chromium[c.name] = { error: `chromium: ${j.error || 'formatParts gave no ok result'} ${errors.join('; ')}` };
      else results.rows.chromium[c.name] = { mbs: j.mb_per_s, ms: j.median_ms, runs: j.runs_ms, peak: j.peak_bytes, peakKind: j.peak_kind };
    }
    if (o.rows.has('dist')) {
      try {
        await distChecks(o, browser, results);
      } catch (e) {
        results.dist = { error: `dist: ${e.message.split('\n')[0]}` };
      }
    }
  } catch (e) {
    for (const c of corpus) if (!results.rows.chromium[c.name]) results.rows.chromium[c.name] = { error: `chromium: ${e.message}` };
  } finally {
    if (browser) await browser.close();
    if (server) server.close();
  }
}

// dist/paiban.html (or --dist FILE): its gzip size, and a cold open from file:// to the first preview.
async function distChecks(o, browser, results) {
  const dist = o.dist;
  if (!fs.existsSync(dist)) {
    results.dist = { error: `${path.relative(ROOT, dist)} not built` };
    return;
  }
  const gz = zlib.gzipSync(fs.readFileSync(dist), { level: 9 }).length;
  // From navigation to the app being ready (worker loaded), then the notes pasted at once and
  // the time to the first preview: both measured from navigation start, in the page's clock.
  // The page also records, exactly, when data-ready and the preview's srcdoc were set (mutation
  // observers installed before any of its scripts) and when the paste happened; "app" is
  // ready + (preview − paste): the same cold open without the driver's polling and round trips
  // (its worker still held by the driver at start: see the driver-free measurement below).
  const sample = fs.readFileSync(path.join(o.corpus, `${o.sizes[0]}.txt`), 'utf8');
  const url = require('url').pathToFileURL(dist).href;
  const ready = [];
  const times = [];
  const appReady = [];
  const appTimes = [];
  const watch = () => {
    const marks = (window.__benchMarks = { ready: null, previews: [] });
    new MutationObserver(() => {
      if (marks.ready === null && document.documentElement.getAttribute('data-ready') === '1') marks.ready = performance.now();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    new MutationObserver(() => marks.previews.push(performance.now())).observe(document, {
      attributes: true,
      subtree: true,
      attributeFilter: ['srcdoc'],
    });
  };
  const driverOpen = async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(watch);
    await page.goto(url);
    const r = await page.waitForFunction(() => (document.querySelector('[data-ready="1"]') ? performance.now() : false), null, {
      timeout: 10000,
      polling: 'raf',
    });
    ready.push(await r.jsonValue());
    const pasted = await page.evaluate((text) => {
      const before = document.getElementById('preview').getAttribute('srcdoc') || '';
      window.__benchBefore = before;
      window.__benchMarks.previews = [];
      const notes = document.getElementById('notes');
      const at = performance.now();
      notes.value = text;
      notes.dispatchEvent(new Event('input', { bubbles: true }));
      return at;
    }, sample);
    const t = await page.waitForFunction(
      () => {
        const doc = document.getElementById('preview').getAttribute('srcdoc') || '';
        return doc.length > 0 && doc !== window.__benchBefore ? performance.now() : false;
      },
      null,
      { timeout: 10000, polling: 'raf' }
    );
    times.push(await t.jsonValue());
    const marks = await page.evaluate(() => window.__benchMarks);
    if (marks && marks.ready !== null && marks.previews.length) {
      appReady.push(marks.ready);
      appTimes.push(marks.ready + (marks.previews[0] - pasted));
    }
    await ctx.close();
  };
  // The same cold open without the driver (bench/cold_cdp.cjs): a second headless Chromium
  // spoken to over the DevTools pipe, nothing attached to the page's worker, the page pasting
  // the same notes in the same way on data-ready and timing the same "preview shows the notes"
  // condition on animation frames. Opens alternate with the driver's (the order swapped every
  // pair), the same number of each.
  const cdpMarks = [];
  let cdpError = null;
  let cdp = null;
  const cdpOpen = async () => {
    if (cdpError) return;
    try {
      if (!cdp) {
        const { chromiumPath, LAUNCH_ARGS } = require(path.join(ROOT, 'tests/node/lib/browser.cjs'));
        cdp = await coldCdp.launch(chromiumPath(), LAUNCH_ARGS);
      }
      cdpMarks.push(await coldCdp.coldOpen(cdp, url, sample));
    } catch (e) {
      cdpError = e.message.split('\n')[0];
    }
  };
  const n = o.smoke ? 1 : Math.max(7, o.runs);
  try {
    for (let i = 0; i < n; i++) {
      if (i % 2 === 0) {
        await driverOpen();
        await cdpOpen();
      } else {
        await cdpOpen();
        await driverOpen();
      }
    }
  } finally {
    if (cdp) await cdp.close();
  }
  // after the cold opens, which it must not warm: the first size's notes, and 100 KB's (which
  // the editor shows a part at a time) when the run has them
  const keys = [];
  for (const size of [o.sizes[0]].concat(!o.smoke && o.sizes[0] !== '100k' && o.sizes.includes('100k') ? ['100k'] : [])) {
    const text = fs.readFileSync(path.join(o.corpus, `${size}.txt`), 'utf8');
    const k = await keystrokes(browser, url, text, o.smoke ? 2 : size === '100k' ? 10 : 20).catch((e) => ({ error: e.message.split('\n')[0] }));
    keys.push(Object.assign({ size }, k));
  }
  results.dist = {
    gzip: gz,
    opens: n,
    coldOpenMs: median(times),
    coldOpenRuns: times,
    readyMs: median(ready),
    readyRuns: ready,
    appReadyMs: appReady.length ? median(appReady) : null,
    appColdOpenMs: appTimes.length ? median(appTimes) : null,
    appColdOpenRuns: appTimes,
    appReadyRuns: appReady,
    cdpError,
    cdpColdOpenMs: cdpError ? null : median(cdpMarks.map((m) => m.shown)),
    cdpReadyMs: cdpError ? null : median(cdpMarks.map((m) => m.ready)),
    cdpSrcdocMs: cdpError ? null : median(cdpMarks.map((m) => m.srcdoc)),
    cdpRuns: cdpMarks,
    sample: o.sizes[0],
    keys,
  };
}

// Not a budget: what the editor itself does per keystroke around the format. The notes pasted
// (a paste event, as the editor takes one: notes over its part size are shown a part at a
// time), then `count` keys typed at the end of what the editor shows by the page itself (no
// driver round trip per key), each after the typing pause (so each is formatted at once) and
// waited for until its result is shown (data-rendered moved on, nothing busy). Returns the
// page's main-thread time per keystroke (Chromium's TaskDuration: style, layout, paint and
// script, the preview's frame included) and the median time from the key to its result shown.
async function keystrokes(browser, url, sample, count) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await ctx.newPage();
    // change() done in the page, then the time its result is shown (data-rendered moved on,
    // nothing busy)
    await page.addInitScript(() => {
      window.__benchShownAfter = (change) => {
        const html = document.documentElement;
        const was = Number(html.getAttribute('data-rendered') || 0);
        const shown = new Promise((done) => {
          const mo = new MutationObserver(() => {
            if (Number(html.getAttribute('data-rendered') || 0) > was && !html.hasAttribute('data-busy') && !html.hasAttribute('data-preview-loading')) {
              mo.disconnect();
              done(performance.now());
            }
          });
          mo.observe(html, { attributes: true });
        });
        change();
        return shown;
      };
    });
    await page.goto(url);
    await page.waitForSelector('html[data-ready="1"]', { timeout: 10000 });
    const shown = await page.evaluate(async (text) => {
      const notes = document.getElementById('notes');
      await window.__benchShownAfter(() => {
        notes.focus();
        const dt = new DataTransfer();
        dt.setData('text/plain', text);
        notes.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      await new Promise((r) => setTimeout(r, 200));
      return notes.value.length;
    }, sample);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
    const before = await task();
    const times = await page.evaluate(async (k) => {
      const notes = document.getElementById('notes');
      notes.focus();
      notes.setSelectionRange(notes.value.length, notes.value.length);
      const out = [];
      for (let i = 0; i < k; i++) {
        await new Promise((r) => setTimeout(r, 200)); // past the typing pause
        const at = performance.now();
        out.push((await window.__benchShownAfter(() => document.execCommand('insertText', false, i % 2 ? '。' : '字'))) - at);
      }
      return out;
    }, count);
    const after = await task();
    return { count, taskMs: ((after - before) * 1000) / count, keyToShownMs: median(times), runs: times, shownChars: shown };
  } finally {
    await ctx.close();
  }
}

// A pure-CPU control for the batch row: the same loop on 1 thread and split over 2 threads. On a
// shared machine the scheduler may give this process group one CPU whatever its thread count;
// the control shows how much parallelism the machine gave in this run.
const SPIN = `
const { Worker, isMainThread, workerData } = require('worker_threads');
const spin = (n) => { let x = 0; for (let k = 0; k < n; k++) x = (x + Math.imul(k, k)) | 0; return x; };
if (isMainThread) {
  const threads = Number(process.argv[1]);
  const n = 2e8 / threads;
  let left = threads;
  for (let t = 0; t < threads; t++) new Worker(SRC, { eval: true, workerData: n }).on('exit', () => { if (--left === 0) process.exit(0); });
} else spin(workerData);
`;

function batchRow(o, results) {
  const exe = path.join(o.nativeBuild, 'cli/paiban');
  const dir = path.join(o.corpus, 'batch');
  const inDir = path.join(dir, 'in');
  fs.mkdirSync(inDir, { recursive: true });
  // A folder as editors have it: many article-sized notes (3–30 KB), not a few big files: the
  // pool hands out whole files, so a handful of big ones cannot keep two cores busy.
  const sizes = rng(4242);
  const lo = 3 * 1024;
  const hi = o.smoke ? 8 * 1024 : 30 * 1024;
  const names = new Set();
  let total = 0;
  for (let i = 0; i < o.batchFiles; i++) {
    const name = `note-${String(i).padStart(4, '0')}.txt`;
    names.add(name);
    const f = path.join(inDir, name);
    const buf = Buffer.from(generate(lo + sizes.int(hi - lo + 1), 1000 + i), 'utf8');
    if (!fs.existsSync(f) || !fs.readFileSync(f).equals(buf)) fs.writeFileSync(f, buf);
    total += buf.length;
  }
  for (const f of fs.readdirSync(inDir)) if (!names.has(f)) fs.rmSync(path.join(inDir, f), { force: true });
  // user + sys from /usr/bin/time when there is one: CPU utilisation = (user + sys) / wall.
  const timeExe = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const timeFile = path.join(dir, 'time.txt');
  const timed = (cmd, args) => {
    const full = timeExe ? [timeExe, ['-f', '%U %S', '-o', timeFile, cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const r = run(full[0], full[1]);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    let cpuMs = null;
    if (timeExe && fs.existsSync(timeFile)) {
      const [u, sy] = fs.readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
      cpuMs = (u + sy) * 1e3;
    }
    return { r, ms, cpuMs };
  };
  // Each run writes into a new folder; they are removed after the row. Deleting the last run's
  // 400 pages right before a run made the next run's file creation slower (on ext4 without a
  // journal, new inodes skip recently deleted ones), and that kernel work is serial per folder.
  const outs = [];
  for (const f of fs.readdirSync(dir)) if (f.startsWith('out-')) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  const once = (jobs) => {
    const out = path.join(dir, `out-${outs.length}-j${jobs}`);
    outs.push(out);
    const { r, ms, cpuMs } = timed(exe, ['batch', inDir, out, '-j', String(jobs), '--now', '2024-01-01 09:00:00', '-q']);
    if (!r.ok) throw new Error(`paiban batch -j ${jobs} exited ${r.status}: ${r.err.trim().slice(0, 300)}`);
    return { ms, cpuMs, out };
  };
  const spin = (threads) => {
    const { r, ms } = timed(process.execPath, ['-e', `const SRC = ${JSON.stringify(SPIN)};` + SPIN, String(threads)]);
    if (!r.ok) throw new Error(`control exited ${r.status}: ${r.err.trim().slice(0, 300)}`);
    return ms;
  };
  try {
    const j1 = [];
    const j2 = [];
    const c1 = [];
    const c2 = [];
    once(1);
    const n = o.smoke ? 1 : Math.max(5, Math.min(o.runs, 9));
    for (let i = 0; i < n; i++) {
      j1.push(once(1));
      j2.push(once(2));
      if (!o.smoke) {
        c1.push(spin(1));
        c2.push(spin(2));
      }
    }
    const report = (runs) => fs.readFileSync(path.join(runs[runs.length - 1].out, 'paiban-report.json'));
    if (!report(j1).equals(report(j2))) throw new Error('the report differs between -j 1 and -j 2');
    const util = (runs) => (runs[0].cpuMs == null ? null : runs.reduce((a, x) => a + x.cpuMs, 0) / runs.reduce((a, x) => a + x.ms, 0));
    results.batch = {
      files: o.batchFiles, bytes: total,
      j1Ms: median(j1.map((x) => x.ms)), j2Ms: median(j2.map((x) => x.ms)),
      j1CpuMs: j1[0].cpuMs == null ? null : median(j1.map((x) => x.cpuMs)),
      j2CpuMs: j2[0].cpuMs == null ? null : median(j2.map((x) => x.cpuMs)),
      j1Util: util(j1), j2Util: util(j2),
      controlSpeedup: c1.length ? median(c1) / median(c2) : null,
      j1, j2, c1, c2,
    };
  } catch (e) {
    results.batch = { error: e.message };
  }
  for (const out of outs) fs.rmSync(out, { recursive: true, force: true });
}

// ---- report ---------------------------------------------------------------------------------
function fmtMbs(x) {
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}
function fmtBytes(b) {
  if (b === null || b === undefined) return '–';
  if (b >= 1 << 20) return `${(b / (1 << 20)).toFixed(1)}M`;
  return `${(b / 1024).toFixed(0)}K`;
}

function printTable(o, corpus, results) {
  const lines = [];
  const head = ['row'];
  for (const c of corpus) head.push(`${c.name} MB/s`, '×cmark', 'peak mem');
  lines.push(`| ${head.join(' | ')} |`);
  lines.push(`|${head.map(() => '---').join('|')}|`);
  for (const row of TABLE_ROWS) {
    if (!o.rows.has(row)) continue;
    const cells = [LABELS[row]];
    for (const c of corpus) {
      const m = results.rows[row][c.name];
      const base = results.rows.cmark[c.name];
      if (!m || m.error) {
        cells.push('error', '', '');
        continue;
      }
      cells.push(fmtMbs(m.mbs));
      cells.push(base && !base.error ? `${(m.mbs / base.mbs).toFixed(3)}` : '–');
      const kind = { heap: 'heap', 'wasm-memory': 'wasm', 'rss-growth': 'rss+', 'process-rss': 'rss' }[m.peakKind] || '';
      cells.push(m.peak ? `${fmtBytes(m.peak)} ${kind}` : '–');
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const sizes = corpus.map((c) => `${c.name} = ${c.bytes} B`).join(', ');
  lines.push('');
  lines.push(`inputs: ${sizes}; median of ${o.runs} runs after ${o.warmup}+ warm-up (native rows: ${o.smoke ? 1 : NATIVE_ROUNDS} alternated rounds of ${o.runs}, pooled); MB = 10^6 bytes;`);
  lines.push('peak mem: heap = most heap live in one call (native); wasm = WASM linear memory size after the runs;');
  lines.push('rss+ = process RSS growth (node); rss = whole-process peak RSS (pandoc).');
  lines.push("WASM rows: the editor's call, formatParts(notes, options), and the decoding of what the editor's worker reads of it at once (the JSON; the page and the fragment unless the result is big: bench/app_reads.js).");
  if (results.chromiumIsolated === false) lines.push('note: the Chromium worker was not cross-origin isolated (coarse clock).');
  for (const row of TABLE_ROWS) {
    for (const c of corpus) {
      const m = results.rows[row] && results.rows[row][c.name];
      if (m && m.error) lines.push(`error: ${LABELS[row]} ${c.name}: ${m.error}`);
    }
  }
  return lines;
}

function budgetLines(o, corpus, results) {
  const out = [];
  const R = results.rows;
  const ok = (m) => m && !m.error;
  const line = (name, holds, value) => out.push(`budget: ${name} ${o.smoke ? 'not checked (smoke run)' : holds === null ? 'not measured' : holds ? 'holds' : 'FAILS'} (${value})`);
  const perSize = (row, other, min, label) => {
    const vals = corpus.filter((c) => ok(R[row][c.name]) && ok(R[other][c.name])).map((c) => [c.name, R[row][c.name].mbs / R[other][c.name].mbs]);
    if (!vals.length) return line(label, null, 'no data');
    const worst = vals.reduce((a, b) => (b[1] < a[1] ? b : a));
    line(label, vals.length === corpus.length && worst[1] >= min, vals.map(([n, v]) => `${n} ${v.toFixed(3)}×`).join(', ') + `; worst ${worst[0]}`);
  };
  perSize('native', 'cmark', 0.5, 'native full pipeline ≥ 0.5× raw cmark at every size:');
  perSize('chromium', 'native', 0.5, 'WASM in Chromium ≥ 0.5× native:');
  // Not a budget: the WASM rows time the app's call (notes in; the JSON of the rest and the
  // three texts apart out), the native row format() alone; format_parts is the same call
  // natively (without the worker's encoding and decoding): what compiling to WASM and the
  // boundary cost.
  const same = corpus.filter((c) => ok(R.chromium[c.name]) && ok(R['native-parts'] && R['native-parts'][c.name]));
  if (same.length)
    out.push('info: WASM in Chromium / native on the same call (formatParts vs format_parts): ' +
      same.map((c) => `${c.name} ${(R.chromium[c.name].mbs / R['native-parts'][c.name].mbs).toFixed(3)}×`).join(', '));
  // Not a budget: the native rows again with freed memory kept in the process (KEEP_FREED).
  const kept = results.keptFreed || {};
  const keptSizes = corpus.filter((c) => kept[c.name] && ok(kept[c.name].native) && ok(kept[c.name].cmark));
  if (keptSizes.length)
    out.push('info: native / raw cmark with freed memory kept in the process (glibc tunables): ' +
      keptSizes.map((c) => {
        const k = kept[c.name];
        return `${c.name} ${(k.native.mbs / k.cmark.mbs).toFixed(3)}× (${k.native.mbs.toFixed(1)} / ${k.cmark.mbs.toFixed(1)} MB/s)`;
      }).join(', '));
  perSize('native', 'autocorrect', 10, 'native ≥ 10× the JS stack:');
  perSize('chromium', 'autocorrect', 10, 'Chromium ≥ 10× the JS stack:');
  perSize('native', 'pandoc', 50, 'native ≥ 50× pandoc:');
  perSize('chromium', 'pandoc', 50, 'Chromium ≥ 50× pandoc:');
  const ch = R.chromium;
  const small = corpus.find((c) => c.name === '6k');
  const big = corpus.find((c) => c.name === '10m');
  const mid = corpus.find((c) => c.name === '1m');
  if (small && ok(ch['6k'])) line('Chromium 6 KB median < 0.2 ms:', ch['6k'].ms < 0.2, `${ch['6k'].ms.toFixed(3)} ms`);
  else line('Chromium 6 KB median < 0.2 ms:', null, 'no 6k run');
  if (big && ok(ch['10m'])) line('Chromium 10 MB median < 150 ms:', ch['10m'].ms < 150, `${ch['10m'].ms.toFixed(1)} ms`);
  else line('Chromium 10 MB median < 150 ms:', null, 'no 10m run');
  if (big && mid && ok(ch['10m']) && ok(ch['1m'])) {
    const k = ch['10m'].ms / ch['1m'].ms;
    line('Chromium linear time, 10 MB / 1 MB ≤ 11:', k <= 11, `${k.toFixed(2)}`);
  } else line('Chromium linear time, 10 MB / 1 MB ≤ 11:', null, 'needs 1m and 10m');
  const mem = corpus.filter((c) => ok(R.native[c.name])).map((c) => [c.name, R.native[c.name].peak / c.bytes]);
  if (mem.length) {
    const worst = mem.reduce((a, b) => (b[1] > a[1] ? b : a));
    line('peak memory ≤ 6× input (native heap):', worst[1] <= 6, mem.map(([n, v]) => `${n} ${v.toFixed(1)}×`).join(', '));
  }
  // WASM memory only grows, and starts at 16 MiB (the module's initial memory, whatever the
  // notes): meaningful for the inputs whose 6× passes it only (of the bench's, 10m).
  const WASM_INITIAL = 16 << 20;
  const wasmMem = corpus
    .filter((c) => ok(ch[c.name]) && 6 * c.bytes > WASM_INITIAL)
    .map((c) => [c.name, ch[c.name].peak / c.bytes]);
  if (wasmMem.length) {
    const worst = wasmMem.reduce((a, b) => (b[1] > a[1] ? b : a));
    line('peak memory ≤ 6× input (Chromium WASM memory, inputs whose 6× passes its initial 16 MiB):', worst[1] <= 6, wasmMem.map(([n, v]) => `${n} ${v.toFixed(1)}×`).join(', '));
  }
  if (o.rows.has('dist')) {
    const d = results.dist;
    if (!d || d.error) {
      line('dist/paiban.html ≤ 250 KB gzip:', null, d ? d.error : 'not measured (needs the chromium row)');
      line('cold open from file:// to first preview ≤ 300 ms:', null, d ? d.error : 'not measured');
    } else {
      line('dist/paiban.html ≤ 250 KB gzip:', d.gzip <= 250 * 1024, `${(d.gzip / 1024).toFixed(1)} KiB`);
      const driver = `Playwright's driver: ${d.coldOpenMs.toFixed(0)} ms, ready ${d.readyMs.toFixed(0)} ms` +
        (d.appColdOpenMs === null ? '' : `; its page's marks: ready ${d.appReadyMs.toFixed(0)} ms, + paste → preview = ${d.appColdOpenMs.toFixed(0)} ms`);
      if (d.cdpError) {
        line('cold open from file:// to first preview ≤ 300 ms:', d.coldOpenMs <= 300,
          `median ${d.coldOpenMs.toFixed(0)} ms to the preview of the ${d.sample} notes pasted on ready (${driver}); ` +
            `the driver-free measurement failed: ${d.cdpError}`);
      } else {
        line('cold open from file:// to first preview ≤ 300 ms:', d.cdpColdOpenMs <= 300,
          `median ${d.cdpColdOpenMs.toFixed(0)} ms to the preview of the ${d.sample} notes pasted on ready; ready at ${d.cdpReadyMs.toFixed(0)} ms ` +
            `(driver-free CDP, ${d.opens} cold open${d.opens === 1 ? '' : 's'} alternated with the driver's; ${driver})`);
      }
    }
  }
  if (o.rows.has('dist') && results.dist && !results.dist.error) {
    const keys = results.dist.keys || [];
    out.push("info: the editor per keystroke (dist, headless; the page's main thread, key → result shown, median of the keys; the format itself is the Chromium row): " +
      (keys.length ? keys.map((k) => `${k.size} ` + (k.error ? `not measured (${k.error})` :
        `${k.taskMs.toFixed(1)} ms, ${k.keyToShownMs.toFixed(1)} ms (${k.count} keys, ${k.shownChars} characters in the editor)`)).join('; ') : 'not measured'));
  }
  if (o.rows.has('batch')) {
    const b = results.batch;
    if (!b || b.error) line('batch 2 cores ≥ 1.8× 1 core:', null, b ? b.error : 'not run');
    else {
      const k = b.j1Ms / b.j2Ms;
      const mbs = (ms) => fmtMbs(b.bytes / 1e6 / (ms / 1e3));
      const util = b.j1Util == null ? '' : `, CPU use (user+sys)/wall -j1 ${b.j1Util.toFixed(2)}, -j2 ${b.j2Util.toFixed(2)}`;
      const control = b.controlSpeedup == null ? '' : `; control (pure CPU, 2 threads vs 1) ${b.controlSpeedup.toFixed(2)}×`;
      line('batch 2 cores ≥ 1.8× 1 core:', os.cpus().length >= 2 ? k >= 1.8 : null,
        `${k.toFixed(2)}×: -j1 ${mbs(b.j1Ms)} MB/s, -j2 ${mbs(b.j2Ms)} MB/s, ${b.files} files, ${(b.bytes / 1e6).toFixed(1)} MB` +
          util + control + (os.cpus().length < 2 ? ', only 1 CPU' : ''));
    }
  }
  return out;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.build) {
    buildNative(o);
    if (o.rows.has('wasm-node') || o.rows.has('chromium')) buildWasm(o);
  }
  const wasmJs = path.join(o.wasmBuild, 'wasm/paiban.js');
  if (o.smoke && !o.build && !fs.existsSync(wasmJs)) {
    // the CI smoke run of a native build: no WASM build next to it is not a failure
    log(`no ${path.relative(ROOT, wasmJs)}: WASM rows skipped`);
    for (const r of ['wasm-node', 'chromium', 'dist']) o.rows.delete(r);
  }
  if (o.rows.has('autocorrect') && !canResolve('autocorrect-node')) {
    if (o.smoke) {
      log('autocorrect-node not installed (tools/compare): that row is skipped');
      o.rows.delete('autocorrect');
    } else {
      log('npm install --prefix tools/compare (autocorrect-node for the JS-stack row; not npm ci, see docs/typography.md)');
      run('npm', ['install', '--prefix', path.join(ROOT, 'tools/compare'), '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    }
  }
  const corpus = writeCorpus(o.corpus, o.sizes);
  log(`corpus: ${corpus.map((c) => `${c.name} ${c.bytes} B`).join(', ')} in ${path.relative(ROOT, o.corpus)}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-bench-'));
  const results = { rows: {}, started: new Date().toISOString(), host: { cpus: os.cpus().length, model: (os.cpus()[0] || {}).model, load: os.loadavg() } };
  for (const r of TABLE_ROWS) results.rows[r] = {};
  // size by size, every row on the same bytes, so that the ratios share the machine's state
  const nativeSets = {};
  for (const c of corpus) {
    log(`size ${c.name}`);
    // The native rows in alternated rounds (cmark, paiban, paiban again…), their samples pooled:
    // a slow spell of the machine then falls on every row alike, not on one row's whole run. The
    // last round comes after the Chromium rows (which run for every size at the end), so that the
    // WASM / native ratios too compare samples from both sides of that phase.
    nativeSets[c.name] = nativeRows(o);
    const before = o.smoke || !o.rows.has('chromium') ? NATIVE_ROUNDS : NATIVE_ROUNDS - 1;
    for (let round = 0; round < (o.smoke ? 1 : before); round++) nativeRound(o, c, nativeSets[c.name]);
    if (o.rows.has('wasm-node')) results.rows['wasm-node'][c.name] = nodeRow(o, 'paiban-wasm', c.file);
    if (o.rows.has('commonmark')) results.rows.commonmark[c.name] = nodeRow(o, 'commonmark', c.file);
    if (o.rows.has('markdown-it')) results.rows['markdown-it'][c.name] = nodeRow(o, 'markdown-it', c.file);
    if (o.rows.has('autocorrect')) results.rows.autocorrect[c.name] = nodeRow(o, 'autocorrect-stack', c.file);
    if (o.rows.has('pandoc')) results.rows.pandoc[c.name] = pandocRow(o, c.file, tmp);
  }
  if (o.rows.has('chromium')) {
    log('chromium');
    await chromiumRows(o, corpus, results);
  } else if (o.rows.has('dist')) {
    results.dist = { error: 'needs the chromium row' };
  }
  for (const c of corpus) {
    const set = nativeSets[c.name];
    if (set.length && set[0].got.length < (o.smoke ? 1 : NATIVE_ROUNDS)) nativeRound(o, c, set);
    for (const n of set) {
      const row = pooled(n.got, c.bytes);
      if (n.key[0] === 'kept') {
        results.keptFreed = results.keptFreed || {};
        (results.keptFreed[c.name] = results.keptFreed[c.name] || {})[n.key[1]] = row;
      } else {
        results.rows[n.key[0]][c.name] = row;
      }
    }
  }
  if (o.rows.has('batch')) {
    log('batch');
    batchRow(o, results);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  results.finished = new Date().toISOString();
  const table = printTable(o, corpus, results);
  const budgets = budgetLines(o, corpus, results);
  console.log(table.concat([''], budgets).join('\n'));
  if (o.json) fs.writeFileSync(o.json, JSON.stringify({ options: { ...o, rows: [...o.rows] }, corpus, results }, null, 1));
  const failed = TABLE_ROWS.some((r) => Object.values(results.rows[r]).some((m) => m && m.error)) ||
    (results.batch && results.batch.error) || (results.dist && (results.dist.error || (results.dist.keys || []).some((k) => k.error)));
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
