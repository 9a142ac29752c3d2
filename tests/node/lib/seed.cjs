'use strict';
// The seed: the site's published article page as text (SPEC §1). Read at test time from the
// shared seed folder, never copied into the repository.
const fs = require('fs');
const path = require('path');

/** The seed files (*.txt) in dir, sorted; [] when the folder is absent. */
function seedFiles(dir) {
  if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Parses a seed page:
 *   line 1            breadcrumb `首页 > 栏目` (the column is its last item)
 *   next non-empty    the title
 *   next non-empty    the info line `发布日期:YYYY-MM-DD HH:MM:SS   浏览量:N`
 *   …                 the body paragraphs (non-empty lines)
 *   last 3 non-empty  the footer, its first line starting with 版权所有
 * Returns {text, crumbs, column, title, date, views, body[], footer[]} or throws with a reason.
 */
function parseSeed(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\n|\r/).map((l) => l.trim());
  const nonEmpty = lines.filter((l) => l.length > 0);
  if (nonEmpty.length < 7) throw new Error(`${file}: too few lines for a seed page`);
  const crumbs = nonEmpty[0].split(/\s*>\s*/).filter(Boolean);
  if (crumbs.length < 2) throw new Error(`${file}: line 1 is not a breadcrumb (首页 > 栏目): ${nonEmpty[0]}`);
  const title = nonEmpty[1];
  const info = nonEmpty[2];
  const m = info.match(/(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2})[\s\S]*?(\d+)\s*$/u);
  if (!m) throw new Error(`${file}: the info line has no date-time and view count: ${info}`);
  const footerStart = nonEmpty.length - 3;
  if (!nonEmpty[footerStart].startsWith('版权所有'))
    throw new Error(`${file}: the third-last non-empty line should start the footer (版权所有): ${nonEmpty[footerStart]}`);
  const body = nonEmpty.slice(3, footerStart);
  if (body.length === 0) throw new Error(`${file}: no body paragraphs`);
  return {
    text,
    crumbs,
    column: crumbs[crumbs.length - 1],
    title,
    date: `${m[1]} ${m[2]}`,
    views: m[3],
    body,
    footer: nonEmpty.slice(footerStart),
  };
}

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u2018-\u201D\u2026\u2014]/u;

/**
 * The same text as an editor types it before publishing: ASCII , ; : ? ! ( ) next to a CJK
 * character (on either side, spaces skipped) become full width. Digits-only contexts (1,000 or
 * 10:30) keep theirs.
 */
function toFullWidth(text) {
  const map = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
  const chars = Array.from(text);
  const neighbour = (i, step) => {
    for (let k = i + step; k >= 0 && k < chars.length; k += step) {
      if (chars[k] === ' ') continue;
      return chars[k];
    }
    return '';
  };
  return chars
    .map((ch, i) => {
      if (!map[ch]) return ch;
      const before = neighbour(i, -1);
      const after = neighbour(i, 1);
      return CJK.test(before) || CJK.test(after) ? map[ch] : ch;
    })
    .join('');
}

/** Folds full-width forms U+FF01–U+FF5E to ASCII. */
function foldFullWidth(text) {
  return text.replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Lines with all whitespace removed, empty lines dropped. */
function normalizedLines(text) {
  return text
    .split(/\r\n|\n|\r/)
    .map((l) => l.replace(/\s+/gu, ''))
    .filter((l) => l.length > 0);
}

/** Compares line lists; returns '' when equal, else a readable diff (first 10 differences). */
function diffLines(expected, got) {
  const out = [];
  const n = Math.max(expected.length, got.length);
  let shown = 0;
  for (let i = 0; i < n && shown < 10; i++) {
    if (expected[i] === got[i]) continue;
    shown++;
    const e = expected[i] === undefined ? '(no line)' : expected[i];
    const g = got[i] === undefined ? '(no line)' : got[i];
    let at = 0;
    while (at < e.length && at < g.length && e[at] === g[at]) at++;
    out.push(`  line ${i + 1}: first difference at character ${at + 1}`);
    out.push(`    expected: ${clip(e, at)}`);
    out.push(`    got:      ${clip(g, at)}`);
  }
  if (out.length && expected.length !== got.length)
    out.push(`  (expected ${expected.length} lines, got ${got.length})`);
  return out.join('\n');
}

function clip(s, at) {
  const chars = Array.from(s);
  if (chars.length <= 80) return s;
  const from = Math.max(0, at - 30);
  return (from > 0 ? '…' : '') + chars.slice(from, from + 80).join('') + (from + 80 < chars.length ? '…' : '');
}

module.exports = { seedFiles, parseSeed, toFullWidth, foldFullWidth, normalizedLines, diffLines };
