'use strict';
// The editor's input and output, in headless Chromium:
//   node editor_io.cjs PAIBAN_HTML
// 1. file://, network off: copy puts text/html and text/plain on the clipboard (read back);
//    download gives 标题.html with the page (no script); import .txt in GB18030, UTF-8 with BOM
//    and UTF-16 (file button and drag and drop) gives the right text and shows the encoding;
//    storage full and storage denied are reported.
// 2. Drafts: type, reload → the draft is back; the recent-drafts list reopens an older draft;
//    type, kill the browser (SIGKILL), relaunch on the same profile → the draft is back.
// 3. Served over http://127.0.0.1: the service worker caches the app; offline, a reload still
//    loads and formats.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { launch, fileUrl, chromiumPath, LAUNCH_ARGS, guard } = require('./lib/browser.cjs');
const { watchdog } = require('./lib/wasm.cjs');
const E = require('./lib/editor.cjs');

const NAME = 'editor_io';
const t = E.collector(NAME);
const squash = (s) => (s || '').replace(/\s+/gu, '');

// "市生态环境局部署河道清理工作，截至目前已清理垃圾2.5吨。\r\n\r\n各县区要落实“河长制”要求。\r\n" in GB18030
const GB_HEX =
  'cad0c9faccacbbb7beb3bed6b2bfcaf0bad3b5c0c7e5c0edb9a4d7f7a3acbdd8d6c1c4bfc7b0d2d1c7e5c0edc0acbbf8322e35b6d6a1a30d0a0d0ab8f7cfd8c7f8d2aac2e4cab5a1b0bad3b3a4d6c6a1b1d2aac7f3a1a30d0a';
const GB_TEXT = '市生态环境局部署河道清理工作，截至目前已清理垃圾2.5吨。\n\n各县区要落实“河长制”要求。\n';

async function copyDownload(page, tmp) {
  await E.setNotes(page, E.SAMPLE.notes);
  await page.click('#btn-copy');
  await page.waitForSelector('html[data-copied]', { timeout: 5000 }).catch(() => {});
  const clip = await page.evaluate(async () => {
    const out = {};
    for (const item of await navigator.clipboard.read()) {
      for (const type of item.types) out[type] = await (await item.getType(type)).text();
    }
    return out;
  });
  t.check(clip['text/html'] && clip['text/html'].includes(E.SAMPLE.title) && /<p\b/.test(clip['text/html']),
    `copy: the clipboard has no HTML article (types: ${Object.keys(clip).join(', ')})`);
  t.check(clip['text/html'] && !/<script\b|\son\w+=/i.test(clip['text/html']), 'copy: the copied HTML has a script or an event handler');
  t.check(clip['text/plain'] && clip['text/plain'].startsWith(E.SAMPLE.title) && !/<\w/.test(clip['text/plain']),
    `copy: the plain text is not the article's text: ${JSON.stringify((clip['text/plain'] || '').slice(0, 80))}`);
  // the shortcut copies too
  await page.evaluate(() => navigator.clipboard.writeText('x'));
  await page.focus('#notes');
  await page.keyboard.press('Control+Shift+C');
  await page.waitForTimeout(300);
  t.check((await page.evaluate(() => navigator.clipboard.readText())).startsWith(E.SAMPLE.title), 'copy: Ctrl+Shift+C did not copy');

  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#btn-download')]);
  const name = dl.suggestedFilename();
  t.check(name === `${E.SAMPLE.title}.html`, `download: the file is called ${JSON.stringify(name)}, want 标题.html`);
  const file = path.join(tmp, 'download.html');
  await dl.saveAs(file);
  const html = fs.readFileSync(file, 'utf8');
  t.check(/^<!DOCTYPE html>/i.test(html) && html.includes(E.SAMPLE.title), 'download: the file is not the article page');
  t.check(!/<script\b/i.test(html), 'download: the page contains a <script>');
}

// Writing back: the fixed notes (which stay in the worker until asked for) replace the notes.
async function writeBack(page) {
  await E.setNotes(page, '标题：写回检查\n\n会议强调,要抓好落实.各单位要按时报送材料.\n');
  const before = await E.rendered(page);
  await page.click('#btn-writeback');
  await E.idle(page, before);
  const got = await page.$eval('#notes', (n) => n.value);
  t.check(got.includes('会议强调，要抓好落实。各单位要按时报送材料。'), `write back: the notes are not the fixed ones: ${JSON.stringify(got)}`);
  t.check(got.startsWith('标题：写回检查'), `write back: the title line is gone: ${JSON.stringify(got.slice(0, 40))}`);
}

