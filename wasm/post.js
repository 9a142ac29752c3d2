// formatInput(notes, requestJson) → response JSON, and formatParts(notes, requestJson) →
// {json, page, fragment, text, pageBytes, fragmentBytes, textBytes, texts}: the same response
// with the page, the fragment and the fixed notes as strings of their own beside the JSON of the
// rest (docs/api.md; the editor's call; a request error has no texts: they are null and `texts`
// is false). The notes and the request go into the module's memory as UTF-8 by TextEncoder, and
// what comes back is decoded by TextDecoder from the module's memory: both are done natively by
// the engine, where embind's string conversions walk every byte in script (for a megabyte of
// notes and the several megabytes of its response that was a third of the call).
// formatParts decodes a text of 64 KiB or more only when it is first read (its bytes are copied
// out of the module's memory, a plain copy): decoding UTF-8 costs about as much as formatting it
// (Chinese text: ~3.5 ms a megabyte in Chromium), and a caller that does not need all of them
// at once (the editor's worker, for big notes or the fixed notes) does not pay for the others.
// Their sizes in bytes (`pageBytes` …) are known without decoding them. When the result has the
// page, the fragment comes as a recipe for the page's text (its bytes are never made in the
// module): read, it is made from the page's string (fragmentOf below; docs/api.md).
// formatParts(notes, requestJson, true) keeps the texts in the module's memory instead, each
// decoded from there when first read, until the result's release(): no copy at all (copying
// them out cost Chromium ~1 ms a megabyte, 38 ms for the 37 MB of texts of 10 MB of notes, and
// a copy of a few KB as much as decoding it). A text read after release() is null. The editor's
// worker keeps its latest result so and releases it before its next call.
(function () {
  var encoder = new TextEncoder();
  var decoder = new TextDecoder('utf-8');
  // `size` bytes of the module's memory at `data` as a string. HEAPU8 is read here, after the
  // call: it may have grown the memory (a new buffer).
  function decoded(data, size) {
    return decoder.decode(HEAPU8.subarray(data, data + size));
  }
  // The notes are encoded straight into the module's memory (encodeInto: no array of their own,
  // no second copy; half the time for 100 KB in node), in room for 3 bytes a UTF-16 unit. Notes
  // whose room would pass INTO_MAX get the room a sample of them needs (roomFor) instead, so
  // that the memory, which never shrinks, is not grown by room a long ASCII text would not use;
  // should that room be short (a text whose sample misleads), the exact bound (utf8Bound). An
  // array of their own (TextEncoder.encode, then a copy) cost Chromium 36 ms for 10 MB of notes
  // where encodeInto takes 14.
  var INTO_MAX = 1 << 22;
  // The UTF-8 bytes of s, at most: 1, 2 or 3 a UTF-16 unit (a surrogate pair's 4 bytes counted
  // as 6, a lone surrogate's U+FFFD as 3).
  function utf8Bound(s) {
    var n = s.length;
    var bytes = n;
    for (var i = 0; i < n; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0x80) bytes += c >= 0x800 ? 2 : 1;
    }
    return bytes;
  }
  // Room for s from 1,024 of its units, an eighth and 64 KiB more, and no more than 3 a unit.
  function roomFor(s) {
    var step = Math.max(1, Math.floor(s.length / 1024));
    var bytes = 0;
    var n = 0;
    for (var i = 0; i < s.length; i += step, n++) {
      var c = s.charCodeAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return Math.min(s.length * 3, Math.ceil(((s.length * bytes) / n) * 1.125) + 65536);
  }
  // A request of up to REQ_LOOP_MAX characters, all ASCII (the editor's, but for a custom
  // profile), is written byte by byte into the module's memory at `at`; returns its size, or -1
  // when it is not such a request (TextEncoder then). (TextEncoder's fixed cost per call, ~1 µs
  // in Chromium, is more than a loop over a hundred characters.)
  var REQ_LOOP_MAX = 512;
  function asciiInto(s, at) {
    if (s.length > REQ_LOOP_MAX) return -1;
    var heap = HEAPU8;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0x80) return -1;
      heap[at + i] = c;
    }
    return s.length;
  }
  // s written at `at`, in `room` bytes: its size.
  function stringInto(s, at, room) {
    var size = asciiInto(s, at);
    return size >= 0 ? size : encoder.encodeInto(s, HEAPU8.subarray(at, at + room)).written;
  }
  // Module[format](notes, notes' size, request, request's size[, now, now's size]) with them in
  // the module's memory (one block: the request and `now` (when given) in room for 3 bytes a
  // UTF-16 unit, then the notes); returns read(what it returned), which Module[free] releases
  // afterwards unless `keep` (then read() has taken it over).
  function call(input, request, format, read, free, keep, now, flag) {
    var notes = String(input);
    var req = String(request);
    var time = now === undefined ? null : String(now);
    var timeRoom = time === null ? 0 : time.length * 3;
    var reqRoom = req.length * 3 + timeRoom;
    var room = notes.length * 3;
    if (room > INTO_MAX) room = roomFor(notes);
    var ptr = 0;
    var out = 0;
    try {
      var size = -1;
      for (var tries = 0; size < 0; tries++) {
        ptr = Module['_malloc'](reqRoom + room + 1);
        if (!ptr) throw new Error('paiban: out of memory for ' + room + ' bytes of notes');
        var done = encoder.encodeInto(notes, HEAPU8.subarray(ptr + reqRoom, ptr + reqRoom + room));
        if (done.read === notes.length) {
          size = done.written;
        } else {
          // the sample's room was short: the bound, which fits
          if (tries > 0) throw new Error('paiban: the notes did not fit in ' + room + ' bytes');
          Module['_free'](ptr);
          ptr = 0;
          room = utf8Bound(notes);
        }
      }
      var reqSize = stringInto(req, ptr, reqRoom - timeRoom);
      if (time === null) {
        out = Module[format](ptr + reqRoom, size, ptr, reqSize);
      } else {
        var at = ptr + reqRoom - timeRoom;
        var timeSize = stringInto(time, at, timeRoom);
        // The block is handed over: the call frees it once it has read the notes, before it
        // writes the pages (which then take their room: the memory never shrinks).
        var block = ptr;
        ptr = 0;
        out = Module[format](block + reqRoom, size, block, reqSize, at, timeSize, flag, block);
      }
      var result = read(out, keep);
      if (keep) out = 0;
      return result;
    } finally {
      if (out) Module[free](out);
      if (ptr) Module['_free'](ptr);
    }
  }
  function response(r) {
    return decoded(Module['_paiban_response_data'](r), Module['_paiban_response_size'](r));
  }
  // A formatParts result: the JSON, and the three texts, each decoded (once) when it is first
  // read, from a copy of its bytes or, for a kept result, from the module's memory; a text under
  // LAZY_MIN bytes of a result that is not kept is decoded in the call (in Chromium a copy of a
  // few KB, an ArrayBuffer of its own, cost about what decoding it does).
  // The texts are getters of the prototype (made once: an accessor made for each result cost more
  // than the decoding it saves on small notes), so a structured clone or JSON.stringify of a
  // result leaves them out: read them.
  var TEXTS = ['page', 'fragment', 'text'];
  var SIZES = ['pageBytes', 'fragmentBytes', 'textBytes'];
  var LAZY_MIN = 1 << 16;
  // The fragment made from the page's text by its recipe (render_with_recipe in
  // core/src/render.h): `w` the recipe's words, `text` the fragment's looks one after the other.
  // The page and the fragment are the same bytes but for each element's look: the fragment is
  // pieces of the page's text and those looks, joined, where decoding its own bytes would cost
  // about what decoding the page does (Chromium: ~1 ns a byte of Chinese text). Up to JOIN_MIN
  // marks the pieces are added one to the next (the engine keeps such a string as its pieces
  // until it is read), past it joined from an array at once.
  var RECIPE_HEAD = 6;
  var NO_PIECE = 0xffffffff;
  var JOIN_MIN = 4096;
  function fragmentOf(page, w, text) {
    var pieces = w[3];
    var marks = w[4];
    var look = new Array(pieces); // each piece's look, cut from `text` when first needed
    var from = w[1];
    var end = from + w[2];
    var m = RECIPE_HEAD + 3 * pieces;
    var join = marks > JOIN_MIN;
    var out = join ? [] : '';
    for (var k = 0; k < marks; k++, m += 2) {
      var at = from + w[m];
      var piece = w[m + 1];
      var cut = page.slice(from, at);
      from = at;
      if (piece === NO_PIECE) {
        if (join) out.push(cut);
        else out += cut;
        continue;
      }
      var q = RECIPE_HEAD + 3 * piece;
      var l = look[piece];
      if (l === undefined) l = look[piece] = text.substr(w[q + 1], w[q + 2]);
      if (join) out.push(cut, l);
      else out += cut + l;
      from += w[q];
    }
    if (!join) return out + page.slice(from, end);
    out.push(page.slice(from, end));
    return out.join('');
  }
  // A recipe's words and looks: `size` bytes at `at` (a multiple of 4) of `bytes` (the module's
  // memory, or a copy).
  function recipeIn(bytes, at, size) {
    var head = new Uint32Array(bytes.buffer, bytes.byteOffset + at, RECIPE_HEAD);
    var words = RECIPE_HEAD + 3 * head[3] + 2 * head[4];
    return {
      w: new Uint32Array(bytes.buffer, bytes.byteOffset + at, words),
      text: decoder.decode(bytes.subarray(at + 4 * words, at + size))
    };
  }
  // bytes[i]: text i's bytes, or null when decoded[i] holds it already or it is kept; sizes[i]:
  // its size (this[SIZES[i]]); kept: the parts in the module's memory (0 when not kept, or
  // released) and at[i] text i's address there. recipe: the fragment's (see fragmentOf), its
  // bytes copied, or for a kept result {data, size} in the module's memory; null when the
  // fragment came as itself.
  function Parts(json, bytes, decoded, sizes, kept, at, recipe) {
    this.json = json;
    this.texts = bytes !== null; // false: a request error, and the three are null
    this.pageBytes = sizes[0];
    this.fragmentBytes = sizes[1];
    this.textBytes = sizes[2];
    this.bytes_ = bytes;
    this.decoded_ = decoded;
    this.kept_ = kept;
    this.at_ = at;
    this.recipe_ = recipe;
  }
  TEXTS.forEach(function (name, i) {
    Object.defineProperty(Parts.prototype, name, {
      enumerable: true,
      get: function () {
        if (!this.bytes_) return null;
        var value = this.decoded_[i];
        if (value === undefined) {
          if (i === 1 && this.recipe_) {
            var r = this.recipe_;
            if (r.data !== undefined) {
              if (!this.kept_) return null; // released unread
              r = recipeIn(HEAPU8, r.data, r.size);
            } else {
              r = recipeIn(r, 0, r.length);
            }
            value = fragmentOf(this.page, r.w, r.text);
            this.recipe_ = null;
          } else if (this.bytes_[i]) {
            value = decoder.decode(this.bytes_[i]);
            this.bytes_[i] = null;
          } else if (this.kept_) {
            value = decoded(this.at_[i], this[SIZES[i]]);
          } else {
            return null; // released unread
          }
          this.decoded_[i] = value;
        }
        return value;
      }
    });
  });
  // Frees a kept result's texts in the module's memory (those not read yet are then null); for a
  // result that is not kept, nothing to do.
  Parts.prototype.release = function () {
    if (!this.kept_) return;
    Module['_paiban_parts_free'](this.kept_);
    this.kept_ = 0;
  };
  // The parts' table (bindings.cpp, PartsOut): each part's data and size, at p; part 4 the
  // fragment's recipe (then the fragment, part 2, is empty: it is made from the page when read).
  function parts(p, keep) {
    var t = HEAPU32;
    var w = p >>> 2;
    var json = decoded(t[w], t[w + 1]);
    var bytes = null;
    var done = [undefined, undefined, undefined];
    var sizes = [0, 0, 0];
    var at = null;
    var recipe = null;
    if (t[w + 2]) {
      bytes = [null, null, null];
      if (keep) at = [0, 0, 0];
      var recipeData = t[w + 8];
      var recipeSize = t[w + 9];
      for (var i = 0; i < TEXTS.length; i++) {
        var data = t[w + 2 + 2 * i];
        var size = (sizes[i] = t[w + 3 + 2 * i]);
        if (i === 1 && recipeSize > 0) {
          sizes[i] = t[recipeData >>> 2]; // the fragment's size in bytes: the recipe's first word
          recipe = keep ? { data: recipeData, size: recipeSize } : HEAPU8.slice(recipeData, recipeData + recipeSize);
          continue;
        }
        if (keep) at[i] = data;
        else if (size < LAZY_MIN) done[i] = decoded(data, size);
        else bytes[i] = HEAPU8.slice(data, data + size);
      }
    }
    // A request error has no texts to keep: its parts are freed at once.
    var kept = keep && bytes ? p : 0;
    if (keep && !kept) Module['_paiban_parts_free'](p);
    return new Parts(json, bytes, done, sizes, kept, at, recipe);
  }
  // formatJson(requestJson): the request, its input included, goes where call() puts the notes
  // (_paiban_format_json reads those two arguments only), and no request beside it.
  Module['formatJson'] = function (request) {
    return call(request, '', '_paiban_format_json', response, '_paiban_response_free');
  };
  function about(which) {
    var out = Module['_paiban_about'](which);
    try {
      return response(out);
    } finally {
      Module['_paiban_response_free'](out);
    }
  }
  Module['version'] = function () {
    return about(0);
  };
  Module['defaultProfile'] = function () {
    return about(1);
  };
  Module['formatInput'] = function (input, request) {
    return call(input, request, '_paiban_format_response', response, '_paiban_response_free');
  };
  // formatParts(notes, requestJson, keep, now): `now`, when given (not undefined or null) and not
  // empty, stands for the request's "now" (docs/api.md: the request's text then stays the same
  // from call to call, and the module keeps its reading).
  Module['formatParts'] = function (input, request, keep, now) {
    return call(input, request, '_paiban_format_parts', parts, '_paiban_parts_free', !!keep, now == null ? '' : now, 1);
  };
})();
