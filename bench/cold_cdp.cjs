'use strict';
// A cold open of the one-file editor measured without a driver in the way: headless Chromium
// started with --remote-debugging-pipe, spoken to over fds 3/4 (the DevTools protocol, one JSON
// message per NUL-terminated chunk), and the page measuring itself.
//
// Why: Playwright attaches to every worker with waitForDebuggerOnStart, so a worker's first line
// waits for a round trip through node, and its polling for `data-ready` and for the preview adds
// its own delays. Here nothing auto-attaches (no Target.setAutoAttach): the page's worker starts
// unpaused. An init script (Page.addScriptToEvaluateOnNewDocument) pastes the notes in the task
// after the app sets `data-ready` (the same value + `input` event the bench's driver sends) and
// records, in the page's clock (0 = navigation start): `ready` (data-ready set), `paste`,
// `handled` (the app's input handlers done), `srcdoc` (the preview's srcdoc set to a new, non-empty page) and `shown` (the first animation
// frame at which that holds: the driver's condition, polled as the driver polls it); besides,
// `loaded` (the preview's document loaded) and `painted` (the frame after that). Node reads
// the marks with one Runtime.evaluate after the page's `load`.
//
// Each open gets a new browser context (no cache, no storage), as the driver's opens do.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

// The page's side; `text` is the notes to paste.
function pageScript(text) {
  if (window !== window.top) return; // not in the preview's frame
  var m = { start: performance.now(), ready: null, paste: null, handled: null, srcdoc: null, shown: null, loaded: null, painted: null, error: null };
  var finish;
  var done = new Promise(function (resolve) {
    finish = function () {
      resolve(m);
    };
  });
  window.__coldOpen = { marks: m, done: done };
  var paste = function () {
    try {
      var preview = document.getElementById('preview');
      var notes = document.getElementById('notes');
      var before = preview.getAttribute('srcdoc') || '';
      var shows = function () {
        var doc = preview.getAttribute('srcdoc') || '';
        return doc.length > 0 && doc !== before;
      };
      new MutationObserver(function () {
        if (m.srcdoc === null && shows()) m.srcdoc = performance.now();
      }).observe(preview, { attributes: true, attributeFilter: ['srcdoc'] });
      preview.addEventListener('load', function () {
        if (m.srcdoc !== null && m.loaded === null) m.loaded = performance.now();
      });
      var poll = function () {
        if (m.shown === null && shows()) m.shown = performance.now();
        // done at the first frame after the preview's document has loaded (or 2 s after the
        // paste: the load is informative, `shown` is the measurement)
        if (m.shown !== null && (m.loaded !== null || performance.now() - m.paste > 2000)) {
          m.painted = m.loaded === null ? null : performance.now();
          finish();
        } else requestAnimationFrame(poll);
      };
      m.paste = performance.now();
      notes.value = text;
      notes.dispatchEvent(new Event('input', { bubbles: true }));
      m.handled = performance.now(); // the app's input handlers ran inside dispatchEvent
      requestAnimationFrame(poll);
    } catch (e) {
      m.error = String(e);
      finish();
    }
  };
  new MutationObserver(function () {
    var root = document.documentElement;
    if (m.ready === null && root && root.getAttribute('data-ready') === '1') {
      m.ready = performance.now();
      setTimeout(paste, 0);
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
}

// Switches Playwright adds in headless mode that bear on the page's layout or scheduling, so that
// both measurements lay out and schedule the page alike (the rest are about its own profile,
// updates and network).
const LIKE_PLAYWRIGHT = [
  '--hide-scrollbars',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--force-color-profile=srgb',
];

class Cdp {
  constructor(exe, args) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-cdp-'));
    this.proc = spawn(exe, [...args, ...LIKE_PLAYWRIGHT, `--user-data-dir=${this.dir}`, '--remote-debugging-pipe', 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = '';
    this.exited = false;
    this.proc.stderr.on('data', (d) => {
      if (this.stderr.length < 4000) this.stderr += d;
    });
    this.proc.on('exit', () => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`Chromium exited: ${this.stderr.trim().slice(-300)}`));
      this.pending.clear();
    });
    this.proc.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    this.out = this.proc.stdio[3];
    this.out.on('error', () => {});
    let buf = '';
    this.proc.stdio[4].setEncoding('utf8');
    this.proc.stdio[4].on('data', (chunk) => {
      buf += chunk;
      for (let z = buf.indexOf('\0'); z >= 0; z = buf.indexOf('\0')) {
        const msg = JSON.parse(buf.slice(0, z));
        buf = buf.slice(z + 1);
        if (msg.id !== undefined) {
          const p = this.pending.get(msg.id);
          if (!p) continue;
          this.pending.delete(msg.id);
          if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
          else p.resolve(msg.result);
        } else for (const l of [...this.listeners]) l(msg);
      }
    });
  }

  send(method, params = {}, sessionId) {
    if (this.exited) return Promise.reject(new Error('Chromium is not running'));
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.out.write(JSON.stringify(msg) + '\0');
    });
  }

  // Resolves with the first event `method` of `sessionId` for which `pred` holds.
  waitFor(method, sessionId, pred = () => true) {
    let l;
    const p = new Promise((resolve) => {
      l = (msg) => {
        if (msg.method === method && msg.sessionId === sessionId && pred(msg.params)) {
          this.listeners.delete(l);
          resolve(msg.params);
        }
      };
      this.listeners.add(l);
    });
    p.cancel = () => this.listeners.delete(l);
    return p;
  }

  async close() {
    if (!this.exited) {
      const gone = new Promise((resolve) => this.proc.once('exit', resolve));
      this.send('Browser.close').catch(() => {});
      const t = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(t);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function withTimeout(p, ms, what) {
  let t;
  return Promise.race([p, new Promise((_, reject) => (t = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(t)
  );
}

async function launch(exe, args) {
  const cdp = new Cdp(exe, args);
  await withTimeout(cdp.send('Browser.getVersion'), 20000, 'Chromium start');
  return cdp;
}

// One cold open of `url` in a new browser context; returns the page's marks (ms from navigation
// start): {ready, paste, srcdoc, shown}. `pauseWorkers` (a control, not used by the bench):
// attach to workers as a driver does, each held until node has answered (Runtime.enable, then
// Runtime.runIfWaitingForDebugger).
async function coldOpen(cdp, url, notes, { timeoutMs = 15000, pauseWorkers = false } = {}) {
  const { browserContextId } = await cdp.send('Target.createBrowserContext', { disposeOnDetach: true });
  let resume = null;
  try {
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    await cdp.send('Page.enable', {}, sessionId);
    if (pauseWorkers) {
      resume = (msg) => {
        if (msg.method !== 'Target.attachedToTarget' || msg.sessionId !== sessionId) return;
        const s = msg.params.sessionId;
        cdp.send('Runtime.enable', {}, s)
          .then(() => cdp.send('Runtime.runIfWaitingForDebugger', {}, s))
          .catch(() => {});
      };
      cdp.listeners.add(resume);
      await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId);
    }
    // Playwright's default viewport, so the textarea and the mirror lay out the same text
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 720, deviceScaleFactor: 1, mobile: false }, sessionId);
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: `(${pageScript})(${JSON.stringify(notes)});` }, sessionId);
    const loaded = cdp.waitFor('Page.loadEventFired', sessionId);
    const nav = await cdp.send('Page.navigate', { url }, sessionId);
    if (nav.errorText) {
      loaded.cancel();
      throw new Error(`navigate: ${nav.errorText}`);
    }
    await withTimeout(loaded, timeoutMs, 'load');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await withTimeout(
        cdp.send('Runtime.evaluate', { expression: 'window.__coldOpen ? window.__coldOpen.done : null', awaitPromise: true, returnByValue: true }, sessionId),
        timeoutMs,
        'the preview'
      );
      if (r.exceptionDetails) throw new Error(`page: ${r.exceptionDetails.text}`);
      const m = r.result.value;
      if (m) {
        if (m.error) throw new Error(`paste: ${m.error}`);
        return m;
      }
      if (Date.now() > deadline) throw new Error('the init script did not run');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    if (resume) cdp.listeners.delete(resume);
    await cdp.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
  }
}

