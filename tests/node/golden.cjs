#!/usr/bin/env node
// Golden tests: every tests/golden/NAME.txt is formatted by the CLI
//   paiban format --json --now "2024-03-01 09:30:00" [NAME.args…] NAME.txt   (cwd: tests/golden)
// and the response is compared byte for byte with
//   NAME.html   the response's `page`
//   NAME.json   {diagnostics, errors, meta, ok} of the response, pretty-printed (2 spaces)
// NAME.args (optional) holds extra CLI arguments, one per line (empty lines and lines starting
// with # are skipped); paths in it are relative to tests/golden/.
//
// Usage: node tests/node/golden.cjs CLI_PATH [NAME_FILTER]
//   PAIBAN_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
// Other test scripts reuse cases() (and run()) through require().
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const os = require('node:os');

const GOLDEN_DIR = path.resolve(__dirname, '..', 'golden');
const NOW = '2024-03-01 09:30:00';

/// The golden cases, sorted by name: {name, file (absolute path of NAME.txt), args (array)}.
function cases() {
  return fs
    .readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      const argsFile = path.join(GOLDEN_DIR, name + '.args');
      let args = [];
      if (fs.existsSync(argsFile)) {
        args = fs
          .readFileSync(argsFile, 'utf8')
          .split('\n')
          .map((l) => l.replace(/\r$/, ''))
          .filter((l) => l !== '' && !l.startsWith('#'));
      }
      return { name, file: path.join(GOLDEN_DIR, f), args };
    });
}

/// The CLI's argument list for a case (run with cwd GOLDEN_DIR).
function cliArgs(c) {
  return ['format', '--json', '--now', NOW, ...c.args, path.basename(c.file)];
}

/// Runs the CLI on a case: {status, stdout (string), stderr, response (parsed JSON or null)}.
function run(cli, c) {
  const r = spawnSync(cli, cliArgs(c), { cwd: GOLDEN_DIR, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  let response = null;
  if (r.status === 0 && r.stdout) {
    try {
      response = JSON.parse(r.stdout);
    } catch (e) {
      response = null;
    }
  }
  return { status: r.status, signal: r.signal, error: r.error, stdout: r.stdout, stderr: r.stderr, response };
}

/// The expected-file texts for a response.
function expectedTexts(response) {
  const rest = {
    diagnostics: response.diagnostics,
    errors: response.errors,
    meta: response.meta,
    ok: response.ok,
  };
  return { html: response.page, json: JSON.stringify(rest, null, 2) + '\n' };
}

/// Describes the first line where two texts differ, or null when they are equal.
function firstDifference(expected, got) {
  if (expected === got) return null;
  const e = expected.split('\n');
  const g = got.split('\n');
  const n = Math.max(e.length, g.length);
  for (let i = 0; i < n; i++) {
    if (e[i] !== g[i]) {
      const show = (s) => (s === undefined ? '(end of file)' : JSON.stringify(s.length > 300 ? s.slice(0, 300) + '…' : s));
      return `line ${i + 1}:\n      expected: ${show(e[i])}\n      got:      ${show(g[i])}`;
    }
  }
  return 'the texts differ only in their line endings';
}

function main() {
  const cli = process.argv[2];
  if (!cli) {
    console.error('usage: node golden.cjs CLI_PATH [NAME_FILTER]');
    process.exit(2);
  }
  const cliPath = path.resolve(cli);
  if (!fs.existsSync(cliPath)) {
    console.error(`golden: no CLI at ${cliPath}; build it first`);
    process.exit(2);
  }
  const filter = process.argv[3] || '';
  const update = process.env.PAIBAN_UPDATE_GOLDEN === '1';
  const all = cases().filter((c) => c.name.includes(filter));
  if (all.length === 0) {
    console.error(`golden: no cases in ${GOLDEN_DIR}${filter ? ` matching "${filter}"` : ''}`);
    process.exit(1);
  }

  const failed = [];
  let updated = 0;
  for (const c of all) {
    const r = run(cliPath, c);
    if (r.status !== 0 || r.response === null) {
      const why = r.error
        ? String(r.error)
        : r.status !== 0
          ? `exit ${r.status === null ? 'signal ' + r.signal : r.status}`
          : 'stdout is not JSON';
      console.error(`FAIL ${c.name}: ${why}\n    ${(r.stderr || '').trim().split('\n').join('\n    ')}`);
      failed.push(c.name);
      continue;
    }
    if (!r.stdout.endsWith('}\n') || r.stdout.endsWith('\n\n')) {
      console.error(`FAIL ${c.name}: --json output must end with exactly one newline`);
      failed.push(c.name);
      continue;
    }
    const got = expectedTexts(r.response);
    const htmlFile = path.join(GOLDEN_DIR, c.name + '.html');
    const jsonFile = path.join(GOLDEN_DIR, c.name + '.json');
    if (update) {
      for (const [file, text] of [
        [htmlFile, got.html],
        [jsonFile, got.json],
      ]) {
        const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
        if (old !== text) {
          fs.writeFileSync(file, text);
          updated++;
          console.log(`updated ${path.basename(file)}`);
        }
      }
      continue;
    }
    const problems = [];
    for (const [file, text] of [
      [htmlFile, got.html],
      [jsonFile, got.json],
    ]) {
      if (!fs.existsSync(file)) {
        problems.push(`${path.basename(file)} is missing (run with PAIBAN_UPDATE_GOLDEN=1 to create it)`);
        continue;
      }
      const diff = firstDifference(fs.readFileSync(file, 'utf8'), text);
      if (diff) problems.push(`${path.basename(file)} differs at ${diff}`);
    }
    // Idempotent (SPEC §3): the notes with the fixes made get no further fix.
    if (r.response.ok) {
      const again = path.join(os.tmpdir(), `paiban-golden-${process.pid}-${c.name}.txt`);
      fs.writeFileSync(again, r.response.text);
      const r2 = spawnSync(cliPath, ['format', '--json', '--now', NOW, ...c.args, again], {
        cwd: GOLDEN_DIR, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      fs.rmSync(again, { force: true });
      const second = r2.status === 0 ? JSON.parse(r2.stdout) : null;
      if (second === null) {
        problems.push(`formatting the fixed text again failed: exit ${r2.status}: ${(r2.stderr || '').trim()}`);
      } else {
        const more = second.diagnostics.filter((d) => d.applied);
        if (more.length > 0 || second.text !== r.response.text) {
          problems.push(`not idempotent: formatting the fixed text again made ${more.length} fix(es), first: ` +
                        JSON.stringify(more[0] || {}));
        }
      }
    }
    if (problems.length > 0) {
      console.error(`FAIL ${c.name}:\n  ${problems.join('\n  ')}`);
      failed.push(c.name);
    }
  }

  if (update) {
    const names = new Set(cases().map((c) => c.name));
    for (const f of fs.readdirSync(GOLDEN_DIR)) {
      const m = /^(.*)\.(html|json)$/.exec(f);
      if (m && !names.has(m[1])) console.log(`note: ${f} has no ${m[1]}.txt; remove it if the case is gone`);
    }
    console.log(`golden: ${all.length} cases, ${updated} files written`);
  }
  if (failed.length > 0) {
    console.error(`golden: ${failed.length} of ${all.length} cases failed: ${failed.join(', ')}`);
    if (!update) console.error('(if the change is intended, rerun with PAIBAN_UPDATE_GOLDEN=1 and review the diff)');
    process.exit(1);
  }
  if (!update) console.log(`golden: all ${all.length} cases passed`);
}

module.exports = { cases, cliArgs, run, expectedTexts, GOLDEN_DIR, NOW };

if (require.main === module) main();
