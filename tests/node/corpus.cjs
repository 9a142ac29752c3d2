#!/usr/bin/env node
// The typography corpus: every tests/corpus/NAME.txt is formatted by the CLI
//   paiban format --json --now "2024-03-01 09:30:00" NAME.txt   (cwd: tests/corpus)
// and the response's `text` (the notes with every applied fix made) is scored against
// NAME.expected.txt (see lib/score.cjs): precision = right changes / changes made,
// recall = needed changes made / changes needed.
// On every case it also checks:
//   (1) idempotent: formatting `text` again makes no fix and returns the same text;
//   (2) nothing lost: every non-whitespace character of the input is in `text` or in the
//       `before` of a diagnostic;
//   (3) clean cases (name contains `_clean_`) get no fix and no warning or error.
// Exits 1 if precision < 100 %, recall < 98 % or a check fails; prints the numbers either way.
//
// Usage: node tests/node/corpus.cjs CLI_PATH [NAME_FILTER]
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const score = require('./lib/score.cjs');

const NOW = '2024-03-01 09:30:00';
const MIN_PRECISION = 100;
const MIN_RECALL = 98;

function format(cli, file) {
  const r = spawnSync(cli, ['format', '--json', '--now', NOW, path.basename(file)], {
    cwd: path.dirname(file),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || !r.stdout) {
    const why = r.error ? r.error.message : (r.stderr || '').trim();
    return { error: `exit ${r.status}${r.signal ? ' ' + r.signal : ''}: ${why}` };
  }
  try {
    return { response: JSON.parse(r.stdout) };
  } catch (e) {
    return { error: 'the output is not JSON: ' + e.message };
  }
}

function main() {
  const cli = process.argv[2] ? path.resolve(process.argv[2]) : '';
  const filter = process.argv[3] || '';
  if (!cli) {
    console.error('usage: node tests/node/corpus.cjs CLI_PATH [NAME_FILTER]');
    process.exit(2);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-corpus-'));
  const list = score.cases(score.CORPUS_DIR, filter);
  const scores = [];
  const failures = [];
  const mismatches = [];
  let clean = 0;
  const byRule = new Map();
  for (const c of list) {
    if (c.expected === null) {
      failures.push(`${c.name}: no ${path.basename(c.expectedFile)}`);
      continue;
    }
    if (c.clean && c.expected !== c.input) failures.push(`${c.name}: a clean case must expect its input unchanged`);
    const r = format(cli, c.file);
    if (r.error) {
      failures.push(`${c.name}: ${r.error}`);
      continue;
    }
    const res = r.response;
    const text = typeof res.text === 'string' ? res.text : '';
    const s = score.scoreCase(c.input, text, c.expected);
    scores.push(s);
    for (const l of s.lines) mismatches.push({ name: c.name, ...l });
    for (const w of s.wrong) failures.push(`${c.name}: wrong change ${score.showChange(w)}`);
    for (const m of s.missed) failures.push(`${c.name}: missed change ${score.showChange(m)}`);

    const diags = Array.isArray(res.diagnostics) ? res.diagnostics : [];
    for (const d of diags) if (d.applied) byRule.set(d.rule, (byRule.get(d.rule) || 0) + 1);
    // (1) idempotent
    const again = path.join(tmp, c.name + '.txt');
    fs.writeFileSync(again, text);
    const r2 = format(cli, again);
    if (r2.error) {
      failures.push(`${c.name}: formatting the output again failed: ${r2.error}`);
    } else {
      const fixes = (r2.response.diagnostics || []).filter((d) => d.applied);
      if (fixes.length > 0)
        failures.push(
          `${c.name}: not idempotent: ${fixes.length} fix(es) on the output, first ${fixes[0].rule} ` +
            `${fixes[0].line}:${fixes[0].column} ${JSON.stringify(fixes[0].before)} → ${JSON.stringify(fixes[0].after)}`,
        );
      if (r2.response.text !== text) failures.push(`${c.name}: not idempotent: the text changed on a second run`);
    }
    // (2) nothing lost
    const lost = score.lostCharacters(
      c.input,
      text,
      diags.map((d) => d.before || ''),
    );
    if (lost.length > 0)
      failures.push(`${c.name}: characters lost: ${lost.map((x) => `${JSON.stringify(x.ch)}×${x.lost}`).join(' ')}`);
    // (3) clean cases
    if (c.clean) {
      clean++;
      const fixes = diags.filter((d) => d.applied);
      const warnings = diags.filter((d) => !d.applied && (d.severity === 'warning' || d.severity === 'error'));
      for (const d of [...fixes, ...warnings])
        failures.push(
          `${c.name}: clean text got ${d.applied ? 'a fix' : 'a ' + d.severity} ${d.rule} ${d.line}:${d.column} ` +
            `${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`,
        );
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  if (mismatches.length > 0) {
    console.log('Lines that differ from the expected text:');
    for (const m of mismatches) {
      console.log(`  ${m.name}:${m.line}`);
      console.log(`    expected: ${m.expected}`);
      console.log(`    got:      ${m.got}`);
    }
  }
  if (failures.length > 0) {
    console.log('Findings:');
    for (const f of failures) console.log('  ' + f);
  }
  const t = score.totals(scores);
  const rules = [...byRule.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  console.log('Fixes reported, by rule: ' + rules.map(([r, n]) => `${r} ${n}`).join(', '));
  const ok =
    failures.filter((f) => !/: (wrong|missed) change /.test(f)).length === 0 &&
    t.precision >= MIN_PRECISION &&
    t.recall >= MIN_RECALL &&
    scores.length === list.length;
  console.log(
    `corpus: ${list.length} cases (${clean} clean), changes needed ${t.needed}, made ${t.made}, right ${t.right}; ` +
      `precision ${t.precision.toFixed(2)}%, recall ${t.recall.toFixed(2)}% ` +
      `(required ${MIN_PRECISION}% and ${MIN_RECALL}%)`,
  );
  console.log(ok ? 'corpus: PASS' : 'corpus: FAIL');
  process.exit(ok ? 0 : 1);
}

main();
