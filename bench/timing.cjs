'use strict';
// Timing shared by the node runner (and mirrored in the browser worker): warm-up calls (at
// least `warmup`, and at least 1.5 s of them, for the JIT tiers), then
// `runs` samples; a sample is a batch of calls long enough (≥ 20 ms) to sit well above the
// clock's resolution, and its time is divided by the batch size. The median is reported.

const SAMPLE_MS = 20;
const WARM_MS = 1500;

function median(values) {
  const s = values.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * call(): one run (returns the output); measure(f): runs f once and returns milliseconds.
 * Returns {runs (ms per call), median, iterations (calls per sample), output}.
 */
function timeRuns(call, runs, warmup, measure, warmMs = WARM_MS) {
  let output = null;
  let first = measure(() => {
    output = call();
  });
  // Warm-up: at least `warmup` calls and, when warm-up is asked for, at least warmMs of them,
  // so that the engine's optimizing tier (V8 compiles WASM and JS lazily) is reached.
  let spent = first;
  for (let i = 1; i < warmup || (warmup > 0 && spent < warmMs); i++) {
    const ms = measure(call);
    spent += ms;
    first = Math.min(first, ms);
  }
  const iterations = Math.max(1, Math.ceil(SAMPLE_MS / Math.max(first, 1e-3)));
  const samples = [];
  for (let r = 0; r < runs; r++) {
    const ms = measure(() => {
      for (let k = 0; k < iterations; k++) call();
    });
    samples.push(ms / iterations);
  }
  return { runs: samples, median: median(samples), iterations, output };
}

/** The one page template for the JS stack and pandoc: $title$ and $body$ (pandoc syntax). */
function fillTemplate(template, title, body) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return template.replace(/\$title\$/g, () => esc(title)).replace('$body$', () => body);
}

// text cut after blank lines ("\n\n") into pieces of at most max characters where it can be
// (a piece with no blank line in its first max characters runs on to its first one); every
// piece but the last ends with "\n\n", and joined they are the text. (The JS-stack row gives
// autocorrect-node the notes so: its Markdown parser gives up on a long text.)
function splitAtBlankLines(text, max) {
  const pieces = [];
  let i = 0;
  while (text.length - i > max) {
    let j = text.lastIndexOf('\n\n', i + max - 2);
    if (j < i) j = text.indexOf('\n\n', i + max);
    if (j < 0) break;
    pieces.push(text.slice(i, j + 2));
    i = j + 2;
  }
  if (i < text.length || pieces.length === 0) pieces.push(text.slice(i));
  return pieces;
}

module.exports = { timeRuns, median, fillTemplate, splitAtBlankLines, SAMPLE_MS, WARM_MS };
