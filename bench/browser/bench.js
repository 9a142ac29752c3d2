'use strict';
// The page side: starts the worker and hands each request from the driver to it.
// window.benchRun({url, runs, warmup}) resolves to the worker's result.
(function () {
  var worker = new Worker('worker.js');
  var pending = null;
  var ready = new Promise(function (resolve, reject) {
    worker.onmessage = function (event) {
      var msg = event.data;
      if (msg.type === 'ready') resolve(msg);
      else if (msg.type === 'result' && pending) {
        var p = pending;
        pending = null;
        p(msg);
      }
    };
    worker.onerror = function (e) {
      reject(new Error('worker: ' + e.message));
    };
  });
  window.benchReady = ready;
  window.benchRun = function (request) {
    return ready.then(function () {
      return new Promise(function (resolve) {
        pending = resolve;
        worker.postMessage(request);
      });
    });
  };
})();