module.exports = { launch, coldOpen, LIKE_PLAYWRIGHT };

// node bench/cold_cdp.cjs FILE.html NOTES.txt [N] [--pause-workers]: N cold opens, the marks of
// each and the medians; with --pause-workers the opens alternate with the control's.
if (require.main === module) {
  const argv = process.argv.slice(2);
  const control = argv.includes('--pause-workers');
  const [file, notesFile, n = '7'] = argv.filter((a) => a !== '--pause-workers');
  if (!file || !notesFile) {
    console.error('usage: node bench/cold_cdp.cjs FILE.html NOTES.txt [N] [--pause-workers]');
    process.exit(2);
  }
  const { chromiumPath, LAUNCH_ARGS } = require('../tests/node/lib/browser.cjs');
  const { median } = require('./timing.cjs');
  (async () => {
    const cdp = await launch(chromiumPath(), LAUNCH_ARGS);
    try {
      const url = require('url').pathToFileURL(path.resolve(file)).href;
      const notes = fs.readFileSync(notesFile, 'utf8');
      const runs = { free: [], paused: [] };
      for (let i = 0; i < Number(n); i++) {
        const order = control ? (i % 2 ? ['paused', 'free'] : ['free', 'paused']) : ['free'];
        for (const kind of order) {
          const m = await coldOpen(cdp, url, notes, { pauseWorkers: kind === 'paused' });
          runs[kind].push(m);
          console.log(kind, JSON.stringify(m));
        }
      }
      for (const kind of control ? ['free', 'paused'] : ['free']) {
        const med = (k) => median(runs[kind].map((m) => m[k])).toFixed(1);
        const handler = median(runs[kind].map((m) => m.handled - m.paste)).toFixed(1);
        console.log(`${kind}: median of ${runs[kind].length}: ready ${med('ready')} ms, srcdoc ${med('srcdoc')} ms, shown ${med('shown')} ms; input handler ${handler} ms`);
      }
    } finally {
      await cdp.close();
    }
  })().catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
}
