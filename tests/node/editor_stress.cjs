'use strict';
// The editor under load and under attack, in headless Chromium (file://, network off):
//   node editor_stress.cjs PAIBAN_HTML
// 1. A 5 MB paste: the main thread's longest task (PerformanceObserver 'longtask') stays under
//    100 ms while the paste lands, the worker formats and the preview arrives, and while typing
//    right after; the preview shows the article's start; copy holds the whole article.
// 2. Injection: 35 hostile inputs (script tags, event handlers, javascript: and data: links, SVG
//    and MathML, entity tricks, attribute breakouts, RTL override…) in the notes, the title and
//    the source fields, and hostile profiles (every text, a link and a style): no dialog opens, no
//    script runs, no element with an on* attribute or active element appears in the preview, no
//    request leaves file://, and each input's marker stays visible as text.
const path = require('path');
const { launch, fileUrl } = require('./lib/browser.cjs');
const { watchdog } = require('./lib/wasm.cjs');
const E = require('./lib/editor.cjs');

const NAME = 'editor_stress';
const t = E.collector(NAME);
const LONGTASK_LIMIT_MS = 100;

// {M} is replaced by a marker that must stay visible.
const PAYLOADS = [
  "<script>parent.__pwned=1;alert('{M}')</script>",
  '<img src=x onerror="parent.__pwned=1">{M}',
  '<svg onload="parent.__pwned=1">{M}</svg>',
  '<svg><script>parent.__pwned=1</script>{M}</svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=parent.__pwned=1>{M}',
  '[点我{M}](javascript:parent.__pwned=1)',
  '[点我{M}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x{M}](JaVaScRiPt:parent.__pwned=1)',
  '[x{M}](java&#x09;script:parent.__pwned=1)',
  '<a href="javascript:parent.__pwned=1">{M}</a>',
  '&lt;script&gt;parent.__pwned=1&lt;/script&gt;{M}',
  '&#60;img src=x onerror=parent.__pwned=1&#62;{M}',
  '"><img src=x onerror=parent.__pwned=1>{M}',
  "'><svg/onload=parent.__pwned=1>{M}",
  '</textarea><script>parent.__pwned=1</script>{M}',
  '</title><script>parent.__pwned=1</script>{M}',
  '</style><script>parent.__pwned=1</script>{M}',
  '<iframe src="javascript:parent.__pwned=1"></iframe>{M}',
  '<object data="data:text/html,<script>parent.__pwned=1</script>"></object>{M}',
  '<body onload=parent.__pwned=1>{M}',
  '<details open ontoggle=parent.__pwned=1>{M}',
  '\u202egnp.exe{M}\u202c',
  '<div style="background:url(javascript:parent.__pwned=1)">{M}</div>',
  '<base href="javascript:parent.__pwned=1//">{M}',
  '<meta http-equiv="refresh" content="0;url=javascript:parent.__pwned=1">{M}',
  '![x](javascript:parent.__pwned=1) {M}',
  '![x](x" onerror="parent.__pwned=1) {M}',
  '<form action="javascript:parent.__pwned=1"><button>{M}</button></form>',
  "{{constructor.constructor('parent.__pwned=1')()}}{M}",
  '<!--<img src="--><img src=x onerror=parent.__pwned=1//">{M}',
  '<noscript><p title="</noscript><img src=x onerror=parent.__pwned=1>">{M}',
  '<<script>script>parent.__pwned=1<</script>/script>{M}',
  '\u0000<script>parent.__pwned=1</script>{M}',
  '<x onclick=parent.__pwned=1>{M}</x>',
  '[a{M}]\n\n[a{M}]: javascript:parent.__pwned=1',
  '<a href="http://evil.example/">{M}</a><img src="http://evil.example/x.png">',
];

