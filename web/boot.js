// The first script of the page (in <head>, a script of its own): it starts the formatting worker
// and opens the drafts' database while the rest of the page is parsed, so that the app is ready
// sooner (starting a worker takes tens of milliseconds by itself).
//
// In the one-file build (tools/build-web.cjs) the WASM is not inside paiban.js: it is in
// <script type="application/octet-stream" id="paiban-wasm">, gzip-compressed and base64-encoded
// (a third of SINGLE_FILE's size). Its text goes to the worker as it is ({type: 'wasm',
// gzip64}); the worker decodes, inflates and compiles it, off the page's main thread. Without
// that element (paiban.js kept its own WASM) the worker gets {type: 'wasm'} and loads
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
    var node = document.getElementById('paiban-wasm');
    if (!node) {
      boot.worker.postMessage({ type: 'wasm' });
      return;
    }
    boot.worker.postMessage({ type: 'wasm', gzip64: node.textContent });
    node.textContent = ''; // the page no longer needs the text
  }

  var source = document.getElementById('paiban-worker-src');
  if (typeof Worker !== 'function' || !source) {
    boot.error = 'no worker';
    return boot;
  }
  try {
    boot.worker = new Worker(URL.createObjectURL(new Blob([source.textContent], { type: 'text/javascript' })));
  } catch (e) {
    boot.error = String((e && e.message) || e);
    return boot;
  }
  boot.worker.onmessage = function (event) {
    early.push(event);
  };
  boot.worker.onerror = function (event) {
    earlyError = earlyError || event;
  };
  // The WASM element comes right before this script (web/index.html): it is sent at once, so
  // the worker inflates and compiles it while the page goes on parsing. (Without the element,
  // when the page is done.)
  if (document.getElementById('paiban-wasm') || document.readyState !== 'loading') sendModule();
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
    if (document.getElementById('paiban-wasm')) sendModule();
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
