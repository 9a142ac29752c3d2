'use strict';
// One benchmark row in node, on one input file, in its own process (so memory is its own):
//
//   node bench/node_runner.cjs ROW FILE RUNS WARMUP [PAIBAN_JS [BIG_BYTES]]
//
// ROW: paiban-wasm | commonmark | markdown-it | autocorrect-stack.
// Prints one JSON line: {row, bytes, runs_ms, median_ms, mb_per_s, iterations, peak_bytes,
// peak_kind, output_bytes}. A small input is timed in batches of calls (≥ 20 ms a sample), so
// that each sample is well above the clock's resolution; runs_ms is per call.
const fs = require('fs');
const path = require('path');
const { timeRuns, fillTemplate, splitAtBlankLines } = require('./timing.cjs');
const { appCall } = require('./app_reads.js');

const NOW = '2024-01-01 09:00:00';
// The editor's worker's BIG_BYTES (the last argument; bench/run.cjs reads it from web/worker.js).
let bigBytes = Infinity;

// autocorrect-node is one of the comparison tools kept out of the project's own lock file
// (tools/compare/package.json); the root node_modules is tried first.
function requireAutocorrect() {
  const roots = [path.join(__dirname, '..'), path.join(__dirname, '../tools/compare')];
  for (const root of roots) {
    try {
      return require(require.resolve('autocorrect-node', { paths: [root] }));
    } catch (e) {
      // try the next place
    }
  }
  throw new Error('autocorrect-node is not installed: run `npm install --prefix tools/compare`');
}

// The largest piece of text autocorrect-node is given at once (characters; see the row).
const AUTOCORRECT_PIECE = 100000;

async function makeRow(row, paibanJs) {
  switch (row) {
    case 'paiban-wasm': {
      const createPaiban = require(path.resolve(paibanJs));
      const mod = await createPaiban();
      const call = appCall(mod, NOW, bigBytes);
      return {
        // the call the app makes, as its worker makes it (bench/app_reads.js: the notes as a
        // string, the options as JSON, out the JSON of the rest and the three texts apart, and
        // what of them the worker decodes at once; copies in and out included)
        run: (input) => {
          const r = call(input);
          return r.parts || r.json;
        },
        outputBytes: (out) =>
          typeof out === 'string'
            ? Buffer.byteLength(out, 'utf8')
            : Buffer.byteLength(out.json, 'utf8') +
              (out.pageBytes !== undefined
                ? out.pageBytes + out.fragmentBytes + out.textBytes
                : ['page', 'fragment', 'text'].reduce((n, k) => n + Buffer.byteLength(out[k] || '', 'utf8'), 0)),
        memory: () => mod.HEAP8.buffer.byteLength,
        peakKind: 'wasm-memory',
      };
    }
    case 'commonmark': {
      const commonmark = require('commonmark');
      const reader = new commonmark.Parser();
      const writer = new commonmark.HtmlRenderer();
      return { run: (input) => writer.render(reader.parse(input)), peakKind: 'rss-growth' };
    }
    case 'markdown-it': {
      const md = require('markdown-it')().use(require('markdown-it-cjk-breaks'));
      return { run: (input) => md.render(input), peakKind: 'rss-growth' };
    }
    case 'autocorrect-stack': {
      // what a web developer would assemble: fix CJK spacing and punctuation, render, template.
      // autocorrect's Markdown parser gives up on a long text ("call limit reached", from about
      // 600 KB of the bench's notes) and then returns it unchanged: the text goes to it in pieces
      // cut at blank lines (one piece up to AUTOCORRECT_PIECE characters, so the 6 KB and 100 KB
      // notes go whole), and check() makes sure before timing that it formats every piece.
      const autocorrect = requireAutocorrect();
      const md = require('markdown-it')();
      const template = fs.readFileSync(path.join(__dirname, 'template.html'), 'utf8');
      return {
        check: (input) => {
          const pieces = splitAtBlankLines(input, AUTOCORRECT_PIECE);
          pieces.forEach((piece, i) => {
            const lint = autocorrect.lintFor(piece, 'md');
            if (lint.error) throw new Error(`autocorrect gives up on piece ${i + 1} of ${pieces.length}: ${lint.error}`);
          });
          return { pieces: pieces.length };
        },
        run: (input) => {
          const fixed = splitAtBlankLines(input, AUTOCORRECT_PIECE)
            .map((piece) => autocorrect.formatFor(piece, 'md'))
            .join('');
          const firstLine = fixed.slice(0, fixed.indexOf('\n'));
          return fillTemplate(template, firstLine, md.render(fixed));
        },
        peakKind: 'rss-growth',
      };
    }
    default:
      throw new Error(`unknown row ${row}`);
  }
}

async function main() {
  const [row, file, runsArg, warmupArg, paibanJs, bigArg] = process.argv.slice(2);
  bigBytes = bigArg ? Number(bigArg) : Infinity;
  if (!row || !file) {
    console.error('usage: node bench/node_runner.cjs ROW FILE RUNS WARMUP [PAIBAN_JS [BIG_BYTES]]');
    process.exit(2);
  }
  const runs = Math.max(1, parseInt(runsArg || '7', 10));
  const warmup = Math.max(0, parseInt(warmupArg || '2', 10));
  const bytes = fs.statSync(file).size;
  const input = fs.readFileSync(file, 'utf8');
  if (global.gc) global.gc();
  const rssBefore = process.memoryUsage().rss;
  const r = await makeRow(row, paibanJs);
  const memBefore = r.memory ? r.memory() : 0;
  const checked = r.check ? r.check(input) : {};
  const t = timeRuns(() => r.run(input), runs, warmup, (f) => {
    const t0 = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  let peak;
  if (r.peakKind === 'wasm-memory') peak = r.memory();
  else peak = Math.max(0, process.resourceUsage().maxRSS * 1024 - rssBefore);
  const out = {
    row,
    bytes,
    runs_ms: t.runs,
    median_ms: t.median,
    mb_per_s: bytes / 1e6 / (t.median / 1e3),
    iterations: t.iterations,
    peak_bytes: peak,
    peak_kind: r.peakKind,
    wasm_memory_before: memBefore,
    output_bytes: r.outputBytes ? r.outputBytes(t.output) : Buffer.byteLength(t.output || '', 'utf8'),
    ...checked,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
