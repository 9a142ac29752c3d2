'use strict';
// What the editor's worker (web/worker.js) reads of a formatParts result right after the call,
// for the WASM rows to time the same: the JSON of the rest always; the page and the fragment
// when the result goes to the page, i.e. when the three texts have no more than `bigBytes` UTF-8
// bytes in all (the worker's BIG_BYTES, which bench/run.cjs reads from it); the fixed notes never
// (the worker decodes them when they are asked for). A module whose formatParts decodes all three
// at once (no `pageBytes`) has decoded them in the call. Returns the characters read.
// appCall(mod, now, bigBytes): the editor's call on `mod` as its worker makes it, for both WASM
// rows (node and the Chromium worker): the diagnostics in columns (compact for a module that
// does not know that form), the time apart (in the options for a module that does not take it
// so), the result kept, what the worker reads of it, then released; formatInput (one JSON) for a
// module without formatParts. Returns call(input) → {json, read, parts}: the JSON, the
// characters read, and formatParts' result (null for formatInput).
(function (root) {
  function appReads(parts, bigBytes) {
    var n = parts.json.length;
    if (parts.pageBytes === undefined) return n + parts.page.length + parts.fragment.length + parts.text.length;
    if (parts.texts && parts.pageBytes + parts.fragmentBytes + parts.textBytes <= bigBytes)
      n += parts.page.length + parts.fragment.length;
    return n;
  }
  function appCall(mod, now, bigBytes) {
    var hasParts = typeof mod.formatParts === 'function';
    var form = mod.formatInput('', JSON.stringify({ diagnostics: 'columns' })).indexOf('"field":"diagnostics"') >= 0 ? 'compact' : 'columns';
    var nowApart = hasParts && mod.formatParts.length >= 4;
    return function (input) {
      // the options' JSON made per call, as the worker makes it
      var options = JSON.stringify(nowApart ? { diagnostics: form } : { now: now, diagnostics: form });
      if (!hasParts) {
        var whole = mod.formatInput(input, options);
        return { json: whole, read: whole.length, parts: null };
      }
      // kept (its texts read from the module's memory) and released, as the editor's worker
      // does (a module without release() ignores the third argument)
      var p = nowApart ? mod.formatParts(input, options, true, now) : mod.formatParts(input, options, true);
      var read = appReads(p, bigBytes);
      if (p.release) p.release();
      return { json: p.json, read: read, parts: p };
    };
  }
  if (typeof module !== 'undefined' && module.exports) module.exports = { appReads: appReads, appCall: appCall };
  else {
    root.appReads = appReads;
    root.appCall = appCall;
  }
})(this);
