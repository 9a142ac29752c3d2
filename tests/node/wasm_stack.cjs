'use strict';
// The WASM module's stack is enough, with room to spare: a build with a sixteenth of the
// shipped module's stack (64 KiB against 1 MiB) and emscripten's check on every call
// (-sSTACK_OVERFLOW_CHECK=2: an overflow aborts instead of writing over the module's static data)
// formats the hostile inputs of docs/hardening.md, every golden case and long generated notes.
//   node wasm_stack.cjs PAIBAN_STACKCHECK_JS
const fs = require('fs');
const { loadModule, watchdog } = require('./lib/wasm.cjs');
const golden = require('./lib/golden.cjs');
const { generate } = require('../../bench/corpus.cjs');

const NAME = 'wasm_stack';
const NOW = '2024-03-01 09:30:00';
const REQUEST = '{"diagnostics":"columns"}';

// Deep nesting of every kind the notes can hold (the blocks, the inlines, both), and a request
// nested deep.
const HOSTILE = {
  'nested quotes': '>'.repeat(50000) + ' 正文',
  brackets: '['.repeat(10000) + '正文',
  stars: '*'.repeat(20000) + 'a',
  dashes: '-'.repeat(10000) + ' a',
  'nested lists': '- '.repeat(5000) + 'a',
  'nested ordered lists': '1. '.repeat(5000) + 'a',
  'quotes of lists': '> - '.repeat(5000) + 'a',
  'link openers': '[a]('.repeat(10000) + '正文',
  'stars and text': '*a'.repeat(100000),
  'underscores and text': '_a'.repeat(50000),
  'nested emphases': '*'.repeat(50000) + 'a' + '*'.repeat(50000),
  'emphases and links': '*[_'.repeat(20000) + 'a' + '_](u)*'.repeat(20000),
  'emphases in quotes': '> *'.repeat(3000) + 'a' + '*'.repeat(3000),
  'links in lists': '- [*'.repeat(3000) + 'a' + '*](x)'.repeat(3000),
};

function fail(what, e) {
  console.error(`${NAME}: FAIL: ${what}: ${e && e.message ? e.message : e}`);
  process.exit(1);
}

(async () => {
  watchdog(NAME, 300);
  const mod = await loadModule(process.argv[2]);
  let n = 0;
  // (a golden case may be notes the core refuses: an empty input)
  const format = (what, notes, refusable = false) => {
    let r;
    try {
      r = mod.formatParts(notes, REQUEST, false, NOW);
      const j = JSON.parse(r.json);
      if (!j.ok && !refusable) throw new Error(`not formatted: ${JSON.stringify(j.errors)}`);
      if (j.ok && !r.page.includes('</html>')) throw new Error('no page');
    } catch (e) {
      fail(what, e);
    }
    n++;
    return r;
  };
  for (const [what, body] of Object.entries(HOSTILE)) format(what, '标题\n\n' + body + '\n');
  // The 64-deep bound is what keeps the inlines in the stack: the deepest are shown as text.
  const deep = format('nested emphases', '标题\n\n' + '*'.repeat(200) + '心' + '*'.repeat(200) + '\n');
  if ((deep.page.match(/<strong/g) || []).length !== 64 || !deep.page.includes('心'))
    fail('nested emphases', new Error('not 64 levels around the text'));
  try {
    if (JSON.parse(mod.formatJson('{"input":"正文","profile":' + '['.repeat(100000) + ']'.repeat(100000) + '}')).ok)
      throw new Error('a request nested 100,000 deep was read');
    // as deep as a request and its profile may be: read (JSON's parser recurses), then refused
    const deep = (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    JSON.parse(mod.formatJson('{"input":"正文","profile":' + deep(32) + '}'));
    JSON.parse(mod.formatParts('正文', '{"profile":' + deep(32) + '}', false, NOW).json);
  } catch (e) {
    fail('deep request', e);
  }
  for (const c of golden.cases()) {
    format(`golden ${c.name}`, new TextDecoder('utf-8').decode(fs.readFileSync(c.input)), true);
  }
  for (const bytes of [6 * 1024, 1 << 20]) format(`generated notes, ${bytes} bytes`, generate(bytes, 3));
  console.log(`${NAME}: ok (${n} notes formatted with a 64 KiB stack, checked on every call)`);
})().catch((e) => fail('unexpected', e));
