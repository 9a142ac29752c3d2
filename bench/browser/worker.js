'use strict';
// The worker side: loads paiban.js with importScripts (a classic script, as the editor's worker
// does), then times formatParts (the notes apart, the options as JSON with the diagnostics in columns;
// the JSON of the rest and the page, the fragment and the fixed notes out, and what of them the
// editor's worker decodes at once, bench/app_reads.js: the app's call; formatInput for a module
// without it) on inputs fetched from the driver's local server. Timing as in bench/timing.cjs:
// warm-up, then samples of ≥ 20 ms each (batches of calls), median per call.
/* global importScripts, createPaiban, appCall */
importScripts('paiban.js', 'app_reads.js');

var NOW = '2024-01-01 09:00:00';
var SAMPLE_MS = 20;
var WARM_MS = 1500; // V8 tiers WASM up lazily: warm up long enough to reach optimized code
var mod = null;

function median(values) {
  var s = values.slice().sort(function (a, b) {
    return a - b;
  });
  var n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function timeRuns(call, runs, warmup) {
  var t0 = performance.now();
  call();
  var first = performance.now() - t0;
  var spent = first;
  for (var i = 1; i < warmup || (warmup > 0 && spent < WARM_MS); i++) {
    t0 = performance.now();
    call();
    var ms = performance.now() - t0;
    spent += ms;
    first = Math.min(first, ms);
  }
  var iterations = Math.max(1, Math.ceil(SAMPLE_MS / Math.max(first, 1e-3)));
  var samples = [];
  for (var r = 0; r < runs; r++) {
    t0 = performance.now();
    for (var k = 0; k < iterations; k++) call();
    samples.push((performance.now() - t0) / iterations);
  }
  return { runs: samples, median: median(samples), iterations: iterations };
}

createPaiban().then(function (m) {
  mod = m;
  postMessage({ type: 'ready', crossOriginIsolated: self.crossOriginIsolated === true });
});

onmessage = function (event) {
  var req = event.data;
  fetch(req.url)
    .then(function (res) {
      return res.arrayBuffer();
    })
    .then(function (buf) {
      var bytes = buf.byteLength;
      var input = new TextDecoder('utf-8').decode(buf);
      var memBefore = mod.HEAP8.buffer.byteLength;
      var outputLength = 0;
      var out = '';
      var call = appCall(mod, NOW, req.bigBytes === undefined ? Infinity : req.bigBytes);
      var t = timeRuns(
        function () {
          var r = call(input);
          out = r.json;
          outputLength = r.read;
        },
        req.runs,
        req.warmup
      );
      postMessage({
        type: 'result',
        bytes: bytes,
        runs_ms: t.runs,
        median_ms: t.median,
        mb_per_s: bytes / 1e6 / (t.median / 1e3),
        iterations: t.iterations,
        peak_bytes: mod.HEAP8.buffer.byteLength,
        peak_kind: 'wasm-memory',
        wasm_memory_before: memBefore,
        output_ok: out.indexOf('"ok":true') >= 0,
        output_length: outputLength,
      });
    })
    .catch(function (e) {
      postMessage({ type: 'result', error: String(e && e.message ? e.message : e) });
    });
};
