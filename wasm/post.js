// formatInput(notes, requestJson) → response JSON: the editor's call. The notes and the request
// go into the module's memory as UTF-8 by TextEncoder, and the response is decoded by TextDecoder
// straight from the module's memory (no copy of its own): both are done natively by the engine,
// where embind's string conversions walk every byte in script (for a megabyte of notes and the
// several megabytes of its response that was a third of the call).
(function () {
  var encoder = new TextEncoder();
  var decoder = new TextDecoder('utf-8');
  Module['formatInput'] = function (input, request) {
    var bytes = encoder.encode(String(input));
    var req = encoder.encode(String(request));
    var ptr = Module['_malloc'](bytes.length + req.length + 1);
    if (!ptr) throw new Error('paiban: out of memory for ' + bytes.length + ' bytes of notes');
    var response = 0;
    try {
      HEAPU8.set(bytes, ptr);
      HEAPU8.set(req, ptr + bytes.length);
      response = Module['_paiban_format_response'](ptr, bytes.length, ptr + bytes.length, req.length);
      var data = Module['_paiban_response_data'](response);
      // HEAPU8 is read again here: the call may have grown the memory (a new buffer).
      return decoder.decode(HEAPU8.subarray(data, data + Module['_paiban_response_size'](response)));
    } finally {
      if (response) Module['_paiban_response_free'](response);
      Module['_free'](ptr);
    }
  };
})();
