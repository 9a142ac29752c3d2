// The first script of the page (in <head>, a script of its own): it starts the formatting worker
// and opens the drafts' database while the rest of the page is parsed, so that the app is ready
// sooner (starting a worker takes tens of milliseconds by itself).
//
// In the one-file build (tools/build-web.cjs) the WASM is not inside paiban.js: it is in
// <script type="application/octet-stream" id="paiban-wasm">, gzip-compressed and base64-encoded
// (a third of SINGLE_FILE's size). Where the browser has Uint8Array.fromBase64, this script
// decodes it and posts the bytes to the worker (the buffer transferred, not copied) right after
// starting it; the worker inflates and compiles them off the page's main thread. Elsewhere the
// text goes into the worker's own source, as a string before paiban.js (self.paibanGzip64).
// (The text in the source made a Blob of 330 KB, built on the page's main thread and read back
// by the worker; without it the app's script ran ~60 ms sooner and the page was ready ~40 ms
// sooner, medians of 30 alternated cold opens on a shared machine: docs/performance.md.)
// Without that element (paiban.js kept its own WASM) the worker gets {type: 'wasm'} and loads
// paiban.js's copy.
//
// Paiban.boot = {worker, error, store, attach(onmessage, onerror)}: the app takes the worker over
// with attach(); messages that arrived before are handed over first, in order. store: the
// drafts' database being opened (web/store.js), a promise of {store} or {error}.
var Paiban = window.Paiban || {};
Paiban.boot = (function () {
  'use strict';

  var boot = { worker: null, error: null };
  var early = [];
  var earlyError = null;

  var sent = false;
  function sendModule() {
    if (sent || !boot.worker) return;
    sent = true;
    var node = gzip64 ? null : document.getElementById('paiban-wasm');
    var text = gzip64 || (node ? node.textContent : '');
    if (node) node.textContent = '';
    gzip64 = '';
    boot.worker.postMessage(text ? { type: 'wasm', gzip64: text } : { type: 'wasm' });
  }

  var source = document.getElementById('paiban-worker-src');
  if (typeof Worker !== 'function' || !source) {
    boot.error = 'no worker';
    return boot;
  }
  var parts = [source.textContent];
  var wasmNode = document.getElementById('paiban-wasm');
  var gzip64 = wasmNode ? wasmNode.textContent : '';
  if (wasmNode) wasmNode.textContent = ''; // the page no longer needs the text
  // Where the browser has Uint8Array.fromBase64 (under a millisecond for the WASM text), the
  // bytes are decoded here and posted with their buffer transferred: the worker's source stays
  // paiban.js + worker.js. Else the text goes in as a string literal ahead of that source; base64
  // has no character that could end it (text with one is posted to the worker instead; indexOf,
  // unlike a regular expression's first run, costs nothing here).
  var gz = null;
  if (gzip64 && typeof Uint8Array.fromBase64 === 'function') {
    try {
      gz = Uint8Array.fromBase64(gzip64);
    } catch (e) {
      gz = null; // not base64: the worker is given the text and says why it cannot load it
    }
  }
  var literal =
    !gz &&
    ['"', '\\', '\n', '\r'].every(function (c) {
      return gzip64.indexOf(c) < 0;
    });
  if (gz || (gzip64 && literal)) {
    if (!gz) parts.unshift('self.paibanGzip64 = "', gzip64, '";\n');
    gzip64 = '';
    sent = true;
  }
  try {
    boot.worker = new Worker(URL.createObjectURL(new Blob(parts, { type: 'text/javascript' })));
  } catch (e) {
    boot.error = String((e && e.message) || e);
    return boot;
  }
  if (gz) boot.worker.postMessage({ type: 'wasm', gz: gz }, [gz.buffer]);
  boot.worker.onmessage = function (event) {
    early.push(event);
  };
  boot.worker.onerror = function (event) {
    earlyError = earlyError || event;
  };
  // Unless the WASM text is in the worker's source, it is posted: now, or when the page is done
  // if the element was not there yet (without the element, the worker is told to load
  // paiban.js's own copy).
  if (wasmNode || document.readyState !== 'loading') sendModule();
  else document.addEventListener('DOMContentLoaded', sendModule);

  // The drafts' database is opened now too. web/store.js follows this file in the same script:
  // the microtask runs once it has defined Paiban.Store. Never rejects: {store} or {error}.
  boot.store = Promise.resolve()
    .then(function () {
      return new Paiban.Store().open();
    })
    .then(
      function (store) {
        return { store: store };
      },
      function (e) {
        return { error: e };
      }
    );

  // Early messages are handed over in a task of their own, after the app's script has run.
  boot.attach = function (onmessage, onerror) {
    boot.worker.onmessage = onmessage;
    boot.worker.onerror = onerror;
    var queued = early;
    var failed = earlyError;
    early = [];
    if (failed || queued.length)
      setTimeout(function () {
        if (failed) onerror(failed);
        queued.forEach(function (event) {
          onmessage(event);
        });
      }, 0);
  };
  return boot;
})();
