#!/usr/bin/env node
// Compares paiban's typography fixes with AutoCorrect (autocorrect-node) and zhlint on the
// corpus of tests/corpus/, scored as tests/node/corpus.cjs scores paiban (tests/node/lib/score.cjs):
// precision = right changes / changes made, recall = needed changes made / changes needed.
// Each tool runs as it ships and with the settings closest to the house style (GB/T 15834
// punctuation, no space between Chinese and Latin letters or digits). Prints a Markdown table.
//
// Usage: node tools/compare-typography.cjs [--examples N] [CLI_PATH]
//   CLI_PATH: a native paiban CLI (e.g. build/release/cli/paiban); without it paiban is left out.
//   --examples N: also list up to N wrong and N missed changes per tool.
// Needs the dev dependencies (npm ci): autocorrect-node and zhlint.
'use strict';

const path = require('node:path');
const { spawnSync } = require('node:child_process');
const score = require('../tests/node/lib/score.cjs');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');

// The compared tools live in their own folder (tools/compare/), installed on demand with
// `npm install --prefix tools/compare`: they are not needed to build or test paiban.
const compareRequire = createRequire(path.join(__dirname, 'compare', 'package.json'));

const NOW = '2024-03-01 09:30:00';

function paibanTool(cli) {
  return {
    tool: 'paiban',
    settings: 'default profile',
    run(c) {
      const r = spawnSync(cli, ['format', '--json', '--now', NOW, path.basename(c.file)], {
        cwd: path.dirname(c.file),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (r.status !== 0) throw new Error(`paiban failed on ${c.name}: ${r.stderr || r.error}`);
      return JSON.parse(r.stdout).text;
    },
  };
}

// AutoCorrect keeps one global configuration: each setting loads its own before it runs.
const AUTOCORRECT_DEFAULT = { rules: {} };
const AUTOCORRECT_HOUSE = {
  rules: {
    'space-word': 0,
    'space-punctuation': 0,
    'space-bracket': 0,
    'space-backticks': 0,
    'space-dash': 0,
    spellcheck: 0,
  },
};

function autocorrectTool(ac, config, settings) {
  return {
    tool: 'AutoCorrect',
    settings,
    before() {
      ac.loadConfig(JSON.stringify(config));
    },
    run(c) {
      return ac.format(c.input);
    },
  };
}

const ZHLINT_DEFAULT = { rules: { preset: 'default' } };
const ZHLINT_HOUSE = {
  rules: {
    preset: 'default',
    spaceBetweenMixedwidthContent: false,
    halfwidthPunctuation: '',
    fullwidthPunctuation: '，。：；？！“”‘’（）',
    adjustedFullwidthPunctuation: '',
    spaceOutsideHalfwidthBracket: false,
    spaceOutsideHalfwidthQuotation: false,
    spaceOutsideCode: false,
    // With the shipped abbreviation list (Mr. … a.k.a.) zhlint 0.8.2 throws on some texts of
    // the corpus (reading 'toLowerCase' of undefined in its case-abbrs rule); an empty list
    // avoids that.
    skipAbbrs: [],
  },
};

function zhlintTool(zh, options, settings) {
  return {
    tool: 'zhlint',
    settings,
    run(c) {
      return zh.run(c.input, options).result;
    },
  };
}

function describe(options) {
  const rules = options.rules;
  return Object.entries(rules)
    .filter(([k]) => k !== 'preset')
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ');
}

async function main() {
  const args = process.argv.slice(2);
  let examples = 0;
  const k = args.indexOf('--examples');
  if (k >= 0) {
    examples = Number(args[k + 1]) || 0;
    args.splice(k, 2);
  }
  const cli = args[0] ? path.resolve(args[0]) : '';
  const list = score.cases();
  const tools = [];
  const notes = [];
  if (cli) tools.push(paibanTool(cli));

  let ac = null;
  try {
    ac = compareRequire('autocorrect-node');
  } catch (e) {
    notes.push(`autocorrect-node could not be loaded: ${e.message.split('\n')[0]}`);
  }
  if (ac) {
    const v = compareRequire('autocorrect-node/package.json').version;
    tools.push(autocorrectTool(ac, AUTOCORRECT_DEFAULT, `${v}, as shipped: \`format(text)\``));
    tools.push(
      autocorrectTool(
        ac,
        AUTOCORRECT_HOUSE,
        `${v}, \`loadConfig\` rules ${Object.keys(AUTOCORRECT_HOUSE.rules).join(', ')} = 0`,
      ),
    );
  }
  let zh = null;
  try {
    zh = await import(pathToFileURL(compareRequire.resolve('zhlint')).href);
  } catch (e) {
    notes.push(`zhlint could not be loaded: ${e.message.split('\n')[0]}`);
  }
  if (zh) {
    const v = compareRequire('zhlint/package.json').version;
    tools.push(zhlintTool(zh, ZHLINT_DEFAULT, `${v}, as shipped: preset default`));
    tools.push(zhlintTool(zh, ZHLINT_HOUSE, `${v}, preset default + ${describe(ZHLINT_HOUSE)}`));
  }

  const clean = list.filter((c) => c.clean).length;
  const noisy = list.length - clean;
  const rows = [];
  for (const t of tools) {
    if (t.before) t.before();
    const scores = [];
    let cleanKept = 0;
    let noisyRight = 0;
    let noisyUntouched = 0;
    const crashed = [];
    for (const c of list) {
      // A tool that throws on a text is scored as if it had left the text as it was.
      let out = c.input;
      try {
        out = t.run(c);
      } catch (e) {
        crashed.push(`${c.name} (${String(e.message || e).split('\n')[0]})`);
      }
      const s = score.scoreCase(c.input, out, c.expected);
      scores.push(s);
      if (c.clean && out === c.input) cleanKept++;
      if (!c.clean && out === c.expected) noisyRight++;
      if (!c.clean && out === c.input) noisyUntouched++;
    }
    const tot = score.totals(scores);
    const wrong = [];
    const missed = [];
    scores.forEach((s, i) => {
      for (const w of s.wrong) wrong.push(`${list[i].name} ${score.showChange(w)}`);
      for (const m of s.missed) missed.push(`${list[i].name} ${score.showChange(m)}`);
    });
    rows.push({ t, tot, cleanKept, noisyRight, noisyUntouched, wrong, missed });
    if (crashed.length > 0)
      notes.push(`${t.tool} (${t.settings}) threw on ${crashed.length} text(s), scored as unchanged: ${crashed.join('; ')}`);
  }

  console.log(`Corpus: ${list.length} cases (${noisy} noisy, ${clean} clean).`);
  console.log('');
  console.log(
    '| tool | settings | precision | recall | changes made / right / needed | clean texts kept unchanged | clean texts changed | noisy texts fully right | noisy texts left unchanged |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const { t, tot, cleanKept, noisyRight, noisyUntouched } of rows) {
    console.log(
      `| ${t.tool} | ${t.settings} | ${tot.precision.toFixed(1)}% | ${tot.recall.toFixed(1)}% | ` +
        `${tot.made} / ${tot.right} / ${tot.needed} | ${cleanKept}/${clean} | ${clean - cleanKept} | ` +
        `${noisyRight}/${noisy} | ${noisyUntouched} |`,
    );
  }
  for (const n of notes) console.log(`\nNote: ${n}`);
  if (examples > 0) {
    for (const r of rows) {
      console.log(`\n${r.t.tool} (${r.t.settings}):`);
      console.log(`  wrong changes (${r.wrong.length}):`);
      for (const w of r.wrong.slice(0, examples)) console.log('    ' + w);
      console.log(`  missed changes (${r.missed.length}):`);
      for (const m of r.missed.slice(0, examples)) console.log('    ' + m);
    }
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
