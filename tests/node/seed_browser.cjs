'use strict';
// The seed test of SPEC §1, in headless Chromium.
//   node seed_browser.cjs WASM_JS SEED_DIR [--page FILE]
// For each seed page: its body paragraphs (joined by blank lines) as notes, with its title,
// column, date-time and view count as fields, go through the WASM module; the page HTML is
// opened from file:// and its visible text (innerText) must equal the seed line for line,
// ignoring whitespace:
//   1. default profile, both sides folded (U+FF01–U+FF5E → ASCII);
//   2. half-width publishing on, exact;
//   3. half-width publishing on, notes typed with full-width punctuation, exact.
// Also: axe-core finds no violation, and the page has the structure SPEC §1 asks for.
// --page FILE checks a given HTML page instead of the module's output (to test this test).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { loadModule, formatRequest, halfWidthProfile, watchdog } = require('./lib/wasm.cjs');
const { launch, fileUrl, runAxe, formatViolations, guard } = require('./lib/browser.cjs');
const { seedFiles, parseSeed, toFullWidth, foldFullWidth, normalizedLines, diffLines } = require('./lib/seed.cjs');

const NAME = 'seed_browser';
const NOW = '2024-03-01 09:30:00';
const REQUIRED_META = ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ArticleTitle', 'PubDate'];
const OPTIONAL_META = ['ContentSource', 'Keywords', 'Author', 'Description', 'Url'];

async function checkStructure(page, html, seed) {
  const problems = [];
  if (/<script\b/i.test(html)) problems.push('the page contains a <script> element (it must have none)');
  const facts = await page.evaluate(
    ({ required, optional }) => {
      const q = (s) => document.querySelectorAll(s);
      const meta = {};
      for (const name of required.concat(optional)) {
        const el = document.querySelector(`meta[name="${name}"]`);
        meta[name] = el ? el.getAttribute('content') : null;
      }
      return {
        lang: document.documentElement.getAttribute('lang'),
        charset: document.characterSet,
        h1: Array.from(q('h1')).map((h) => h.textContent),
        times: Array.from(q('time')).map((t) => t.getAttribute('datetime')),
        header: q('header').length,
        nav: q('nav[aria-label="当前位置"]').length,
        mainArticle: q('main > article').length,
        main: q('main').length,
        footer: q('footer').length,
        scripts: q('script').length,
        meta,
      };
    },
    { required: REQUIRED_META, optional: OPTIONAL_META }
  );
  const squash = (s) => (s || '').replace(/\s+/gu, '');
  if (facts.lang !== 'zh-CN') problems.push(`<html lang> is ${JSON.stringify(facts.lang)}, expected "zh-CN"`);
  if (facts.charset !== 'UTF-8') problems.push(`document encoding is ${facts.charset}, expected UTF-8`);
  if (facts.h1.length !== 1) problems.push(`expected exactly one h1, found ${facts.h1.length}`);
  else if (squash(facts.h1[0]) !== squash(seed.title))
    problems.push(`the h1 reads ${JSON.stringify(facts.h1[0])}, expected the title ${JSON.stringify(seed.title)}`);
  const datetime = `${seed.date.replace(' ', 'T')}+08:00`;
  if (!facts.times.includes(datetime))
    problems.push(`no <time datetime="${datetime}"> (found: ${JSON.stringify(facts.times)})`);
  if (facts.header < 1) problems.push('no <header> landmark');
  if (facts.nav !== 1) problems.push(`expected one <nav aria-label="当前位置"> (breadcrumb), found ${facts.nav}`);
  if (facts.main !== 1) problems.push(`expected one <main>, found ${facts.main}`);
  if (facts.mainArticle !== 1) problems.push(`expected one <article> directly inside <main>, found ${facts.mainArticle}`);
  if (facts.footer < 1) problems.push('no <footer> landmark');
  if (facts.scripts > 0) problems.push(`${facts.scripts} <script> element(s) in the DOM`);
  for (const name of REQUIRED_META) {
    if (!facts.meta[name]) problems.push(`<meta name="${name}"> missing or empty`);
  }
  for (const name of OPTIONAL_META) {
    if (facts.meta[name] !== null && !facts.meta[name])
      problems.push(`<meta name="${name}"> is present but empty (omit it when unknown)`);
  }
  if (facts.meta.ColumnName && facts.meta.ColumnName !== seed.column)
    problems.push(`meta ColumnName is ${JSON.stringify(facts.meta.ColumnName)}, expected ${JSON.stringify(seed.column)}`);
  if (facts.meta.ArticleTitle && facts.meta.ArticleTitle !== seed.title)
    problems.push(`meta ArticleTitle is ${JSON.stringify(facts.meta.ArticleTitle)}, expected the title`);
  if (facts.meta.PubDate && !facts.meta.PubDate.includes(seed.date.slice(0, 10)))
    problems.push(`meta PubDate is ${JSON.stringify(facts.meta.PubDate)}, expected the date ${seed.date.slice(0, 10)}`);
  const idCode = seed.footer.join(' ').match(/网站标识码\s*[:：]\s*(\d+)/u);
  if (idCode && facts.meta.SiteIDCode && facts.meta.SiteIDCode !== idCode[1])
    problems.push(`meta SiteIDCode is ${JSON.stringify(facts.meta.SiteIDCode)}, the site's code is ${idCode[1]}`);
  return problems;
}

