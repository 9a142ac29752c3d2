// Imported files: bytes → text with TextDecoder. UTF-8 (with or without BOM), UTF-16 (BOM, or
// detected from the zero bytes of mostly-ASCII text), else GB18030 (a superset of GBK and
// GB2312). Returns {text, encoding} or null when no encoding gives text.
(function (root) {
  'use strict';

  function decoder(label, fatal) {
    return new TextDecoder(label, { fatal: !!fatal, ignoreBOM: true });
  }

  // Share of zero bytes at even and odd positions in the first 4 KiB.
  function zeroShare(bytes) {
    var n = Math.min(bytes.length, 4096) & ~1;
    var even = 0;
    var odd = 0;
    for (var i = 0; i < n; i += 2) {
      if (bytes[i] === 0) even++;
      if (bytes[i + 1] === 0) odd++;
    }
    return n ? { even: (2 * even) / n, odd: (2 * odd) / n } : { even: 0, odd: 0 };
  }

  function decodeBytes(bytes) {
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      return { text: decoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8（带 BOM）' };
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
      return { text: decoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
      return { text: decoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
    var z = zeroShare(bytes);
    if (z.odd > 0.3 && z.even < 0.05) return { text: decoder('utf-16le').decode(bytes), encoding: 'UTF-16LE' };
    if (z.even > 0.3 && z.odd < 0.05) return { text: decoder('utf-16be').decode(bytes), encoding: 'UTF-16BE' };
    try {
      return { text: decoder('utf-8', true).decode(bytes), encoding: 'UTF-8' };
    } catch (e) {
      // not UTF-8: fall through to GB18030
    }
    try {
      var text = decoder('gb18030', true).decode(bytes);
      // Binary files decode "successfully" too: refuse text with control characters.
      if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return null;
      return { text: text, encoding: 'GB18030' };
    } catch (e) {
      return null;
    }
  }

  root.decodeBytes = decodeBytes;
  if (typeof module !== 'undefined' && module.exports) module.exports = { decodeBytes: decodeBytes };
})(typeof Paiban !== 'undefined' ? Paiban : {});
