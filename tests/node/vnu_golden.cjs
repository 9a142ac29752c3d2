'use strict';
// Every golden page is valid HTML5: the Nu Html Checker (vnu.jar) reports no error.
//   node vnu_golden.cjs CLI_PATH
// Each golden case (and one built-in sample) is rendered by the CLI with its arguments
// (`paiban format --json …`, cwd tests/golden); its page is written as NAME.html and its
// fragment, wrapped in a minimal valid document, as NAME.fragment.html. vnu runs once over
// the folder (one JVM start).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const golden = require('./lib/golden.cjs');
const { watchdog } = require('./lib/wasm.cjs');

const NAME = 'vnu_golden';
const NOW = '2024-03-01 09:30:00';
const VNU = path.join(golden.REPO_ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

function wrapFragment(fragment) {
  return (
    '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>片段</title>\n</head>\n<body>\n' +
    fragment +
    '\n</body>\n</html>\n'
  );
}

function main() {
  watchdog(NAME, 55);
  const cli = process.argv[2];
  if (!cli || !fs.existsSync(cli)) {
    console.error(`${NAME}: FAIL: no CLI at ${cli || '(no path given)'}; build the native-release preset first`);
    return 1;
  }
  if (!fs.existsSync(VNU)) {
    console.error(`${NAME}: FAIL: ${VNU} is missing; run \`npm ci\` in the repository root (tools/setup.sh does)`);
    return 1;
  }
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    console.error(`${NAME}: FAIL: java is not available (vnu.jar needs Java 11 or later; Debian: apt-get install default-jre-headless)`);
    return 1;
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paiban-vnu-'));
  const sample = path.join(tmp, 'sample-notes.txt');
  fs.writeFileSync(
    sample,
    '标题：秋季植树活动顺利开展\n\n日期：2023年10月20日\n\n一、活动概况\n\n本次活动共种植树苗300余株，参与人员50人。\n\n- 栽植\n- 浇水\n\n详见[通知](https://example.gov.cn/a.html)。\n'
  );
  const cases = golden.cases().concat([{ name: 'builtin-sample', file: sample, input: sample, args: [] }]);
  const outDir = path.join(tmp, 'pages');
  fs.mkdirSync(outDir);
  const failures = [];
  let written = 0;

  for (const c of cases) {
    const input = c.input || c.file;
    const args = ['format', '--json', '--now', NOW, ...c.args, input];
    const run = spawnSync(path.resolve(cli), args, {
      cwd: golden.GOLDEN_DIR,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 20000,
    });
    let response = null;
    try {
      response = JSON.parse(run.stdout);
    } catch (e) {
      response = null;
    }
    if (!response) {
      failures.push(`${c.name}: the CLI gave no JSON (exit ${run.status}): ${(run.stderr || run.stdout || '').trim().slice(0, 300)}`);
      continue;
    }
    if (!response.ok) continue;  // an error case (e.g. a bad profile): nothing to validate
    if (response.page) {
      fs.writeFileSync(path.join(outDir, `${c.name}.html`), response.page);
      written++;
    }
    if (response.fragment) {
      fs.writeFileSync(path.join(outDir, `${c.name}.fragment.html`), wrapFragment(response.fragment));
      written++;
    }
  }

  if (written > 0) {
    const vnu = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'gnu', outDir], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 45000,
    });
    if (vnu.error) failures.push(`cannot run vnu.jar: ${vnu.error.message}`);
    const report = `${vnu.stdout || ''}${vnu.stderr || ''}`.trim();
    if (vnu.status !== 0 || report) {
      const lines = report
        .split('\n')
        .map((l) => l.replace(`file:${outDir}/`, '').replace(`"${outDir}/`, '"'))
        .sort();
      const shown = lines.slice(0, 60);
      if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more`);
      failures.push(`the Nu Html Checker reports ${lines.length} error(s) (exit ${vnu.status}):\n  ${shown.join('\n  ')}`);
    }
  } else {
    failures.push('no page was rendered, nothing to validate');
  }

  if (failures.length) {
    console.error(`${NAME}: FAIL (${failures.length} problem(s))`);
    for (const f of failures.slice(0, 12)) console.error(`- ${f}`);
    if (failures.length > 12) console.error(`- … and ${failures.length - 12} more`);
    console.error(`(pages kept in ${outDir})`);
    return 1;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${NAME}: ok (${written} document(s) from ${cases.length} case(s) valid, no vnu error)`);
  return 0;
}

process.exit(main());