async function main() {
  watchdog(NAME, 55);
  const args = process.argv.slice(2);
  let override = null;
  const at = args.indexOf('--page');
  if (at >= 0) {
    override = fs.readFileSync(args[at + 1], 'utf8');
    args.splice(at, 2);
  }
  const [wasmJs, seedDir] = args;
  const files = seedFiles(seedDir);
  if (files.length === 0) {
    console.log(`${NAME}: SKIP: no seed pages in ${seedDir || '(no SEED_DIR given)'}; the seed test needs the shared seed folder`);
    return 0;
  }
  const mod = override ? null : await loadModule(wasmJs);
  const halfWidth = mod ? halfWidthProfile(mod.defaultProfile()) : '';

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-seed-'));
  const browser = await launch();
  const failures = [];
  let checks = 0;
  try {
    const context = await browser.newContext({ bypassCSP: true });
    const watch = await guard(context, []);
    const page = await context.newPage();
    watch.attach(page);

    for (const file of files) {
      let seed;
      try {
        seed = parseSeed(file);
      } catch (e) {
        failures.push(`${path.basename(file)}: cannot read the seed: ${e.message}`);
        continue;
      }
      const notes = seed.body.join('\n\n');
      const fields = { title: seed.title, column: seed.column, date: seed.date, views: seed.views };
      const expected = normalizedLines(seed.text);
      const modes = [
        { name: 'default profile, folded', profile: null, input: notes, fold: true },
        { name: 'half-width publishing, exact', profile: halfWidth, input: notes, fold: false },
        { name: 'half-width publishing, full-width notes, exact', profile: halfWidth, input: toFullWidth(notes), fold: false },
      ];
      for (const [i, mode] of modes.entries()) {
        const label = `${path.basename(file)} [${mode.name}]`;
        checks++;
        let html = override;
        if (!html) {
          const request = { input: mode.input, fields, now: NOW, output: 'page' };
          if (mode.profile) request.profile = mode.profile;
          const res = formatRequest(mod, request);
          if (!res.json || !res.json.ok) {
            const errs = res.json ? JSON.stringify(res.json.errors) : res.text.slice(0, 300);
            failures.push(`${label}: the module did not format the notes: ${errs}`);
            continue;
          }
          html = res.json.page;
        }
        const pageFile = path.join(tmp, `seed-${i}.html`);
        fs.writeFileSync(pageFile, html);
        await page.goto(fileUrl(pageFile), { waitUntil: 'load' });
        const innerText = await page.evaluate(() => document.body.innerText);
        const fold = mode.fold ? foldFullWidth : (s) => s;
        const want = expected.map(fold);
        const got = normalizedLines(innerText).map(fold);
        const diff = diffLines(want, got);
        if (diff) failures.push(`${label}: the page's text differs from the seed (whitespace ignored):\n${diff}\n  page saved as ${pageFile}`);

        if (i === 0 || i === 1) {
          const problems = await checkStructure(page, html, seed);
          for (const p of problems) failures.push(`${label}: ${p}`);
          const violations = await runAxe(page);
          if (violations.length) failures.push(`${label}: axe-core found ${violations.length} violation(s):\n${formatViolations(violations)}`);
        }
      }
    }
    if (watch.blocked.length) failures.push(`the page made requests it must not make:\n  ${[...new Set(watch.blocked)].join('\n  ')}`);
    if (watch.pageErrors.length) failures.push(`page errors:\n  ${watch.pageErrors.join('\n  ')}`);
  } finally {
    await browser.close();
  }

  if (failures.length) {
    console.error(`${NAME}: FAIL (${failures.length} problem(s) in ${checks} check(s))`);
    for (const f of failures) console.error(`- ${f}`);
    console.error(`(pages kept in ${tmp})`);
    return 1;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${NAME}: ok (${files.length} seed page(s), ${checks} render(s) match the seed; structure and axe clean)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`${NAME}: FAIL: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  }
);