async function importPart(page, tmp) {
  const files = [
    { name: 'gb.txt', bytes: Buffer.from(GB_HEX, 'hex'), text: GB_TEXT, enc: 'GB18030' },
    { name: 'bom.md', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GB_TEXT, 'utf8')]), text: GB_TEXT, enc: 'UTF-8（带 BOM）' },
    { name: 'utf16.txt', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GB_TEXT, 'utf16le')]), text: GB_TEXT, enc: 'UTF-16LE' },
  ];
  for (const f of files) {
    const p = path.join(tmp, f.name);
    fs.writeFileSync(p, f.bytes);
    const before = await E.rendered(page);
    await page.setInputFiles('#file-input', p);
    await page.waitForFunction((e) => document.documentElement.getAttribute('data-imported') === e, f.enc, { timeout: 5000 }).catch(() => {});
    await E.idle(page, before);
    const value = await page.inputValue('#notes');
    t.check(value === f.text, `import ${f.name}: the editor holds ${JSON.stringify(value.slice(0, 40))}, want ${JSON.stringify(f.text.slice(0, 40))}`);
    t.check((await page.textContent('#encoding')).includes(f.enc), `import ${f.name}: the encoding ${f.enc} is not shown`);
    t.check(!/[\uFFFD]|ÃƒÂ/.test(value), `import ${f.name}: mojibake in the text`);
    await page.evaluate(() => document.documentElement.removeAttribute('data-imported'));
  }
  t.check((await E.preview(page)).text.includes('截至目前已清理垃圾2.5吨'), 'import: the imported notes are not in the preview');

  // drag and drop a GB18030 file onto the editor
  await E.setNotes(page, '');
  const before = await E.rendered(page);
  await page.evaluate((hex) => {
    const bytes = new Uint8Array(hex.match(/../g).map((h) => parseInt(h, 16)));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], '拖入.txt', { type: 'text/plain' }));
    const code = document.getElementById('code');
    code.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    code.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    code.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, GB_HEX);
  await E.idle(page, before);
  t.check((await page.inputValue('#notes')) === GB_TEXT, 'drop: a dropped GB18030 file does not give the right text');
  t.check(await page.$eval('#drop', (d) => d.hidden), 'drop: the drop overlay stays visible');
  // a binary file is refused
  const bin = path.join(tmp, 'bin.txt');
  fs.writeFileSync(bin, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x80, 0x81, 0x03, 0x04, 0x05]));
  await page.setInputFiles('#file-input', bin);
  await page.waitForTimeout(300);
  t.check((await page.inputValue('#notes')) === GB_TEXT, 'import: a binary file replaced the notes');
}

async function storageFailures(browser, url) {
  for (const [kind, script, want] of [
    ['full', () => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('quota', 'QuotaExceededError');
      };
    }, '存储空间已满'],
    ['denied', () => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('denied', 'SecurityError');
      };
    }, '不允许保存草稿'],
  ]) {
    const context = await browser.newContext({ viewport: E.VIEWPORT });
    await context.addInitScript(script);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="1"]', { timeout: 15000 });
    await page.fill('#notes', '测试存储。');
    await page.waitForTimeout(900);
    const alert = await page.$eval('#alert', (a) => (a.hidden ? '' : a.textContent));
    t.check(alert.includes(want), `storage ${kind}: the page does not say so (alert: ${JSON.stringify(alert)})`);
    t.check((await E.preview(page)).text.includes('测试存储'), `storage ${kind}: formatting stopped working`);
    await context.close();
  }
}

// A browser without Uint8Array.fromBase64 (most of those in use): boot.js puts the WASM text into
// the worker's source instead of posting the decoded bytes; the editor must start and format.
async function withoutFromBase64(browser, url) {
  const context = await browser.newContext({ viewport: E.VIEWPORT });
  await context.addInitScript(() => {
    delete Uint8Array.fromBase64;
  });
  const watch = await guard(context, []);
  await context.setOffline(true);
  const page = await context.newPage();
  watch.attach(page);
  await page.goto(url, { waitUntil: 'load' });
  t.check((await page.evaluate(() => typeof Uint8Array.fromBase64)) === 'undefined', 'no fromBase64: the init script did not run');
  const ready = await page.waitForSelector('html[data-ready="1"]', { timeout: 15000 }).then(() => true, () => false);
  t.check(ready, 'no fromBase64: the editor never became ready');
  if (ready) {
    await E.idle(page);
    await E.setNotes(page, E.SAMPLE.notes);
    t.check((await E.preview(page)).text.includes(E.SAMPLE.title), 'no fromBase64: the preview does not show the notes');
  }
  t.watchErrors('no fromBase64', watch);
  await context.close();
}

