'use strict';
// What the editor's worker (web/worker.js) reads of a formatParts result right after the call,
// for the WASM rows to time the same: the JSON of the rest always; the page and the fragment
// when the result goes to the page, i.e. when the three texts have no more than `bigBytes` UTF-8
// bytes in all (the worker's BIG_BYTES, which bench/run.cjs reads from it); the fixed notes never
// (the worker decodes them when they are asked for). A module whose formatParts decodes all three
// at once (no `pageBytes`) has decoded them in the call. Returns the characters read.
(function (root) {
  function appReads(parts, bigBytes) {
    var n = parts.json.length;
    if (parts.pageBytes === undefined) return n + parts.page.length + parts.fragment.length + parts.text.length;
    if (parts.texts && parts.pageBytes + parts.fragmentBytes + parts.textBytes <= bigBytes)
      n += parts.page.length + parts.fragment.length;
    return n;
  }
  if (typeof module !== 'undefined' && module.exports) module.exports = appReads;
  else root.appReads = appReads;
})(this);
