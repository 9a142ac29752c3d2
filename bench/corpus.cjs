'use strict';
// The benchmark corpus: realistic, noisy meeting notes and news drafts as editors paste them
// (header lines, hard-wrapped PDF lines, half-width punctuation, GB/T 9704 headings, quotes,
// bullets, numbers, units, URLs, Latin words, a signature), at any size, deterministically:
// the same size and seed give the same bytes on every machine.
//
//   node bench/corpus.cjs OUT_DIR [SIZE…]      SIZE like 6k, 100k, 1m, 10m (default: all four)
//   require('./corpus.cjs').generate(bytes, seed) → string
//
// The text is made up here from small phrase tables; it is not taken from any published page.
const fs = require('fs');
const path = require('path');

/** mulberry32: a small, fast, deterministic PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const PLACES = ['商州区', '洛南县', '丹凤县', '商南县', '山阳县', '镇安县', '柞水县', '市区'];
const UNITS = ['市生态环境局', '各县区分局', '市环境监测站', '局执法支队', '市水务局', '市住建局', '市交通运输局'];
const TOPICS = [
  '大气污染防治', '水污染防治', '土壤污染防治', '秦岭生态环境保护', '入河排污口排查整治', '机动车尾气检测',
  '扬尘污染治理', '危险废物规范化管理', '突发环境事件应急演练', '生态环境执法检查', '环评审批服务',
  '噪声污染防治', '农村环境整治', '饮用水水源地保护', '碳排放权交易', '排污许可管理',
];
const ACTIONS = ['召开', '举办', '组织开展', '部署推进', '专题研究', '督导检查'];
const MEETINGS = ['工作推进会', '专题会议', '培训班', '现场观摩会', '督查调度会', '警示教育会'];
const VERBS = ['强化', '压实', '加快', '深化', '健全', '严格落实', '持续推进', '统筹抓好', '扎实开展'];
const OBJECTS = [
  '主体责任', '监管措施', '问题整改', '源头管控', '在线监测', '日常巡查', '信息公开', '考核问效',
  '联防联控机制', '台账管理', '隐患排查', '执法监督', '宣传引导', '数据质量',
];
const CLAUSES = [
  '会议指出', '会议强调', '会议要求', '会上', '据了解', '下一步', '与会人员一致认为', '检查组指出',
  '截至目前', '同时',
];
const LATIN = ['PM2.5', 'PM10', 'COD', 'pH', 'APP', 'VOCs', 'AQI', 'GB 3095-2012', 'ISO 14001', 'WeChat'];
const PEOPLE = ['局党组书记、局长', '局党组成员、副局长', '执法支队支队长', '监测站站长', '办公室主任'];

function num(r) {
  switch (r.int(6)) {
    case 0: return `${r.int(900) + 10}`;
    case 1: return `${r.int(100)}.${r.int(10)}%`;
    case 2: return `${r.int(50) + 1}家`;
    case 3: return `${r.int(300) + 20}人次`;
    case 4: return `${r.int(9000) + 100}万元`;
    default: return `${r.int(28) + 1}天`;
  }
}

function date(r) {
  return `${2019 + r.int(6)}年${r.int(12) + 1}月${r.int(28) + 1}日`;
}

// Punctuation as the notes type it: mostly full width, some half width (WeChat, English IME).
function punct(r, full, half, halfRate) {
  return r.chance(halfRate) ? half : full;
}

function sentence(r, halfRate) {
  const c = (p = ',') => punct(r, '，', p, halfRate);
  const parts = [];
  switch (r.int(7)) {
    case 0:
      parts.push(`${date(r)}${r.pick(['上午', '下午', ''])}${c()}${r.pick(UNITS)}${r.pick(ACTIONS)}${r.pick(TOPICS)}${r.pick(MEETINGS)}`);
      break;
    case 1:
      parts.push(`${r.pick(CLAUSES)}${c()}要${r.pick(VERBS)}${r.pick(OBJECTS)}${c()}${r.pick(VERBS)}${r.pick(OBJECTS)}`);
      break;
    case 2:
      parts.push(`今年以来${c()}全市${r.pick(LATIN.slice(0, 3))}平均浓度同比下降${r.int(30)}.${r.int(10)}%${c()}优良天数达到${r.int(200) + 150}天`);
      break;
    case 3:
      parts.push(`${r.pick(PLACES)}共排查${r.pick(TOPICS)}点位${r.int(300) + 1}个${c()}发现问题${r.int(90) + 1}个${c()}已完成整改${r.int(90) + 1}个`);
      break;
    case 4:
      parts.push(`${r.pick(PEOPLE)}${r.pick(['主持会议', '出席并讲话', '带队检查', '作动员讲话'])}${c()}${r.pick(UNITS)}负责同志参加`);
      break;
    case 5:
      parts.push(`详情请登录${r.pick(['门户网站', '“商洛生态环境”公众号', '政务服务平台'])} https://sthjj.example.gov.cn/${r.pick(['news', 'notice', 'gk'])}/${r.int(9000) + 1000}.html 查看`);
      break;
    default:
      parts.push(`各单位要把${r.pick(TOPICS)}作为${r.pick(['重中之重', '当前重点', '一项政治任务'])}${c()}以${r.pick(['“钉钉子”精神', '“零容忍”态度', '“清单化”方式'])}${r.pick(VERBS)}${r.pick(OBJECTS)}`);
  }
  if (r.chance(0.15)) parts.push(`${punct(r, '（', '(', halfRate)}${r.pick(['附件1', '见下表', '含' + num(r), r.pick(LATIN)])}${punct(r, '）', ')', halfRate)}`);
  if (r.chance(0.08)) parts.push(r.pick(['......', '...', '…']));
  return parts.join('') + punct(r, '。', '.', halfRate);
}

function paragraph(r, halfRate, sentences) {
  let s = '';
  for (let i = 0; i < sentences; i++) s += sentence(r, halfRate);
  return s;
}

// A paragraph as a PDF paste gives it: indented with full-width spaces, cut every ~36 characters.
function hardWrap(r, text) {
  const width = 30 + r.int(10);
  const chars = Array.from(text);
  const lines = [];
  // a line ends after `width` characters, but never inside a run of Latin letters, digits or a URL
  const ascii = (ch) => ch !== undefined && /[\x21-\x7e]/.test(ch);
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(chars.length, start + width);
    while (end < chars.length && ascii(chars[end - 1]) && ascii(chars[end])) end++;
    lines.push(chars.slice(start, end).join(''));
    start = end;
  }
  lines[0] = '　　' + lines[0];
  return lines.join('\n');
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** One article section: a heading, sub-headings, paragraphs in mixed styles. */
function section(r, index) {
  const halfRate = r.pick([0.02, 0.1, 0.4]);
  const out = [];
  const sep = punct(r, '、', '.', halfRate / 3);
  out.push(`${CN_NUM[index % 10]}${sep}${r.pick(VERBS)}${r.pick(OBJECTS)}${punct(r, '，', ',', halfRate)}${r.pick(VERBS)}${r.pick(TOPICS)}`);
  const subs = 1 + r.int(3);
  for (let s = 0; s < subs; s++) {
    if (r.chance(0.6)) out.push(`（${CN_NUM[s]}）${r.pick(VERBS)}${r.pick(OBJECTS)}`);
    const paras = 1 + r.int(3);
    for (let p = 0; p < paras; p++) {
      const text = paragraph(r, halfRate, 2 + r.int(4));
      const style = r.int(10);
      if (style < 3) out.push(hardWrap(r, text));
      else if (style < 4) out.push('    ' + text);
      else if (style < 5) out.push(`> ${text}`);
      else if (style < 6) {
        const items = [];
        for (let k = 1; k <= 2 + r.int(3); k++) items.push(`${k}${punct(r, '．', '.', 0.7)}${sentence(r, halfRate)}`);
        out.push(items.join('\n'));
      } else if (style < 7) {
        const items = [];
        for (let k = 0; k < 2 + r.int(3); k++) items.push(`${r.pick(['•', '·', '-'])} ${sentence(r, halfRate)}`);
        out.push(items.join('\n'));
      } else out.push(text);
    }
  }
  return out;
}

