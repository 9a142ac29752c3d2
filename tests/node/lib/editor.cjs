'use strict';
// Driving the editor (the one-file web/ app) in headless Chromium for the editor_*.cjs tests.
const fs = require('fs');
const path = require('path');
const { guard } = require('./browser.cjs');

const VIEWPORT = { width: 1366, height: 768 };

/** The editor's HTML file from argv (a build's web/paiban.html), or exits with a hint. */
function editorFile(arg) {
  if (!arg || !fs.existsSync(arg)) {
    console.error(`the editor's one file was not found at ${arg || '(no path given)'}; build the wasm preset`);
    console.error('(target paiban_web writes <build>/web/paiban.html and dist/paiban.html)');
    process.exit(1);
  }
  return path.resolve(arg);
}

/** A fresh context (1366×768, clipboard allowed) watched by guard(); returns {context, page, watch}. */
async function openEditor(browser, url, { allowedOrigins = [], offline = false, contextOptions = {} } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true, ...contextOptions });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const watch = await guard(context, allowedOrigins);
  if (offline) await context.setOffline(true);
  const page = await context.newPage();
  watch.attach(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready="1"]', { timeout: 15000 });
  await idle(page);
  return { context, page, watch };
}

async function rendered(page) {
  return Number((await page.getAttribute('html', 'data-rendered')) || 0);
}

/** Waits until a render newer than `after` has been shown and nothing is being formatted. */
async function idle(page, after = -1, ms = 15000) {
  await page.waitForFunction(
    (n) => {
      const r = Number(document.documentElement.getAttribute('data-rendered') || 0);
      const html = document.documentElement;
      return r > n && !html.hasAttribute('data-busy') && !html.hasAttribute('data-preview-loading');
    },
    after,
    { timeout: ms, polling: 50 }
  );
}

/** Replaces the notes (as typing would: an input event) and waits for the new render. */
async function setNotes(page, text) {
  const before = await rendered(page);
  await page.fill('#notes', text);
  await idle(page, before);
}

async function setField(page, name, value) {
  const before = await rendered(page);
  if (name === 'column') await page.selectOption('#f-column', value);
  else if (name === 'date') await page.fill('#f-date', value.replace(' ', 'T'));
  else await page.fill(`#f-${name}`, value);
  await idle(page, before);
}

/** The preview's document: {h1, text, html, onAttrs, scripts}. */
async function preview(page) {
  return page.evaluate(() => {
    const doc = document.getElementById('preview').contentDocument;
    if (!doc || !doc.body) return { h1: null, text: '', html: '', onAttrs: [], scripts: 0 };
    const onAttrs = [];
    for (const el of doc.querySelectorAll('*'))
      for (const a of el.attributes) if (/^on/i.test(a.name)) onAttrs.push(`${el.tagName.toLowerCase()}[${a.name}]`);
    const h1 = doc.querySelector('h1');
    return {
      h1: h1 ? h1.textContent : null,
      text: doc.body.innerText,
      html: doc.documentElement.outerHTML,
      onAttrs,
      scripts: doc.querySelectorAll('script').length,
    };
  });
}

/** Collects failures; `check(cond, msg)` records msg when cond is false. */
function collector(name) {
  const failures = [];
  return {
    failures,
    fail: (msg) => failures.push(msg),
    check: (cond, msg) => {
      if (!cond) failures.push(msg);
      return !!cond;
    },
    watchErrors(label, watch, { ignoreConsole = [] } = {}) {
      const consoleErrors = watch.consoleErrors.filter((e) => !ignoreConsole.some((re) => re.test(e)));
      if (consoleErrors.length) failures.push(`${label}: console errors:\n  ${consoleErrors.join('\n  ')}`);
      if (watch.pageErrors.length) failures.push(`${label}: page errors:\n  ${watch.pageErrors.join('\n  ')}`);
      if (watch.blocked.length) failures.push(`${label}: requests to other hosts (blocked):\n  ${[...new Set(watch.blocked)].join('\n  ')}`);
    },
    finish(okText) {
      if (failures.length) {
        console.error(`${name}: FAIL (${failures.length} problem(s))`);
        for (const f of failures) console.error(`- ${f}`);
        return 1;
      }
      console.log(`${name}: ok (${okText})`);
      return 0;
    },
  };
}

/** Where the test run saves screenshots: PAIBAN_TEST_OUTPUT or <repo>/tests/output. */
function outputDir() {
  const dir = process.env.PAIBAN_TEST_OUTPUT || path.join(__dirname, '..', '..', 'output');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// A sample article of our own (not the seed): the notes an editor would paste.
const SAMPLE = {
  title: '市生态环境局召开2024年大气污染防治工作推进会',
  notes: [
    '市生态环境局召开2024年大气污染防治工作推进会',
    '',
    '3月5日上午,市生态环境局召开2024年大气污染防治工作推进会,总结去年工作,安排部署今年重点任务。',
    '',
    '会议指出，2023年全市空气质量优良天数达到312天 ，比上年增加9天，细颗粒物平均浓度同比下降6.1%。',
    '',
    '一、强化扬尘污染管控',
    '',
    '各县区要落实施工工地“六个百分之百”要求，截止目前已检查工地126个，督促整改问题43个。',
    '',
    '二、推进重点行业深度治理',
    '',
    '加快完成3家企业超低排放改造，做为今年的重点工作，部份企业要在6月底前完成验收。',
    '',
    '市生态环境局',
    '2024年3月5日',
  ].join('\n'),
  fields: { column: '工作动态', views: '1024' },
};

module.exports = { VIEWPORT, editorFile, openEditor, idle, rendered, setNotes, setField, preview, collector, outputDir, SAMPLE };
