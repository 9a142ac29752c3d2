// formatInput(notes, requestJson) → response JSON, and formatParts(notes, requestJson) →
// {json, page, fragment, text}: the same response with the page, the fragment and the fixed
// notes as strings of their own beside the JSON of the rest (docs/api.md; the editor's call; a
// request error has no texts: they are null). The notes and the request go into the module's
// memory as UTF-8 by TextEncoder, and what comes back is decoded by TextDecoder straight from the
// module's memory (no copy of its own): both are done natively by the engine, where embind's
// string conversions walk every byte in script (for a megabyte of notes and the several
// megabytes of its response that was a third of the call).
(function () {
  var encoder = new TextEncoder();
  var decoder = new TextDecoder('utf-8');
  // `size` bytes of the module's memory at `data` as a string. HEAPU8 is read here, after the
  // call: it may have grown the memory (a new buffer).
  function decoded(data, size) {
    return decoder.decode(HEAPU8.subarray(data, data + size));
  }
  // Module[format](notes, notes' size, request, request's size) with both in the module's memory;
  // returns read(what it returned), which Module[free] releases afterwards.
  function call(input, request, format, read, free) {
    var bytes = encoder.encode(String(input));
    var req = encoder.encode(String(request));
    var ptr = Module['_malloc'](bytes.length + req.length + 1);
    if (!ptr) throw new Error('paiban: out of memory for ' + bytes.length + ' bytes of notes');
    var out = 0;
    try {
      HEAPU8.set(bytes, ptr);
      HEAPU8.set(req, ptr + bytes.length);
      out = Module[format](ptr, bytes.length, ptr + bytes.length, req.length);
      return read(out);
    } finally {
      if (out) Module[free](out);
      Module['_free'](ptr);
    }
  }
  function response(r) {
    return decoded(Module['_paiban_response_data'](r), Module['_paiban_response_size'](r));
  }
  function parts(p) {
    var get = function (which) {
      var data = Module['_paiban_parts_data'](p, which);
      return data ? decoded(data, Module['_paiban_parts_size'](p, which)) : null;
    };
    return { json: get(0), page: get(1), fragment: get(2), text: get(3) };
  }
  Module['formatInput'] = function (input, request) {
    return call(input, request, '_paiban_format_response', response, '_paiban_response_free');
  };
  Module['formatParts'] = function (input, request) {
    return call(input, request, '_paiban_format_parts', parts, '_paiban_parts_free');
  };
})();