async function bigPaste(page) {
  const para = (i) =>
    `第${i}段：市生态环境局组织开展城区河道清理行动,共清理河道垃圾2.5吨,截止目前已完成年度任务的${i % 100}%。\n\n`;
  const parts = ['大文件压力测试的标题\n\n'];
  let size = Buffer.byteLength(parts[0]);
  let i = 0;
  while (size < 5 * 1024 * 1024) {
    const p = para(++i);
    parts.push(p);
    size += Buffer.byteLength(p);
  }
  parts.push('全文最后一段的标记ZZEND。\n');
  const text = parts.join('');
  const bytes = Buffer.byteLength(text);
  await E.setNotes(page, '');
  await page.evaluate((s) => navigator.clipboard.writeText(s), text);
  if (process.env.PAIBAN_DEBUG) console.log('clipboard written', bytes);
  await page.focus('#notes');
  await page.evaluate(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  const before = await E.rendered(page);
  const started = Date.now();
  await page.keyboard.press('Control+V');
  if (process.env.PAIBAN_DEBUG) console.log('pasted', Date.now() - started);
  await E.idle(page, before, 60000);
  if (process.env.PAIBAN_DEBUG) console.log('idle', Date.now() - started);
  const ms = Date.now() - started;
  // type right after: the editor answers while the worker formats again
  await page.keyboard.type('再加几个字', { delay: 30 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(400);
  await E.idle(page, -1, 60000);
  const tasks = await page.evaluate(() => window.__longtasks.slice());
  const longest = tasks.length ? Math.max(...tasks) : 0;
  t.check(longest < LONGTASK_LIMIT_MS, `5 MB paste: the longest main-thread task took ${Math.round(longest)} ms (limit ${LONGTASK_LIMIT_MS}); all: ${tasks.map(Math.round).join(', ')}`);
  const p = await E.preview(page);
  t.check(p.h1 === '大文件压力测试的标题', `5 MB paste: the preview's title is ${JSON.stringify(p.h1)}`);
  t.check(p.text.includes('第1段：市生态环境局'), '5 MB paste: the preview lacks the first paragraph');
  t.check(!(await page.$eval('#preview-note', (n) => n.hidden)), '5 MB paste: the preview does not say it shows a part only');
  t.check(!(await page.$eval('#pager', (n) => n.hidden)), '5 MB paste: the editor is not split into parts');
  const whole = await page.evaluate(() => document.getElementById('notes').value.length);
  t.check(whole <= 60000, `5 MB paste: the textarea holds ${whole} characters (it should hold one part)`);
  // the clipboard still holds the pasted notes: emptied first, so only the copy can fill it
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('#btn-copy');
  await page.waitForSelector('html[data-copied]', { timeout: 10000 }).catch(() => {});
  const plain = await page.evaluate(() => navigator.clipboard.readText());
  t.check(plain.includes('全文最后一段的标记ZZEND'), '5 MB paste: the copied text lacks the last paragraph');
  t.check(plain.includes('清理行动，共清理'), '5 MB paste: the copied text is not the formatted article (its fixes are missing)');
  const diag = await page.textContent('#diag-count');
  console.log(`${NAME}: 5 MB paste (${bytes} bytes, ${i} paragraphs): preview after ${ms} ms, longest task ${Math.round(longest)} ms (${tasks.length} long tasks), diagnostics ${diag}`);
  return { longest, ms, bytes };
}

async function checkPreview(page, label, markers, htmlOnly = []) {
  const p = await E.preview(page);
  const status = await page.textContent('#status');
  t.check(p.onAttrs.length === 0, `${label}: elements with on* attributes in the preview: ${p.onAttrs.join(', ')}`);
  t.check(p.scripts === 0, `${label}: a <script> in the preview`);
  const active = await page.evaluate(() => {
    const doc = document.getElementById('preview').contentDocument;
    const bad = [];
    for (const el of doc.querySelectorAll('svg,math,iframe,object,embed,form,base,noscript,details,img[src^="x"],meta[http-equiv]')) {
      // The page's own policy (no script, nothing loaded) is the one meta with http-equiv allowed.
      const own = el.tagName === 'META' && el.getAttribute('http-equiv') === 'Content-Security-Policy' &&
        (el.getAttribute('content') || '').startsWith("default-src 'none'; script-src 'none';") &&
        el.parentElement === doc.head;
      if (!own) bad.push(el.tagName.toLowerCase());
    }
    for (const a of doc.querySelectorAll('[href],[src],[action]')) {
      const v = a.getAttribute('href') || a.getAttribute('src') || a.getAttribute('action') || '';
      const icon = a.tagName === 'LINK' && a.getAttribute('rel') === 'icon' && v === 'data:,';
      if (!icon && /^\s*(javascript|data|vbscript):/i.test(v.replace(/[\u0000-\u0020]/g, ''))) bad.push(`${a.tagName.toLowerCase()}→${v.slice(0, 30)}`);
    }
    for (const el of document.querySelectorAll('*'))
      for (const at of el.attributes) if (/^on/i.test(at.name)) bad.push(`app ${el.tagName.toLowerCase()}[${at.name}]`);
    return bad;
  });
  t.check(active.length === 0, `${label}: active elements or URLs: ${active.join(', ')}`);
  for (const m of markers)
    t.check(p.text.includes(m), `${label}: the marker ${m} is not visible in the preview (status: ${status})`);
  for (const m of htmlOnly) t.check(p.html.includes(m), `${label}: the marker ${m} is not in the page`);
}

async function injection(page) {
  let n = 0;
  for (const [i, payload] of PAYLOADS.entries()) {
    const mk = (where) => `MK${i}${where}Q`;
    const notes = `注入测试${i}\n\n正文：${payload.replace(/\{M\}/g, mk('n'))}\n`;
    await E.setField(page, 'title', payload.replace(/\{M\}/g, mk('t')));
    await E.setField(page, 'source', payload.replace(/\{M\}/g, mk('s')));
    await E.setNotes(page, notes);
    await checkPreview(page, `payload ${i} ${JSON.stringify(payload.slice(0, 40))}`, [mk('n'), mk('t')], [mk('s')]);
    n++;
  }
  await E.setField(page, 'title', '');
  await E.setField(page, 'source', '');
  return n;
}

async function profileInjection(page) {
  await page.click('#btn-profile');
  await page.waitForSelector('#profile-dialog[open]');
  const base = JSON.parse(await page.inputValue('#profile-text'));
  const picks = [0, 1, 12, 15, 16, 17, 21, 29];
  let n = 0;
  for (const i of picks) {
    const s = (where) => PAYLOADS[i].replace(/\{M\}/g, `PK${i}${where}Q`);
    const p = JSON.parse(JSON.stringify(base));
    p.site.name = s('a');
    p.breadcrumb.home_label = s('b');
    p.columns = [s('c')].concat(p.columns);
    p.info.date_label = s('d');
    p.footer.lines[0][0].text = s('e');
    if (i === picks[picks.length - 1]) p.footer.lines[2][0].href = 'javascript:parent.__pwned=1';
    p.styles.title = `color:red" onmouseover="parent.__pwned=1" x="</style><script>parent.__pwned=1</script>;background:url(http://evil.example/x.png)`;
    p.dictionary = [{ wrong: '注入', right: s('f'), note: s('g') }];
    await page.fill('#profile-text', JSON.stringify(p, null, 2));
    const before = await E.rendered(page);
    await page.click('#profile-apply');
    await E.idle(page, before);
    const errors = await page.$$eval('#profile-errors li', (l) => l.map((x) => x.textContent));
    if (errors.length) {
      // a refused value is fine (it must be said at the field); the rest must still be safe
      await checkPreview(page, `profile ${i} (refused: ${errors[0].slice(0, 60)})`, []);
    } else {
      await page.click('#profile-close');
      await page.selectOption('#f-column', s('c'));
      await E.setNotes(page, `注入测试\n\n正文里有注入两个字。`);
      await checkPreview(page, `profile ${i}`, [`PK${i}eQ`, `PK${i}cQ`, `PK${i}dQ`]);
      await page.click('#btn-profile');
      await page.waitForSelector('#profile-dialog[open]');
    }
    n++;
  }
  const before = await E.rendered(page);
  await page.click('#profile-reset');
  await E.idle(page, before);
  await page.click('#profile-close');
  return n;
}

async function main() {
  watchdog(NAME, 88);
  const html = E.editorFile(process.argv[2]);
  const browser = await launch();
  let big = null;
  let notes = 0;
  let profiles = 0;
  const dialogs = [];
  try {
    const { context, page, watch } = await E.openEditor(browser, fileUrl(html), { offline: true });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    const part = process.env.PAIBAN_STRESS_PART || '';
    if (part !== 'paste') {
      notes = await injection(page);
      console.log(`${NAME}: notes done`);
      profiles = await profileInjection(page);
    }
    t.check(dialogs.length === 0, `injection: dialogs opened: ${dialogs.join(' | ')}`);
    t.check(!(await page.evaluate(() => window.__pwned)), 'injection: a payload ran (window.__pwned is set)');
    if (part !== 'inject') big = await bigPaste(page);
    t.watchErrors('file://', watch, { ignoreConsole: [/Content Security Policy/] });
    await context.close();
  } finally {
    await browser.close();
  }
  return t.finish(`${notes} hostile inputs in notes, title and source; ${profiles} hostile profiles; 5 MB paste: longest task ${big ? Math.round(big.longest) : '?'} ms, preview after ${big ? big.ms : '?'} ms`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`${NAME}: FAIL: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  }
);
