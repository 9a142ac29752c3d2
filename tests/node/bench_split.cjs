'use strict';
// The JS-stack row of the benchmark gives autocorrect-node the notes in pieces cut at blank
// lines (bench/timing.cjs, splitAtBlankLines): the pieces must be the whole text, in order, each
// no longer than asked where a blank line allows it, so that the row formats every byte.
const assert = require('assert');
const { splitAtBlankLines } = require('../../bench/timing.cjs');

let seed = 12345;
function below(n) {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return (seed >>> 8) % n;
}

function check(text, max) {
  const pieces = splitAtBlankLines(text, max);
  assert.strictEqual(pieces.join(''), text, 'the pieces are the text');
  pieces.forEach((piece, k) => {
    const last = k === pieces.length - 1;
    if (!last) assert.ok(piece.endsWith('\n\n'), `piece ${k} ends at a blank line`);
    assert.ok(piece.length > 0 || pieces.length === 1, `piece ${k} is not empty`);
    if (piece.length > max) {
      // only when no blank line would have ended it in time
      const cut = piece.lastIndexOf('\n\n', max - 2);
      assert.ok(cut < 0, `piece ${k} (${piece.length} > ${max}) could end at ${cut + 2}`);
    }
  });
  return pieces.length;
}

const words = ['会议', '要求', '，', '。', 'abc ', '2024年', '\n', '\n\n', '\n\n\n', '（一）', ' '];
let cut = 0;
for (let round = 0; round < 3000; round++) {
  const parts = [];
  const n = below(200);
  for (let k = 0; k < n; k++) parts.push(words[below(words.length)]);
  if (below(10) === 0) parts.push('长'.repeat(below(300)));  // a long paragraph without a blank line
  const text = parts.join('');
  const max = 4 + below(60);
  if (check(text, max) > 1) cut++;
}
assert.ok(cut > 1000, `most texts were cut (${cut})`);
assert.strictEqual(check('', 10), 1);
assert.deepStrictEqual(splitAtBlankLines('ab\n\ncd\n\nef', 4), ['ab\n\n', 'cd\n\n', 'ef']);
assert.deepStrictEqual(splitAtBlankLines('abcdefgh\n\nij', 4), ['abcdefgh\n\n', 'ij']);
assert.deepStrictEqual(splitAtBlankLines('short', 100), ['short']);
console.log(`bench_split: 3000 generated texts, ${cut} cut into pieces, all whole`);
