// The typography corpus scorer, shared by tests/node/corpus.cjs (paiban) and
// tools/compare-typography.cjs (other tools on the same corpus).
//
// A case is tests/corpus/NAME.txt (the notes as pasted) and NAME.expected.txt (the text as a
// careful editor corrects it). A tool's output is scored by comparing the changes it made
// (a character-level diff input → output) with the changes needed (input → expected). A change
// is a hunk: at a place in the input (line, column), `del` (the input characters removed)
// became `ins`. A change made counts as right when the needed changes hold exactly the same
// hunk. Diffs are taken line by line when both texts have the same number of lines (the notes
// keep their lines), else over the whole text; hunks are slid to their leftmost place so that
// the same change always gets the same key.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const CORPUS_DIR = path.resolve(__dirname, '..', '..', 'corpus');

/// The corpus cases, sorted by name: {name, file, expectedFile, input, expected, clean}.
/// A clean case (name contains `_clean_`) is a published text that must come out unchanged.
function cases(dir = CORPUS_DIR, filter = '') {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && !f.endsWith('.expected.txt'))
    .filter((f) => f.includes(filter))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      const file = path.join(dir, f);
      const expectedFile = path.join(dir, name + '.expected.txt');
      return {
        name,
        file,
        expectedFile,
        input: fs.readFileSync(file, 'utf8'),
        expected: fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile, 'utf8') : null,
        clean: name.includes('_clean_'),
      };
    });
}

/// Longest-common-subsequence diff of two code point arrays: a list of hunks
/// {start, end, ins} (a[start, end) became ins), in order.
function diffArrays(a, b) {
  const n = a.length;
  const m = b.length;
  // Trim the common prefix and suffix first: most lines differ in a few places.
  let pre = 0;
  while (pre < n && pre < m && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < n - pre && suf < m - pre && a[n - 1 - suf] === b[m - 1 - suf]) suf++;
  const A = a.slice(pre, n - suf);
  const B = b.slice(pre, m - suf);
  const N = A.length;
  const M = B.length;
  // lcs[i][j] = LCS length of A[i..] and B[j..], as one flat array.
  const W = M + 1;
  const lcs = new Uint32Array((N + 1) * W);
  for (let i = N - 1; i >= 0; i--) {
    for (let j = M - 1; j >= 0; j--) {
      lcs[i * W + j] = A[i] === B[j] ? lcs[(i + 1) * W + j + 1] + 1 : Math.max(lcs[(i + 1) * W + j], lcs[i * W + j + 1]);
    }
  }
  const hunks = [];
  let cur = null;
  const flush = () => {
    if (cur) hunks.push(cur);
    cur = null;
  };
  let i = 0;
  let j = 0;
  while (i < N || j < M) {
    if (i < N && j < M && A[i] === B[j]) {
      flush();
      i++;
      j++;
    } else if (j < M && (i === N || lcs[i * W + j + 1] >= lcs[(i + 1) * W + j])) {
      if (!cur) cur = { start: pre + i, end: pre + i, ins: [] };
      cur.ins.push(B[j]);
      j++;
    } else {
      if (!cur) cur = { start: pre + i, end: pre + i, ins: [] };
      cur.end = pre + i + 1;
      i++;
    }
  }
  flush();
  // Slide pure insertions and deletions to the leftmost equivalent place.
  for (const h of hunks) {
    if (h.start === h.end) {
      while (h.start > 0 && h.ins.length > 0 && a[h.start - 1] === h.ins[h.ins.length - 1]) {
        h.ins = [a[h.start - 1], ...h.ins.slice(0, -1)];
        h.start--;
        h.end--;
      }
    } else if (h.ins.length === 0) {
      while (h.start > 0 && a[h.start - 1] === a[h.end - 1]) {
        h.start--;
        h.end--;
      }
    }
  }
  return hunks;
}

/// The changes that turn `from` into `to`, as hunks with input coordinates:
/// {key, line, col, del, ins}. `line` and `col` are 1-based, col in code points.
function changes(from, to) {
  const fromLines = from.split('\n');
  const toLines = to.split('\n');
  const out = [];
  const push = (line, col, del, ins) => {
    out.push({ key: `${line}:${col}:${del}\u2192${ins}`, line, col, del, ins });
  };
  if (fromLines.length === toLines.length) {
    fromLines.forEach((l, k) => {
      const a = Array.from(l);
      const b = Array.from(toLines[k]);
      for (const h of diffArrays(a, b)) push(k + 1, h.start + 1, a.slice(h.start, h.end).join(''), h.ins.join(''));
    });
    return out;
  }
  const a = Array.from(from);
  const b = Array.from(to);
  // Line and column of every input code point.
  const lineOf = new Array(a.length + 1);
  const colOf = new Array(a.length + 1);
  let line = 1;
  let col = 1;
  for (let k = 0; k <= a.length; k++) {
    lineOf[k] = line;
    colOf[k] = col;
    if (a[k] === '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  for (const h of diffArrays(a, b)) push(lineOf[h.start], colOf[h.start], a.slice(h.start, h.end).join(''), h.ins.join(''));
  return out;
}

/// Scores one output against the expected text:
/// {made, needed, right, wrong (made but not needed), missed (needed but not made), lines}
/// where `lines` lists {line, expected, got} for every line that differs.
function scoreCase(input, output, expected) {
  const made = changes(input, output);
  const needed = changes(input, expected);
  const neededKeys = new Set(needed.map((c) => c.key));
  const madeKeys = new Set(made.map((c) => c.key));
  const wrong = made.filter((c) => !neededKeys.has(c.key));
  const missed = needed.filter((c) => !madeKeys.has(c.key));
  const e = expected.split('\n');
  const g = output.split('\n');
  const lines = [];
  for (let k = 0; k < Math.max(e.length, g.length); k++) {
    if (e[k] !== g[k]) lines.push({ line: k + 1, expected: e[k] ?? '(none)', got: g[k] ?? '(none)' });
  }
  return { made: made.length, needed: needed.length, right: made.length - wrong.length, wrong, missed, lines };
}

/// Adds up case scores: {made, needed, right, precision, recall} (percentages; 100 when the
/// denominator is 0).
function totals(scores) {
  const t = { made: 0, needed: 0, right: 0 };
  for (const s of scores) {
    t.made += s.made;
    t.needed += s.needed;
    t.right += s.right;
  }
  t.precision = t.made === 0 ? 100 : (100 * t.right) / t.made;
  t.recall = t.needed === 0 ? 100 : (100 * (t.needed - scores.reduce((n, s) => n + s.missed.length, 0))) / t.needed;
  return t;
}

/// The non-whitespace characters of `input` that appear neither in `output` nor in any of
/// `removed` (e.g. the `before` of diagnostics), counted as multisets. Returns a list of
/// {ch, lost}.
function lostCharacters(input, output, removed = []) {
  const count = (s, map, sign) => {
    for (const ch of s) {
      if (/\s/u.test(ch)) continue;
      map.set(ch, (map.get(ch) || 0) + sign);
    }
  };
  const m = new Map();
  count(input, m, 1);
  count(output, m, -1);
  for (const r of removed) count(r, m, -1);
  const lost = [];
  for (const [ch, n] of m) if (n > 0) lost.push({ ch, lost: n });
  return lost;
}

/// Shows a hunk for a report: `12:5 "," → "，"`.
function showChange(c) {
  return `${c.line}:${c.col} ${JSON.stringify(c.del)} \u2192 ${JSON.stringify(c.ins)}`;
}

module.exports = { CORPUS_DIR, cases, changes, diffArrays, scoreCase, totals, lostCharacters, showChange };