async function reloadAndDrafts(browser, url) {
  const { context, page } = await E.openEditor(browser, url);
  await E.setNotes(page, '第一篇草稿的标题\n\n第一篇草稿的正文。');
  await page.waitForFunction(() => /已保存/.test(document.getElementById('save-state').textContent), null, { timeout: 5000 });
  await page.reload();
  await page.waitForSelector('html[data-ready="1"]');
  t.check((await page.inputValue('#notes')).includes('第一篇草稿的正文'), 'reload: the draft is not back');
  // a second draft, then reopen the first from the list
  await page.click('#btn-new');
  await page.waitForFunction(() => document.getElementById('notes').value === '');
  await page.fill('#notes', '第二篇草稿\n\n正文二。');
  await page.waitForFunction(() => /已保存/.test(document.getElementById('save-state').textContent), null, { timeout: 5000 });
  await page.click('#btn-drafts');
  await page.waitForSelector('#drafts-list li button.open');
  const titles = await page.$$eval('#drafts-list .d-title', (l) => l.map((x) => x.textContent));
  t.check(titles.length >= 2 && titles[0].startsWith('第二篇草稿'), `drafts: the list is ${JSON.stringify(titles)}`);
  await page.click('#drafts-list li:nth-child(2) button.open');
  await page.waitForFunction(() => document.getElementById('notes').value.includes('第一篇草稿的正文'), null, { timeout: 5000 }).catch(() => t.fail('drafts: reopening the first draft did not load it'));
  await context.close();
}

// Our own Chromium process (so that it can be killed), driven over CDP.
function startChromium(userDataDir) {
  return new Promise((resolve, reject) => {
    const args = LAUNCH_ARGS.concat([`--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', 'about:blank']);
    const child = spawn(chromiumPath(), args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${err}`)), 15000);
    child.stderr.on('data', (d) => {
      err += d.toString();
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, endpoint: m[1] });
      }
    });
    child.on('error', reject);
  });
}

async function killAndRecover(url) {
  const { chromium } = require('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-kill-'));
  let run = await startChromium(dir);
  let browser = await chromium.connectOverCDP(run.endpoint);
  let page = await browser.contexts()[0].newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="1"]', { timeout: 15000 });
  await page.fill('#notes', '断电前的稿件\n\n这段文字在浏览器被强行关闭后必须还在。');
  await page.waitForFunction(() => /已保存/.test(document.getElementById('save-state').textContent), null, { timeout: 5000 });
  process.kill(-run.child.pid, 'SIGKILL');
  await new Promise((r) => run.child.once('exit', r));
  await browser.close().catch(() => {});
  run = await startChromium(dir);
  browser = await chromium.connectOverCDP(run.endpoint);
  page = await browser.contexts()[0].newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="1"]', { timeout: 15000 });
  const value = await page.inputValue('#notes');
  t.check(value.includes('这段文字在浏览器被强行关闭后必须还在'), `kill: after a killed browser the draft is not back (editor: ${JSON.stringify(value.slice(0, 40))})`);
  await browser.close().catch(() => {});
  process.kill(-run.child.pid, 'SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
}

function startServer(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${out}`)), 10000);
    const onData = (d) => {
      out += d.toString();
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: `http://127.0.0.1:${m[1]}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
  });
}

async function serviceWorker(browser, webDir) {
  if (!fs.existsSync(path.join(webDir, 'sw.js'))) {
    t.fail(`http: ${webDir}/sw.js is missing`);
    return;
  }
  const server = await startServer(webDir);
  try {
    const context = await browser.newContext({ viewport: E.VIEWPORT });
    const watch = await guard(context, [server.origin]);
    const page = await context.newPage();
    watch.attach(page);
    await page.goto(`${server.origin}/index.html`);
    await page.waitForSelector('html[data-ready="1"]', { timeout: 15000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForSelector('html[data-ready="1"]', { timeout: 15000 });
    t.check(await page.evaluate(() => !!navigator.serviceWorker.controller), 'http: the service worker does not control the page');
    await context.setOffline(true);
    server.child.kill();
    await page.reload();
    await page.waitForSelector('html[data-ready="1"]', { timeout: 15000 });
    await E.setNotes(page, '离线时的稿件\n\n断网后页面仍能排版。');
    const shown = await E.preview(page);
    t.check(shown.text.includes('断网后页面仍能排版'), `http offline: the app does not format after an offline reload (preview: ${JSON.stringify(shown.text.slice(0, 80))}, status: ${await page.textContent('#status')})`);
    t.watchErrors('http', watch, { ignoreConsole: [/ERR_INTERNET_DISCONNECTED/] });
    await context.close();
  } finally {
    server.child.kill();
  }
}

async function main() {
  watchdog(NAME, 88);
  const html = E.editorFile(process.argv[2]);
  const url = fileUrl(html);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-io-'));
  const browser = await launch();
  try {
    const { context, page, watch } = await E.openEditor(browser, url, { offline: true });
    await copyDownload(page, tmp);
    await writeBack(page);
    await importPart(page, tmp);
    t.watchErrors('file://', watch);
    await context.close();
    await storageFailures(browser, url);
    await withoutFromBase64(browser, url);
    await reloadAndDrafts(browser, url);
    await serviceWorker(browser, path.dirname(html));
  } finally {
    await browser.close();
  }
  await killAndRecover(url);
  return t.finish('copy (html + text read back), no Uint8Array.fromBase64, download, write back, import GB18030 / UTF-8 BOM / UTF-16 and drop, storage full / denied, reload, drafts list, killed browser, service worker offline');
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`${NAME}: FAIL: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  }
);