/**
 * Notes of at most `bytes` UTF-8 bytes (and close to it): header lines, then sections until the
 * size is reached, then a signature. Paragraphs are separated by blank lines.
 */
function generate(bytes, seed = 1) {
  const r = rng(seed * 2654435761 + bytes);
  const head = [
    `标题${r.pick(['：', ':'])}${r.pick(UNITS)}${r.pick(ACTIONS)}${r.pick(TOPICS)}${r.pick(MEETINGS)}`,
    '栏目：工作动态',
    `发布时间：${date(r)} 09:30`,
    '来源：办公室',
    '',
  ].join('\n');
  const tail = `\n\n${r.pick(UNITS)}\n${date(r)}\n`;
  const enc = (s) => Buffer.byteLength(s, 'utf8');
  let size = enc(head) + enc(tail);
  const blocks = [];
  let i = 0;
  for (;;) {
    const sec = section(r, i++);
    let stop = false;
    for (const b of sec) {
      const add = enc(b) + 2;
      if (size + add > bytes) {
        stop = true;
        break;
      }
      blocks.push(b);
      size += add;
    }
    if (stop) break;
  }
  return head + '\n' + blocks.join('\n\n') + tail;
}

/** "6k" → 6144, "1m" → 1048576, "500" → 500. */
function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s);
  if (!m) throw new Error(`bad size ${s}`);
  const mult = { '': 1, k: 1024, K: 1024, m: 1048576, M: 1048576 }[m[2]];
  return Math.round(parseFloat(m[1]) * mult);
}

const DEFAULT_SIZES = ['6k', '100k', '1m', '10m'];

/** Writes OUT_DIR/<size>.txt for each size (skipped when already there with the same bytes). */
function writeCorpus(outDir, sizes = DEFAULT_SIZES, seed = 1) {
  fs.mkdirSync(outDir, { recursive: true });
  return sizes.map((name) => {
    const file = path.join(outDir, `${name}.txt`);
    const text = generate(parseSize(name), seed);
    const buf = Buffer.from(text, 'utf8');
    if (!fs.existsSync(file) || !fs.readFileSync(file).equals(buf)) fs.writeFileSync(file, buf);
    return { name, file, bytes: buf.length };
  });
}

module.exports = { generate, parseSize, writeCorpus, DEFAULT_SIZES, rng };

if (require.main === module) {
  const [outDir, ...sizes] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: node bench/corpus.cjs OUT_DIR [SIZE…]   (SIZE like 6k, 100k, 1m, 10m)');
    process.exit(2);
  }
  for (const f of writeCorpus(outDir, sizes.length ? sizes : DEFAULT_SIZES)) console.log(`${f.file}\t${f.bytes} bytes`);
}
