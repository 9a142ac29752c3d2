'use strict';
// Headless Chromium for the tests: Debian's /usr/bin/chromium (CHROMIUM_PATH overrides) driven
// by playwright-core, axe-core injection, and a guard that records every request leaving
// file:// or 127.0.0.1.
const fs = require('fs');
const path = require('path');

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function chromiumPath() {
  const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(p)) {
    console.error(`Chromium not found at ${p}.`);
    console.error('Install it (Debian: apt-get install chromium fonts-wqy-microhei, or run tools/setup.sh),');
    console.error('or point CHROMIUM_PATH at a Chromium binary.');
    process.exit(1);
  }
  return p;
}

function playwright() {
  try {
    return require('playwright-core');
  } catch (e) {
    console.error('playwright-core is not installed; run `npm ci` in the repository root (tools/setup.sh does).');
    process.exit(1);
  }
  return null;
}

/** Launches headless Chromium; the caller closes it. */
async function launch() {
  const { chromium } = playwright();
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: LAUNCH_ARGS });
}

/** file:// URL of a local path. */
function fileUrl(p) {
  return require('url').pathToFileURL(path.resolve(p)).href;
}

let axeSource = null;

/**
 * Runs axe-core on the page and returns its violations. The script is evaluated through the
 * DevTools protocol, so a page's Content-Security-Policy does not block it.
 */
async function runAxe(page) {
  if (axeSource === null) axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    // preload off: axe would fetch the stylesheets again with XHR, which file:// pages refuse
    axe.run(document, { resultTypes: ['violations'], preload: false })
  );
  return result.violations;
}

/** Human-readable lines for axe violations. */
function formatViolations(violations) {
  const out = [];
  for (const v of violations) {
    out.push(`  [${v.impact || 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 10)) {
      out.push(`      at ${JSON.stringify(n.target)}: ${(n.failureSummary || '').replace(/\s+/g, ' ').trim()}`);
    }
    if (v.nodes.length > 10) out.push(`      … and ${v.nodes.length - 10} more`);
  }
  return out.join('\n');
}

/**
 * Watches a browser context: aborts and records any request that is not file://, data:,
 * about: or to one of the allowed http origins; records console errors and page errors.
 * Returns {blocked, consoleErrors, pageErrors, attach(page)}.
 */
async function guard(context, allowedOrigins = []) {
  const blocked = [];
  const consoleErrors = [];
  const pageErrors = [];
  const allowed = (url) => {
    if (/^(file|data|about|blob):/.test(url)) return true;
    try {
      return allowedOrigins.includes(new URL(url).origin);
    } catch (e) {
      return false;
    }
  };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (req) => {
    const url = req.url();
    if (!allowed(url) && !blocked.includes(url)) blocked.push(url);
  });
  const attach = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        consoleErrors.push(`${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (err) => pageErrors.push(String(err && err.stack ? err.stack : err)));
  };
  return { blocked, consoleErrors, pageErrors, attach };
}

module.exports = { launch, chromiumPath, fileUrl, runAxe, formatViolations, guard, LAUNCH_ARGS };
