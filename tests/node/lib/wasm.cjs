'use strict';
// Loading the WASM module (paiban.js, a classic script defining createPaiban) in node, and
// turning a CLI invocation (golden case args, input bytes) into the equivalent JSON request.
const fs = require('fs');
const path = require('path');

/** Loads paiban.js and resolves to the instantiated module; exits with a hint if missing. */
async function loadModule(wasmJs) {
  if (!wasmJs || !fs.existsSync(wasmJs)) {
    console.error(`paiban.js not found at ${wasmJs || '(no path given)'}; build the wasm-release preset first:`);
    console.error('  cmake --preset wasm-release && cmake --build --preset wasm-release');
    process.exit(1);
  }
  const createPaiban = require(path.resolve(wasmJs));
  if (typeof createPaiban !== 'function') {
    console.error(`${wasmJs} does not export createPaiban (was it linked with -sMODULARIZE -sEXPORT_NAME=createPaiban?)`);
    process.exit(1);
  }
  return createPaiban();
}

/** Calls formatJson with a request object; returns {text, json} (json null if unparsable). */
function formatRequest(mod, request) {
  const text = mod.formatJson(JSON.stringify(request));
  let json = null;
  try {
    json = JSON.parse(text);
  } catch (e) {
    json = null;
  }
  return { text, json };
}

// Same classification as the CLI (cli/encoding.cpp): count well-formed multi-byte UTF-8
// sequences and bytes that start none.
function utf8Census(buf) {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  const cont = (k) => i + k < buf.length && (buf[i + k] & 0xc0) === 0x80;
  while (i < buf.length) {
    const b0 = buf[i];
    let n = 0;
    if (b0 < 0x80) n = 1;
    else if (b0 >= 0xc2 && b0 <= 0xdf) n = cont(1) ? 2 : 0;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      n = cont(1) && cont(2) ? 3 : 0;
      if (n && b0 === 0xe0 && buf[i + 1] < 0xa0) n = 0;
      if (n && b0 === 0xed && buf[i + 1] >= 0xa0) n = 0;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      n = cont(1) && cont(2) && cont(3) ? 4 : 0;
      if (n && b0 === 0xf0 && buf[i + 1] < 0x90) n = 0;
      if (n && b0 === 0xf4 && buf[i + 1] >= 0x90) n = 0;
    }
    if (n === 0) {
      invalid++;
      i++;
    } else {
      if (n > 1) multibyte++;
      i += n;
    }
  }
  return { multibyte, invalid };
}

/**
 * Decodes input file bytes the way the CLI does. Returns {text, encoding} or, for bytes that are
 * neither UTF-8, UTF-16 with a BOM nor GB18030, {text: null, encoding: 'unknown'}: a JSON
 * string cannot carry invalid UTF-8, so such input has no equivalent request.
 */
function decodeInput(buf) {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    // kept: the core drops the BOM itself, as it does for the CLI
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf), encoding: 'utf-8' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(buf.subarray(2)), encoding: 'utf-16be' };
  const c = utf8Census(buf);
  if (c.invalid === 0) return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf), encoding: 'utf-8' };
  if (c.multibyte <= c.invalid) {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(buf), encoding: 'gb18030' };
    } catch (e) {
      // not GB18030 either
    }
  }
  return { text: null, encoding: 'unknown' };
}

const FIELD_FLAGS = ['title', 'column', 'date', 'views', 'source', 'author', 'keywords', 'url'];

/**
 * Maps CLI arguments (as in a golden case's .args file) onto a JSON request.
 * resolvePath(p) turns a path argument (--profile) into an absolute path.
 * Returns {request, cliArgs, unsupported}: cliArgs is the argument list to give the CLI with
 * paths made absolute; unsupported names an argument with no JSON equivalent (or null).
 */
function argsToRequest(args, input, now, resolvePath) {
  const request = { input, now };
  const fields = {};
  const cliArgs = [];
  let unsupported = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inlineValue = eq > 0 ? arg.slice(eq + 1) : null;
    const takeValue = () => {
      if (inlineValue !== null) return inlineValue;
      i++;
      return i < args.length ? args[i] : undefined;
    };
    const name = flag.replace(/^--/, '');
    if (FIELD_FLAGS.includes(name)) {
      const v = takeValue();
      fields[name] = v;
      cliArgs.push(flag, v);
    } else if (flag === '--now') {
      const v = takeValue();
      request.now = v;
      cliArgs.push(flag, v);
    } else if (flag === '--profile') {
      const p = resolvePath(takeValue());
      request.profile = fs.readFileSync(p, 'utf8');
      cliArgs.push(flag, p);
    } else if (flag === '--fragment') {
      request.output = 'fragment';
      cliArgs.push(flag);
    } else if (flag === '--page') {
      request.output = 'page';
      cliArgs.push(flag);
    } else if (flag === '--reject') {
      const v = takeValue();
      (request.rejected = request.rejected || []).push(v);
      cliArgs.push(flag, v);
    } else {
      unsupported = arg;
      break;
    }
  }
  if (Object.keys(fields).length) request.fields = fields;
  return { request, cliArgs, unsupported };
}

// Finds the object that holds `key` anywhere in a parsed profile (depth first), or null.
function findHolder(obj, key) {
  if (!obj || typeof obj !== 'object') return null;
  if (!Array.isArray(obj) && Object.prototype.hasOwnProperty.call(obj, key)) return obj;
  for (const v of Object.values(obj)) {
    const found = findHolder(v, key);
    if (found) return found;
  }
  return null;
}

/**
 * The default profile's JSON text with half-width publishing switched on
 * (typography.half_width_publish, wherever the profile keeps that key).
 */
function halfWidthProfile(defaultProfileText) {
  const profile = JSON.parse(defaultProfileText);
  let holder = findHolder(profile, 'half_width_publish');
  if (!holder) {
    if (!profile.typography || typeof profile.typography !== 'object') profile.typography = {};
    holder = profile.typography;
  }
  holder.half_width_publish = true;
  return JSON.stringify(profile, null, 2);
}

/** Exits the process with a message if the test runs longer than `seconds`. */
function watchdog(name, seconds) {
  setTimeout(() => {
    console.error(`${name}: FAIL: still running after ${seconds} s; something hangs (see the output above)`);
    process.exit(1);
  }, seconds * 1000).unref();
}

module.exports = { loadModule, formatRequest, decodeInput, argsToRequest, utf8Census, halfWidthProfile, watchdog };
