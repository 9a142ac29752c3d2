'use strict';
// The golden cases: tests/golden/NAME.txt (the notes), optional NAME.args (extra CLI arguments,
// one per line). Uses tests/node/golden.cjs's cases() when it exports one, so every test sees
// the same list; otherwise lists the folder with the same rules.
const fs = require('fs');
const path = require('path');

const GOLDEN_DIR = path.resolve(__dirname, '..', '..', 'golden');
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function readArgs(file) {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

function listFolder() {
  if (!fs.existsSync(GOLDEN_DIR)) return [];
  return fs
    .readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      return { name, input: path.join(GOLDEN_DIR, f), args: readArgs(path.join(GOLDEN_DIR, name + '.args')) };
    });
}

// Normalizes whatever shape golden.cjs uses into {name, input (absolute path), args[]}.
function normalize(c) {
  if (!c || typeof c !== 'object') return null;
  const input = c.input || c.inputPath || c.txt || c.file || c.path;
  if (typeof input !== 'string') return null;
  const abs = path.isAbsolute(input) ? input : path.join(GOLDEN_DIR, input);
  const name = c.name || path.basename(abs, '.txt');
  const args = Array.isArray(c.args) ? c.args.map(String) : [];
  return { name, input: abs, args };
}

/** [{name, input, args}] sorted by name. */
function cases() {
  const shared = path.resolve(__dirname, '..', 'golden.cjs');
  // Only a golden.cjs that runs its own test solely as a main script can be required here.
  const usable = fs.existsSync(shared) && /require\.main\s*===\s*module/.test(fs.readFileSync(shared, 'utf8'));
  if (usable) {
    let mod = null;
    try {
      mod = require(shared);
    } catch (e) {
      mod = null;
    }
    if (mod && typeof mod.cases === 'function') {
      const list = mod.cases(GOLDEN_DIR);
      if (Array.isArray(list)) {
        const norm = list.map(normalize);
        if (norm.every(Boolean)) return norm;
      }
    }
  }
  return listFolder();
}

/** Resolves a path argument of a golden case: relative to the golden folder, then the repo. */
function resolveCasePath(p) {
  if (p === undefined) return p;
  if (path.isAbsolute(p)) return p;
  for (const base of [GOLDEN_DIR, REPO_ROOT]) {
    const candidate = path.join(base, p);
    if (fs.existsSync(candidate)) return candidate;
  }
  return path.join(GOLDEN_DIR, p);
}

module.exports = { cases, resolveCasePath, GOLDEN_DIR, REPO_ROOT };
