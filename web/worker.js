// The formatting worker. Its source is paiban.js (which defines createPaiban) followed by this
// file, started from a Blob URL, so it works from file:// too. The worker owns the WASM module;
// the page only sends requests and renders what comes back.
//
// The WASM, gzip-compressed, comes from boot.js: as bytes in the first message, or (browsers
// without Uint8Array.fromBase64) base64-encoded in self.paibanGzip64, ahead of this source.
// Messages in:  {type: 'wasm', gz}      from boot.js: the gzip bytes (their buffer transferred)
//               {type: 'wasm', gzip64}  from boot.js: the base64 text, when it was not put in
//                                       self.paibanGzip64 (neither: paiban.js has its own copy)
//               {type: 'format', seq, request}
//               {type: 'get', id, seq, what: 'page' | 'fragment' | 'text' | 'ids', rule}
// Messages out: {type: 'ready', version, defaultProfile}
//               {type: 'result', seq, ms, response, preview, rules}
//               {type: 'got', id, value}
// A big result (several MB) stays here: the page gets the diagnostics and a preview, and asks
// for the page, the fragment or the text when the editor copies, downloads or writes back, so
// that no message ever makes the page's main thread copy megabytes. The fixed notes (`text`)
// always stay here until asked for (only writing them back needs them). A text that stays here
// is not even decoded until asked for (see formatParts in paiban.js): for big notes that was
// about a third of the formatting time. `get` of 'text' answers for the result of `seq` only
// (null once a newer result has replaced it).
//               {type: 'failed', seq, message}          (the module aborted; it is reloaded)
//               {type: 'load-failed', message}
//
// A newer request supersedes an older one: messages are only queued while the module works, and
// when it is free again only the latest request is run.
/* global createPaiban */
(function () {
  'use strict';

  // Diagnostics sent to the page at most (the page lists fewer still); per-rule id lists are
  // always complete so that "reject all of a rule" works on any input.
  var MAX_DIAGNOSTICS = 1000;
  var MAX_IDS = 2000;
  // A result whose page, fragment and fixed notes have more UTF-8 bytes than this stays here
  // (bench/run.cjs reads this value, to time the texts the worker decodes).
  var BIG_BYTES = 3000000;
  // A page of more bytes than this is previewed from the first part of the notes only.
  var PREVIEW_MAX_BYTES = 300000;
  var PREVIEW_INPUT_CHARS = 20000;
  // Formatted, unseen, right after the module loads: the engine's code is compiled on its first
  // run (function by function, on first call), and this way the first notes the user pastes are
  // not the ones that pay for it. In parts, one a task: a request that comes meanwhile waits for
  // the part being run only. The first part compiles what every request runs (~45 ms; a title
  // alone costs as much), the others the block and inline kinds (~10 ms, ~2 ms). After a
  // request (but one for empty notes) the rest waits until the worker has been idle for
  // WARM_RESUME_MS: the page sends a request that waited for the one in flight only once that
  // one's result is in, and it should not find the worker warming up.
  var WARM_UP = [
    [
      '标题：县区分局召开水污染防治工作会',
      '发布时间：2024年5月6日 10:00',
      '来源：办公室',
      '',
      '5月6日上午,分局召开水污染防治工作会,传达全市会议精神.分局负责人主持会议,各股室负责人参加。',
      ''
    ],
    [
      '## 一、主要工作',
      '',
      '1. 开展河道巡查 12 次,发现问题3处,已全部整改。',
      '2. 完成 **入河排污口** 排查, 建立台账 ( 共 45 个 ) 。',
      ''
    ],
    ['> 会议要求:各单位要压实责任,确保 2024 年水质稳定达标!', '']
  ].map(function (lines) {
    return lines.join('\n');
  });
  var WARM_RESUME_MS = 50;

  var mod = null;
  var last = null; // {seq, response, rules} of the latest request
  var kept = null; // formatParts' result behind last.response, its texts in the module's memory
  var pending = null;
  var scheduled = false;
  var gotWasm = null; // resolves with the page's {type: 'wasm'} message
  var wasm = new Promise(function (resolve) {
    gotWasm = resolve;
  });
  if (typeof self.paibanGzip64 === 'string') {
    gotWasm({ gzip64: self.paibanGzip64 });
    gotWasm = function () {};
    self.paibanGzip64 = null;
  }

  // Uint8Array.fromBase64 where there is one: ~0.5 ms for the WASM text, the loop ~14 ms.
  function bytesOf(base64) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
    var bin = atob(base64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function inflated(gz) {
    return new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip')), {
      headers: { 'Content-Type': 'application/wasm' }
    });
  }

  // The page's gzip bytes (or their base64 text) → a compiled WebAssembly.Module, compiled as it
  // is inflated.
  function compile(data) {
    if (typeof DecompressionStream !== 'function') return Promise.reject(new Error('no DecompressionStream'));
    var gz = typeof data === 'string' ? bytesOf(data) : data; // both decoders skip ASCII whitespace
    var whole = function () {
      return inflated(gz)
        .arrayBuffer()
        .then(function (buf) {
          return WebAssembly.compile(buf);
        });
    };
    if (typeof WebAssembly.compileStreaming !== 'function') return whole();
    return WebAssembly.compileStreaming(inflated(gz)).then(null, whole);
  }

  var compiled = wasm.then(function (w) {
    var data = w.gz || w.gzip64;
    w.gz = w.gzip64 = null;
    return data ? compile(data) : null;
  });

  // The module is compiled once, and instantiated here (again after an abort).
  function load() {
    return compiled.then(function (module) {
      return new Promise(function (resolve, reject) {
        var options = {};
        if (module) {
          options.instantiateWasm = function (imports, receive) {
            WebAssembly.instantiate(module, imports).then(function (instance) {
              receive(instance, module);
            }, reject);
            return {};
          };
        }
        createPaiban(options).then(function (m) {
          mod = m;
          resolve(m);
        }, reject);
      });
    });
  }

  // The first part of the notes, cut after a blank line near PREVIEW_INPUT_CHARS.
  function head(input) {
    var cut = input.indexOf('\n\n', PREVIEW_INPUT_CHARS);
    if (cut < 0 || cut > PREVIEW_INPUT_CHARS * 2) cut = input.indexOf('\n', PREVIEW_INPUT_CHARS);
    if (cut < 0) return null;
    return input.slice(0, cut + 1);
  }

  function countLines(s) {
    var n = 1;
    for (var i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
    return n;
  }

  // The response with the texts formatParts handed over apart put back, where the JSON would
  // have them (keys in sorted order, as formatInput's response has them), each decoded when it is
  // first read; their sizes in UTF-8 bytes in the response's (not enumerable) `bytes`. A request
  // error has none.
  var TEXTS = ['fragment', 'page', 'text'];
  function withTexts(parts) {
    var response = JSON.parse(parts.json);
    if (!parts.texts) return response;
    var out = {};
    var n = 0;
    var put = function (name) {
      Object.defineProperty(out, name, {
        enumerable: true,
        configurable: true,
        get: function () {
          return parts[name];
        }
      });
    };
    for (var k in response) {
      for (; n < TEXTS.length && k > TEXTS[n]; n++) put(TEXTS[n]);
      out[k] = response[k];
    }
    for (; n < TEXTS.length; n++) put(TEXTS[n]);
    Object.defineProperty(out, 'bytes', {
      value: { page: parts.pageBytes, fragment: parts.fragmentBytes, text: parts.textBytes }
    });
    return out;
  }

  // formatParts takes the notes apart from the other options: they never go through JSON, and
  // the page, the fragment and the fixed notes come back as strings of their own (no escaping
  // into the JSON, no parsing out of it). The diagnostics come in columns (docs/api.md): an
  // array per member, each rule's message once, in response.messages; run() makes the
  // diagnostics the page needs from them.
  // The time (`now`, to the second) goes apart from the other options, whose text then stays the
  // same from call to call while the editor changes none of them: the module keeps its reading
  // (docs/api.md). With `keep`, the texts stay in the module's memory (decoded from there when
  // read, never copied out) until the result's release(): see `kept` below.
  function call(request, keep) {
    var options = { diagnostics: 'columns' };
    for (var k in request) if (k !== 'input' && k !== 'now') options[k] = request[k];
    var parts = mod.formatParts(request.input, JSON.stringify(options), keep, request.now);
    if (keep) kept = parts;
    return withTexts(parts);
  }
  // The latest result's texts stay in the module's memory until the next request runs: its
  // result replaces this one, and nothing can ask for this one's texts once it has started (the
  // worker answers `get` between requests, for the latest result). Released before the next
  // call, so that the module's memory, which never shrinks, does not hold both.
  function releaseKept() {
    if (kept) kept.release();
    kept = null;
  }

  // The response without the texts that stay here (see the top of this file): a copy, so that
  // the texts are not decoded to be left out.
  function without(response, names) {
    var out = {};
    for (var k in response) if (names.indexOf(k) < 0) out[k] = response[k];
    return out;
  }

  // The diagnostics of a response in columns: `count`, each one's rule, whether it was applied
  // and its id (what the per-rule summaries need), and at(i), the i-th as the full response has
  // it (every member, in the same sorted order). A response without diagnostics (a request
  // error) has none.
  var SEVERITIES = ['info', 'warning', 'error'];
  function columns(response) {
    var c = response.diagnostics;
    var messages = response.messages || {};
    if (!c || typeof c !== 'object' || Array.isArray(c)) return { count: 0 };
    var ownIds = Object.keys(c.ids).length > 0;
    var ownMessages = Object.keys(c.messages).length > 0;
    var id = function (i) {
      var own = ownIds ? c.ids[i] : undefined;
      return own !== undefined ? own : c.rules[c.rule[i]] + '@' + c.line[i] + ':' + c.column[i];
    };
    return {
      count: c.line.length,
      rules: c.rules,
      rule: c.rule,
      applied: c.applied,
      id: id,
      message: function (rule) {
        return messages[rule];
      },
      at: function (i) {
        var rule = c.rules[c.rule[i]];
        var message = ownMessages ? c.messages[i] : undefined;
        return {
          after: c.after[i],
          applied: c.applied[i] === 1,
          before: c.before[i],
          column: c.column[i],
          column_utf16: c.column_utf16[i],
          id: id(i),
          length: c.length[i],
          line: c.line[i],
          message: message !== undefined ? message : messages[rule],
          rule: rule,
          severity: SEVERITIES[c.severity[i]]
        };
      }
    };
  }

  function run() {
    scheduled = false;
    var msg = pending;
    pending = null;
    if (!msg) return;
    var started = Date.now();
    var response;
    last = null;
    releaseKept();
    try {
      response = call(msg.request, true);
    } catch (e) {
      // An abort leaves the module unusable: load a fresh one for the next request.
      mod = null;
      self.postMessage({ type: 'failed', seq: msg.seq, message: String(e && e.message ? e.message : e) });
      load().then(schedule, function () {});
      return;
    }
    var list = columns(response);
    delete response.messages;
    // Per rule (in the order they first come): its count, its applied fixes' ids, its message.
    var byIndex = [];
    for (var i = 0; i < list.count; i++) {
      var k = list.rule[i];
      var r = byIndex[k] || (byIndex[k] = { count: 0, applied: [], message: list.message(list.rules[k]) || '' });
      r.count++;
      if (list.applied[i] === 1) r.applied.push(list.id(i));
    }
    var rules = {};
    var summary = {};
    for (var x = 0; x < byIndex.length; x++) {
      var rr = byIndex[x];
      rules[list.rules[x]] = rr;
      summary[list.rules[x]] = {
        count: rr.count,
        appliedCount: rr.applied.length,
        applied: rr.applied.length <= MAX_IDS ? rr.applied : null,
        message: rr.message
      };
    }
    var total = list.count;
    var shown = [];
    for (var j = 0; j < total && j < MAX_DIAGNOSTICS; j++) shown.push(list.at(j));
    response.diagnostics = shown;
    response.diagnosticsTotal = total;

    var preview = null;
    if (response.ok && response.bytes.page > PREVIEW_MAX_BYTES) {
      var part = head(msg.request.input);
      if (part) {
        var req = {};
        for (var k in msg.request) req[k] = msg.request[k];
        req.input = part;
        req.output = 'page';
        var small = null;
        try {
          small = call(req);
        } catch (e) {
          small = null;
        }
        if (small && small.ok)
          preview = { page: small.page, shownLines: countLines(part) - 1, totalLines: countLines(msg.request.input) };
      }
    }
    var sizes = response.ok ? response.bytes : null;
    var big = response.ok && sizes.page + sizes.fragment + sizes.text > BIG_BYTES;
    last = { seq: msg.seq, response: response, rules: rules };
    var out = response;
    if (response.ok) {
      out = without(response, big ? TEXTS : ['text']);
      if (big) {
        out.page = out.fragment = out.text = '';
        out.big = true;
        if (!preview) preview = { page: '', shownLines: 0, totalLines: countLines(msg.request.input) };
      }
    }
    self.postMessage({
      type: 'result',
      seq: msg.seq,
      ms: Date.now() - started,
      response: out,
      preview: preview,
      rules: summary
    });
    // Empty notes (the new draft's request at start) say nothing about typing, and the page does
    // not hold its next request for their answer: the warm-up goes on at once.
    warmSoon(msg.request.input ? WARM_RESUME_MS : 0);
  }

  function schedule() {
    if (scheduled || !pending || !mod) return;
    scheduled = true;
    setTimeout(run, 0);
  }

  self.onmessage = function (event) {
    var msg = event.data;
    if (msg && msg.type === 'wasm') {
      gotWasm(msg);
      return;
    }
    if (msg && msg.type === 'get') {
      var value = null;
      if (last && last.response.ok) {
        if (msg.what === 'page') value = last.response.page;
        else if (msg.what === 'text') value = msg.seq === undefined || msg.seq === last.seq ? last.response.text : null;
        else if (msg.what === 'fragment') value = last.response.fragment;
        else if (msg.what === 'ids') value = last.rules[msg.rule] ? last.rules[msg.rule].applied : [];
      }
      self.postMessage({ type: 'got', id: msg.id, value: value });
      return;
    }
    if (!msg || msg.type !== 'format') return;
    pending = msg;
    schedule();
  };

  var warmLeft = WARM_UP.slice();
  var warmTimer = 0;
  function warmUp() {
    warmTimer = 0;
    if (pending || !mod || !warmLeft.length) return; // run() calls warmSoon() when it is done
    var input = warmLeft.shift();
    try {
      call({ input: input, now: '2024-05-06 10:00:00', output: 'both' });
    } catch (e) {
      // an abort here shows up again, and is handled, on the first real request
      warmLeft = [];
    }
    warmSoon();
  }
  function warmSoon(delay) {
    if (warmTimer) clearTimeout(warmTimer);
    warmTimer = warmLeft.length ? setTimeout(warmUp, delay || 0) : 0;
  }

  load().then(
    function (m) {
      self.postMessage({ type: 'ready', version: m.version(), defaultProfile: m.defaultProfile() });
      warmSoon();
      schedule();
    },
    function (e) {
      self.postMessage({ type: 'load-failed', message: String(e && e.message ? e.message : e) });
    }
  );
})();
