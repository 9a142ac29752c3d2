// formatInput(notes, requestJson) → response JSON: the editor's call. The notes go into the
// module's memory as UTF-8 by TextEncoder and the response comes back as bytes decoded by
// TextDecoder: both are done natively by the engine, where embind's string conversions walk
// every byte in script (for a megabyte of notes and the several megabytes of its response that
// was a third of the call).
(function () {
  var encoder = new TextEncoder();
  var decoder = new TextDecoder('utf-8');
  Module['formatInput'] = function (input, request) {
    var bytes = encoder.encode(String(input));
    var ptr = Module['_malloc'](bytes.length + 1);
    if (!ptr) throw new Error('paiban: out of memory for ' + bytes.length + ' bytes of notes');
    try {
      HEAPU8.set(bytes, ptr);
      return decoder.decode(Module['formatBytes'](ptr, bytes.length, String(request)));
    } finally {
      Module['_free'](ptr);
    }
  };
})();
