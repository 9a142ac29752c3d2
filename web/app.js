// The editor page. It keeps the state (the draft, the rejected fixes, the profile), sends
// requests to the formatting worker and renders what comes back. It never formats itself.
(function (P) {
  'use strict';

  var T = P.TEXT;
  var SAVE_DELAY_MS = 400;
  var FORMAT_DELAY_MS = 120;
  var LEADING_MAX_CHARS = 200000; // notes formatted at once on the first change after a pause
  var MAX_LISTED = 300;
  var BLOB_CHARS = 200000;
  var BLOB_SLICE = 100000;
  var FIELD_NAMES = ['title', 'column', 'date', 'views', 'source'];

  function $(id) {
    return document.getElementById(id);
  }
  var root = document.documentElement;

  // ---- strings into the page -------------------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll('[data-text]'), function (node) {
    node.textContent = T[node.getAttribute('data-text')];
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-text-title]'), function (node) {
    node.title = T[node.getAttribute('data-text-title')];
  });
  $('f-title').placeholder = T.titleHint;
  $('f-views').placeholder = T.viewsHint;
  $('notes').placeholder = T.notesPlaceholder;

  var state = {
    draftId: null,
    rejected: {}, // id → {id, rule, line, column, column_utf16, length, before, after, message}
    profileText: null, // custom profile text, null = the default
    defaultProfile: '',
    defaultPretty: '',
    columns: [],
    last: null, // the last result message for the current text
    seq: 0,
    shownSeq: 0,
    inflight: null,
    inflightEmpty: false,
    queued: null,
    busySince: 0,
    diagOrder: [], // diagnostics in list order, for F8
    current: -1
  };
  var store = null;
  var worker = null;
  var saveTimer = 0;
  var formatTimer = 0;
  var lastChange = 0;
  var busyTimer = 0;
  var counters = { rendered: 0, saved: 0 };
  startWorker(); // first thing: the worker's early messages are handed over once this script ran

  var editor = new P.Editor(
    {
      textarea: $('notes'),
      mirror: $('mirror'),
      pager: $('pager'),
      pageLabel: $('page-label'),
      prevPage: $('prev-page'),
      nextPage: $('next-page')
    },
    function () {
      changed();
    }
  );

  // ---- status lines ---------------------------------------------------------------------
  function setStatus(text, kind) {
    var s = $('status');
    s.textContent = text;
    s.className = 'status' + (kind ? ' ' + kind : '');
    s.title = text;
  }
  function setAlert(text) {
    var a = $('alert');
    a.textContent = text || '';
    a.hidden = !text;
  }
  function setSaveState(text, isError) {
    var s = $('save-state');
    s.textContent = text;
    s.className = 'save-state' + (isError ? ' error' : '');
  }

  // ---- time -----------------------------------------------------------------------------
  // Beijing time "YYYY-MM-DD HH:MM:SS": the core never reads the clock.
  function beijingNow() {
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
  }
  function clock() {
    var d = new Date();
    var two = function (n) {
      return (n < 10 ? '0' : '') + n;
    };
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
  }

  // ---- profile --------------------------------------------------------------------------
  function activeProfileText() {
    return state.profileText !== null ? state.profileText : state.defaultPretty;
  }
  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return undefined;
    }
  }
  function profileForRequest() {
    var half = $('f-halfwidth').checked;
    if (!half) return state.profileText;
    var obj = parseJson(activeProfileText());
    if (!obj || typeof obj !== 'object') return activeProfileText();
    if (!obj.typography || typeof obj.typography !== 'object') obj.typography = {};
    obj.typography.half_width_publish = true;
    return JSON.stringify(obj);
  }
  function fillColumns() {
    var obj = parseJson(activeProfileText());
    var list = obj && Array.isArray(obj.columns) ? obj.columns : [];
    var names = [];
    list.forEach(function (c) {
      var name = typeof c === 'string' ? c : c && typeof c.name === 'string' ? c.name : '';
      if (name && names.indexOf(name) < 0) names.push(name);
    });
    state.columns = names;
    var select = $('f-column');
    var keep = select.value || select.getAttribute('data-want') || '';
    if (keep && names.indexOf(keep) < 0) names = names.concat([keep]);
    select.textContent = '';
    var auto = document.createElement('option');
    auto.value = '';
    auto.textContent = T.columnAuto;
    select.appendChild(auto);
    names.forEach(function (n) {
      var o = document.createElement('option');
      o.value = n;
      o.textContent = n;
      select.appendChild(o);
    });
    select.value = keep;
  }

  // ---- the request ------------------------------------------------------------------------
  function readFields() {
    var f = {};
    FIELD_NAMES.forEach(function (name) {
      var v = $('f-' + name).value.trim();
      if (name === 'date' && v) {
        v = v.replace('T', ' ');
        if (v.length === 16) v += ':00';
      }
      if (v) f[name] = v;
    });
    return f;
  }
  function writeFields(f) {
    f = f || {};
    FIELD_NAMES.forEach(function (name) {
      var v = f[name] || '';
      if (name === 'date' && v) v = v.replace(' ', 'T');
      if (name === 'column') $('f-column').setAttribute('data-want', v);
      $('f-' + name).value = v;
    });
    fillColumns();
  }
  function buildRequest() {
    var request = {
      input: editor.getText(),
      fields: readFields(),
      now: beijingNow(),
      output: 'both',
      rejected: Object.keys(state.rejected).sort()
    };
    var profile = profileForRequest();
    if (profile !== null) request.profile = profile;
    return request;
  }

  // ---- the worker -----------------------------------------------------------------------
  // At most one request in flight; a newer one replaces the queued one (newer supersedes older).
  // Except after a request for empty notes (the new draft's, at start): the newer one goes at
  // once, and the worker, which runs only the latest of what it was sent, may never answer the
  // empty one. (Waiting for that answer held the first paste back while the page drew it.)
  function formatNow() {
    if (formatTimer) clearTimeout(formatTimer);
    formatTimer = 0;
    if (!worker || !state.ready) return;
    state.seq += 1;
    var msg = { type: 'format', seq: state.seq, request: buildRequest() };
    if (state.inflight && !state.inflightEmpty) {
      state.queued = msg;
    } else {
      state.queued = null;
      send(msg);
    }
    busy(true);
  }
  function send(msg) {
    state.inflight = msg.seq;
    state.inflightEmpty = msg.request.input === '';
    worker.postMessage(msg);
  }
  // Asks the worker for a part of the last result that stayed there: 'page', 'fragment', 'text'
  // (the fixed notes, always; null when a newer result has replaced the last), 'ids'.
  var asks = {};
  var askId = 0;
  function ask(what, rule) {
    return new Promise(function (resolve) {
      askId += 1;
      asks[askId] = resolve;
      worker.postMessage({ type: 'get', id: askId, seq: state.last ? state.last.seq : undefined, what: what, rule: rule });
    });
  }
  // The last result's 'page', 'fragment' or 'text' (null: the worker lost it, see download()).
  function resultPart(what) {
    var r = state.last.response;
    if (r.big || (what === 'text' && typeof r.text !== 'string')) return ask(what);
    return Promise.resolve(r[what]);
  }

  // HTML fragment → plain text: one line per block, tags dropped, the core's entities decoded.
  // Made when the editor copies, not for every result (~10 % of a format's time in the worker).
  function plainText(html) {
    var s = html
      .replace(/<\/(p|h[1-6]|li|div|blockquote|header|footer|tr)>/gi, '\n')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, function (all, e) {
        var k = e.toLowerCase();
        if (k === 'amp') return '&';
        if (k === 'lt') return '<';
        if (k === 'gt') return '>';
        if (k === 'quot') return '"';
        if (k === 'apos') return "'";
        if (k === 'nbsp') return '\u00a0';
        var n = k.charAt(1) === 'x' ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
        return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : all;
      });
    return s
      .split('\n')
      .map(function (l) {
        return l.trim();
      })
      .filter(function (l) {
        return l.length > 0;
      })
      .join('\n');
  }
  // The plain text of result `last`'s fragment `html`, made once (a big result's each time: it
  // is not kept on the page).
  function plainOf(last, html) {
    if (last.response.big) return plainText(html);
    if (typeof last.plain !== 'string') last.plain = plainText(html);
    return last.plain;
  }
  // The first change after a pause (a paste, an import, the first key) is formatted at once;
  // changes that follow it within FORMAT_DELAY_MS (typing) wait until the typing pauses. Long
  // notes always wait: a format of them would hold the worker while the typing goes on.
  function scheduleFormat() {
    var now = Date.now();
    var calm = now - lastChange >= FORMAT_DELAY_MS;
    lastChange = now;
    var chars = $('notes').value.length + (editor.pages ? editor.prefix.length + editor.suffix.length : 0);
    if (calm && !formatTimer && state.ready && chars <= LEADING_MAX_CHARS) {
      formatNow();
      return;
    }
    if (formatTimer) clearTimeout(formatTimer);
    formatTimer = setTimeout(formatNow, FORMAT_DELAY_MS);
    root.setAttribute('data-busy', '1');
  }
  function busy(on) {
    var preview = $('preview');
    if (on) {
      if (!state.busySince) state.busySince = Date.now();
      preview.setAttribute('aria-busy', 'true');
      root.setAttribute('data-busy', '1');
      if (!busyTimer) {
        busyTimer = setInterval(function () {
          var s = Math.round((Date.now() - state.busySince) / 1000);
          setStatus(s >= 2 ? T.formattingLong(s) : T.formatting, 'busy');
        }, 500);
      }
    } else {
      state.busySince = 0;
      preview.removeAttribute('aria-busy');
      if (!formatTimer) root.removeAttribute('data-busy');
      if (busyTimer) clearInterval(busyTimer);
      busyTimer = 0;
    }
  }
  function onWorkerMessage(event) {
    var msg = event.data;
    if (!msg) return;
    if (msg.type === 'ready') {
      state.defaultProfile = msg.defaultProfile;
      var obj = parseJson(msg.defaultProfile);
      state.defaultPretty = obj ? JSON.stringify(obj, null, 2) : msg.defaultProfile;
      root.setAttribute('data-version', msg.version);
      workerReady();
      return;
    }
    if (msg.type === 'got') {
      var resolve = asks[msg.id];
      delete asks[msg.id];
      if (resolve) resolve(msg.value);
      return;
    }
    if (msg.type === 'load-failed') {
      setStatus(T.loadFailed + msg.message, 'error');
      return;
    }
    if (msg.type !== 'result' && msg.type !== 'failed') return;
    if (msg.seq !== state.inflight) {
      // the answer to a request that was followed at once by a newer one (see formatNow)
      if (msg.type === 'result' && msg.seq > state.shownSeq) {
        state.shownSeq = msg.seq;
        showResult(msg, false);
      }
      return;
    }
    state.inflight = null;
    if (state.queued) {
      var next = state.queued;
      state.queued = null;
      send(next);
    }
    if (msg.type === 'failed') {
      setStatus(T.crashed, 'error');
      if (!state.inflight) busy(false);
      return;
    }
    if (msg.seq < state.shownSeq) return;
    state.shownSeq = msg.seq;
    var fresh = msg.seq === state.seq;
    showResult(msg, fresh);
    if (!state.inflight) busy(false);
  }
  // The worker was started by boot.js (in <head>, so the engine loads while the rest of the page
  // is parsed); here the app takes it over.
  function startWorker() {
    var boot = P.boot || {};
    if (!boot.worker) {
      setStatus(T.noWorker + (boot.error && boot.error !== 'no worker' ? ' ' + boot.error : ''), 'error');
      return;
    }
    worker = boot.worker;
    boot.attach(onWorkerMessage, function (e) {
      setStatus(T.loadFailed + (e.message || ''), 'error');
    });
  }

  // ---- rendering a result ---------------------------------------------------------------
  function clearErrors() {
    FIELD_NAMES.concat(['input']).forEach(function (name) {
      var e = $('e-' + name);
      e.hidden = true;
      e.textContent = '';
      var input = name === 'input' ? $('notes') : $('f-' + name);
      input.removeAttribute('aria-invalid');
    });
  }
  function errorField(e) {
    var f = (e.field || '').replace(/^fields\./, '');
    if (/^profile/.test(e.code || '') || /^profile/.test(f)) return 'profile';
    if (FIELD_NAMES.indexOf(f) >= 0 || f === 'input') return f;
    return '';
  }
  function showErrors(errors) {
    var profileErrors = [];
    var where = '';
    var loose = [];
    errors.forEach(function (e) {
      var f = errorField(e);
      var text = e.message_zh || e.message_en || e.code;
      if (f === 'profile') {
        profileErrors.push(e);
        where = where || 'profile';
      } else if (f) {
        var box = $('e-' + f);
        box.textContent = box.textContent ? box.textContent + '；' + text : text;
        box.hidden = false;
        (f === 'input' ? $('notes') : $('f-' + f)).setAttribute('aria-invalid', 'true');
        where = where || (f === 'input' ? 'input' : 'fields');
      } else {
        loose.push(text);
      }
    });
    renderProfileErrors(profileErrors);
    var first = errors.length ? errors[0].message_zh || errors[0].code : '';
    if (where === 'profile') setStatus(T.errorsIn.profile, 'error');
    else if (where === 'input' && errors[0].code === 'input.empty') setStatus(T.empty, '');
    else setStatus(T.failed + (loose[0] || first), 'error');
  }

  // The preview first: the diagnostics list, the marks in the editor and the print copy (tens of
  // milliseconds for an article, most of it layout) are done once the preview has loaded and
  // been drawn, so the article shows as soon as it can. A newer result, or a print, finishes the
  // older one first.
  var shownPage = null;
  var unfinished = null;
  var finishTimer = 0;
  function showPreview(page) {
    if (page === shownPage) return false;
    shownPage = page;
    root.setAttribute('data-preview-loading', '1');
    $('preview').srcdoc = page;
    return true;
  }
  function finishNow() {
    var f = unfinished;
    unfinished = null;
    if (finishTimer) clearTimeout(finishTimer);
    finishTimer = 0;
    if (f) f();
  }
  function finishLater(f) {
    unfinished = f;
    finishTimer = setTimeout(finishNow, 1000); // in case the preview never says it loaded
  }
  $('preview').addEventListener('load', function () {
    root.removeAttribute('data-preview-loading');
    if (!unfinished) return;
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(function () {
        setTimeout(finishNow, 0);
      });
    else setTimeout(finishNow, 0);
  });
  function rendered() {
    counters.rendered++;
    root.setAttribute('data-rendered', String(counters.rendered));
  }

  function showResult(msg, fresh) {
    finishNow();
    var r = msg.response;
    clearErrors();
    if (!r || !r.ok) {
      showErrors((r && r.errors) || []);
      var profileBad = ((r && r.errors) || []).some(function (e) {
        return errorField(e) === 'profile';
      });
      if (state.profileTrial) {
        if (profileBad) {
          settleProfile(false);
          return;
        }
        settleProfile(true);
      }
      if (fresh) {
        state.last = null;
        renderDiagnostics(null);
      }
      rendered();
      return;
    }
    if (!state.keepProfileErrors) renderProfileErrors([]);
    settleProfile(true);
    var loading = (!msg.preview || msg.preview.page) && showPreview(msg.preview ? msg.preview.page : r.page);
    var note = $('preview-note');
    note.hidden = !msg.preview;
    note.textContent = msg.preview ? T.previewPart(msg.preview.shownLines, msg.preview.totalLines) : '';
    var applied = 0;
    Object.keys(msg.rules).forEach(function (k) {
      applied += msg.rules[k].appliedCount;
    });
    if (state.keepProfileErrors) setStatus(T.profileKept, 'error');
    else setStatus(T.ready(applied, r.diagnosticsTotal - applied, msg.ms), '');
    showHints(r.meta || {});
    if (fresh) state.last = msg;
    var finish = function () {
      if (fresh) {
        renderDiagnostics(msg);
        // The article to print is made when printing starts (beforeprint, or the print button),
        // not for every result: parsing the fragment took the page's main thread longer than the
        // worker took to format 6 KB of notes (0.2 ms; 3.4 ms for 100 KB).
        $('print-article').textContent = '';
      }
      rendered();
    };
    if (loading) finishLater(finish);
    else finish();
  }

  function showHints(meta) {
    FIELD_NAMES.forEach(function (name) {
      var hint = $('h-' + name);
      var m = meta[name];
      var given = $('f-' + name).value.trim();
      if (!m || !m.value || given) {
        hint.textContent = '';
        return;
      }
      if (name === 'date' && m.from === 'default') hint.textContent = T.dateDefault(m.value);
      else hint.textContent = T.willUse(T.uses[m.from] || '', m.value);
    });
  }

  // ---- diagnostics ----------------------------------------------------------------------
  // The core's messages read "中文 / English": the interface shows the Chinese part.
  function zh(message) {
    var s = String(message || '');
    var cut = s.indexOf(' / ');
    return cut > 0 ? s.slice(0, cut) : s;
  }
  function idPlace(id) {
    var m = /@(\d+):(\d+)$/.exec(id);
    return m ? { line: +m[1], column: +m[2] } : { line: 0, column: 0 };
  }
  function renderDiagnostics(msg) {
    var list = $('diag-list');
    list.textContent = '';
    var items = [];
    if (msg) {
      msg.response.diagnostics.forEach(function (d) {
        items.push({ d: d, kind: d.applied ? 'fix' : 'warn' });
      });
    }
    Object.keys(state.rejected).forEach(function (id) {
      items.push({ d: state.rejected[id], kind: 'off' });
    });
    items.sort(function (a, b) {
      return a.d.line - b.d.line || a.d.column - b.d.column || (a.d.id < b.d.id ? -1 : 1);
    });
    state.diagOrder = items;
    state.current = -1;
    var total = msg ? msg.response.diagnosticsTotal : 0;
    $('diag-count').textContent = T.diagCount(total + Object.keys(state.rejected).length);
    var marks = items.map(function (it) {
      return { line: it.d.line, col16: it.d.column_utf16 || it.d.column, len: it.d.length || 1, kind: it.kind, id: it.d.id };
    });
    editor.setMarks(marks);
    if (!items.length) {
      var none = document.createElement('p');
      none.className = 'none';
      none.textContent = msg ? T.noDiagnostics : '';
      list.appendChild(none);
      $('btn-writeback').disabled = true;
      return;
    }
    $('btn-writeback').disabled = !msg || !Object.keys(msg.rules).some(function (k) {
      return msg.rules[k].appliedCount > 0;
    });
    // group by rule, in order of first appearance
    var groups = [];
    var byRule = {};
    items.forEach(function (it, index) {
      var g = byRule[it.d.rule];
      if (!g) {
        g = byRule[it.d.rule] = { rule: it.d.rule, message: zh(it.d.message) || it.d.rule, items: [] };
        groups.push(g);
      }
      g.items.push({ it: it, index: index });
    });
    var listed = 0;
    groups.forEach(function (g) {
      var box = document.createElement('section');
      box.className = 'rule';
      box.setAttribute('data-rule', g.rule);
      var head = document.createElement('div');
      head.className = 'rule-head';
      var h = document.createElement('h3');
      var count = msg && msg.rules[g.rule] ? msg.rules[g.rule].count : 0;
      var off = g.items.filter(function (x) {
        return x.it.kind === 'off';
      }).length;
      h.textContent = g.message + '（' + T.ruleCount(count + off) + '）';
      head.appendChild(h);
      var ruleInfo = msg && msg.rules[g.rule];
      if (ruleInfo && ruleInfo.appliedCount) head.appendChild(button(T.rejectAll, 'reject-all', function () {
        var ids = ruleInfo.applied ? Promise.resolve(ruleInfo.applied) : ask('ids', g.rule);
        ids.then(function (list) {
          (list || []).forEach(function (id) {
            state.rejected[id] = findDiag(id) || { id: id, rule: g.rule, line: idPlace(id).line, column: idPlace(id).column, message: g.message };
          });
          decided();
        });
      }, g.message));
      if (off) head.appendChild(button(T.acceptAll, 'accept-all', function () {
        Object.keys(state.rejected).forEach(function (id) {
          if (state.rejected[id].rule === g.rule) delete state.rejected[id];
        });
        decided();
      }, g.message));
      box.appendChild(head);
      var ol = document.createElement('ol');
      g.items.forEach(function (x) {
        if (listed >= MAX_LISTED) return;
        listed++;
        ol.appendChild(diagItem(x.it, x.index));
      });
      box.appendChild(ol);
      list.appendChild(box);
    });
    var rest = total + Object.keys(state.rejected).length - listed;
    if (rest > 0) {
      var more = document.createElement('p');
      more.className = 'more';
      more.textContent = T.more(rest);
      list.appendChild(more);
    }
  }
  function findDiag(id) {
    if (!state.last) return null;
    var ds = state.last.response.diagnostics;
    for (var i = 0; i < ds.length; i++) if (ds[i].id === id) return ds[i];
    return null;
  }
  function button(text, cls, onClick, context) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'small ' + cls;
    b.textContent = text;
    if (context) b.setAttribute('aria-label', text + '：' + context);
    b.addEventListener('click', onClick);
    return b;
  }
  function diagText(d, kind) {
    var change = d.before !== undefined && d.after !== undefined && (d.before || d.after) ? T.change(d.before, d.after) : '';
    var label = kind === 'off' ? T.rejected : kind === 'fix' ? T.applied : T.warning;
    return { where: T.lineCol(d.line, d.column), what: label + ' ' + (change || zh(d.message) || d.rule) };
  }
  function diagItem(it, index) {
    var d = it.d;
    var li = document.createElement('li');
    li.className = it.kind === 'off' ? 'off' : it.kind === 'fix' ? 'fix' : 'warning';
    li.setAttribute('data-id', d.id);
    var t = diagText(d, it.kind);
    var go = document.createElement('button');
    go.type = 'button';
    go.className = 'go';
    var where = document.createElement('span');
    where.className = 'where';
    where.textContent = t.where;
    go.appendChild(where);
    go.appendChild(document.createTextNode(t.what));
    if (d.message) go.title = zh(d.message);
    go.addEventListener('click', function () {
      jumpTo(index);
    });
    li.appendChild(go);
    if (it.kind === 'fix') {
      li.appendChild(button(T.reject, 'reject', function () {
        state.rejected[d.id] = d;
        decided();
      }, t.where));
    } else if (it.kind === 'off') {
      li.appendChild(button(T.accept, 'accept', function () {
        delete state.rejected[d.id];
        decided();
      }, t.where));
    }
    return li;
  }
  function decided() {
    changed();
    formatNow();
  }
  function jumpTo(index) {
    var items = state.diagOrder;
    if (!items.length) return;
    index = ((index % items.length) + items.length) % items.length;
    state.current = index;
    var d = items[index].d;
    var cur = document.querySelector('.rule li.current');
    if (cur) cur.classList.remove('current');
    var li = document.querySelector('.rule li[data-id="' + CSS.escape(d.id) + '"]');
    if (li) {
      li.classList.add('current');
      li.scrollIntoView({ block: 'nearest' });
    }
    editor.select(d.line, d.column_utf16 || d.column, d.length || 1, d.id);
  }
  function nextDiag(step) {
    var items = state.diagOrder;
    if (!items.length) return;
    if (state.current >= 0) {
      jumpTo(state.current + step);
      return;
    }
    var c = editor.caret();
    var i;
    if (step > 0) {
      for (i = 0; i < items.length; i++) {
        var a = items[i].d;
        if (a.line > c.line || (a.line === c.line && (a.column_utf16 || a.column) > c.col16)) break;
      }
      jumpTo(i);
    } else {
      for (i = items.length - 1; i >= 0; i--) {
        var b = items[i].d;
        if (b.line < c.line || (b.line === c.line && (b.column_utf16 || b.column) < c.col16)) break;
      }
      jumpTo(i);
    }
  }

  // ---- drafts ---------------------------------------------------------------------------
  function newId() {
    return 'd' + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
  }
  function currentDraft() {
    var fields = readFields();
    var title = fields.title || (state.last && state.last.response.meta && state.last.response.meta.title ? state.last.response.meta.title.value : '');
    var notes = editor.getText();
    return {
      id: state.draftId,
      title: title || '',
      notes: notes,
      chars: notes.length,
      fields: fields,
      halfwidth: $('f-halfwidth').checked,
      encoding: state.encoding || '',
      rejected: state.rejected,
      updated: Date.now()
    };
  }
  function saveNow() {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = 0;
    if (!store) return Promise.resolve();
    setSaveState(T.saving, false);
    return asBlob(currentDraft()).then(function (draft) {
      return store.saveDraft(draft);
    }).then(
      function () {
        counters.saved++;
        root.setAttribute('data-saved', String(counters.saved));
        setSaveState(T.saved(clock()), false);
        setAlert('');
      },
      function (e) {
        var text = e.kind === 'full' ? T.storageFull : T.storageDenied;
        setSaveState(text, true);
        setAlert(text);
      }
    );
  }
  // Big notes are stored as a Blob built a slice per task, so that saving never copies
  // megabytes in one main-thread task.
  function asBlob(draft) {
    var text = draft.notes;
    if (text.length <= BLOB_CHARS) return Promise.resolve(draft);
    return new Promise(function (resolve) {
      var parts = [];
      var at = 0;
      (function step() {
        var end = Math.min(at + BLOB_SLICE, text.length);
        var last = text.charCodeAt(end - 1);
        if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
        parts.push(new Blob([text.slice(at, end)]));
        at = end;
        if (at < text.length) {
          setTimeout(step, 0);
          return;
        }
        draft.notes = '';
        draft.notesBlob = new Blob(parts, { type: 'text/plain' });
        resolve(draft);
      })();
    });
  }
  function changed() {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
    scheduleFormat();
  }
  function loadDraft(d) {
    if (d.notesBlob && !d.notes) {
      d.notesBlob.text().then(function (text) {
        d.notes = text;
        d.notesBlob = null;
        loadDraft(d);
        setSaveState(T.restored, false);
      });
      return;
    }
    state.draftId = d.id;
    state.rejected = d.rejected || {};
    writeFields(d.fields);
    $('f-halfwidth').checked = !!d.halfwidth;
    state.encoding = d.encoding || '';
    $('encoding').textContent = state.encoding ? T.encodingLabel + state.encoding : '';
    editor.setText(d.notes || '', 0);
    formatNow();
  }
  function freshDraft() {
    loadDraft({ id: newId(), notes: '', fields: {}, rejected: {} });
    if (store) store.setSetting('current', state.draftId).catch(function () {});
  }
  function openDraft(id) {
    saveNow().then(function () {
      return store.getDraft(id);
    }).then(function (d) {
      if (!d) return;
      loadDraft(d);
      store.setSetting('current', d.id).catch(function () {});
      $('drafts-dialog').close();
    });
  }
  function showDrafts() {
    var ul = $('drafts-list');
    ul.textContent = '';
    var p = store ? saveNow().then(function () {
      return store.listDrafts();
    }) : Promise.resolve([]);
    p.then(function (list) {
      if (!list.length) {
        var li = document.createElement('li');
        li.textContent = T.draftsEmpty;
        ul.appendChild(li);
      }
      list.forEach(function (s) {
        var li = document.createElement('li');
        var title = document.createElement('span');
        title.className = 'd-title';
        title.textContent = (s.title || s.head || T.untitled) + (s.id === state.draftId ? T.current : '');
        var meta = document.createElement('span');
        meta.className = 'd-meta';
        meta.textContent = new Date(s.updated).toLocaleString('zh-CN') + ' · ' + T.chars(s.chars);
        li.appendChild(title);
        li.appendChild(meta);
        li.appendChild(button(T.openDraft, 'open', function () {
          openDraft(s.id);
        }, s.title || T.untitled));
        if (s.id !== state.draftId)
          li.appendChild(button(T.deleteDraft, 'delete', function () {
            store.deleteDraft(s.id).then(showDrafts);
          }, s.title || T.untitled));
        ul.appendChild(li);
      });
    }, function () {
      var li = document.createElement('li');
      li.textContent = T.storageDenied;
      ul.appendChild(li);
    });
    if (!$('drafts-dialog').open) $('drafts-dialog').showModal();
  }

  // ---- import ---------------------------------------------------------------------------
  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        resolve(new Uint8Array(reader.result));
      };
      reader.onerror = function () {
        reject(reader.error);
      };
      reader.readAsArrayBuffer(file);
    });
  }
  function importNotes(file) {
    if (!/\.(txt|md|markdown|text)$/i.test(file.name)) {
      setStatus(T.importWrongType(file.name), 'error');
      return;
    }
    readFile(file).then(function (bytes) {
      var got = P.decodeBytes(bytes);
      if (!got) {
        setStatus(T.importFailed(file.name), 'error');
        return;
      }
      saveNow();
      loadDraft({ id: newId(), notes: got.text, fields: {}, rejected: {}, encoding: got.encoding });
      if (store) store.setSetting('current', state.draftId).catch(function () {});
      setAlert('');
      root.setAttribute('data-imported', got.encoding);
      setStatus(T.imported(file.name, got.encoding), '');
      changed();
    }, function () {
      setStatus(T.importFailed(file.name), 'error');
    });
  }
  $('btn-import').addEventListener('click', function () {
    $('file-input').click();
  });
  $('file-input').addEventListener('change', function () {
    var f = this.files && this.files[0];
    if (f) importNotes(f);
    this.value = '';
  });
  var code = $('code');
  var dragDepth = 0;
  function hasFiles(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0;
  }
  code.addEventListener('dragenter', function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth++;
    $('drop').hidden = false;
  });
  code.addEventListener('dragover', function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  code.addEventListener('dragleave', function () {
    dragDepth = Math.max(0, dragDepth - 1);
    if (!dragDepth) $('drop').hidden = true;
  });
  code.addEventListener('drop', function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth = 0;
    $('drop').hidden = true;
    var f = e.dataTransfer.files[0];
    if (f) importNotes(f);
  });

  // ---- copy, download, print, write back ----------------------------------------------------
  function lastOk() {
    if (!state.last || !state.last.response.ok) {
      setStatus(T.nothingYet, 'error');
      return null;
    }
    return state.last;
  }
  function copyFragment() {
    var last = lastOk();
    if (!last) return;
    var done = function (plainOnly) {
      setStatus(plainOnly ? T.copiedPlain : T.copied, '');
      root.setAttribute('data-copied', String(Date.now()));
    };
    var fallback = function () {
      var ok = false;
      var html = last.response.big ? '' : last.response.fragment;
      var text = last.response.big ? '' : plainOf(last, html);
      var onCopy = function (e) {
        e.clipboardData.setData('text/html', html);
        e.clipboardData.setData('text/plain', text);
        e.preventDefault();
        ok = true;
      };
      document.addEventListener('copy', onCopy);
      try {
        document.execCommand('copy');
      } finally {
        document.removeEventListener('copy', onCopy);
      }
      if (ok) done(false);
      else setStatus(T.copyFailed, 'error');
    };
    if (navigator.clipboard && window.ClipboardItem) {
      // Promised blobs: a big article comes from the worker, the gesture still counts.
      var part = resultPart('fragment').then(function (html) {
        if (typeof html !== 'string') throw new Error('the result is gone'); // see download()
        return html;
      });
      var item = new ClipboardItem({
        'text/html': part.then(function (html) {
          return new Blob([html], { type: 'text/html' });
        }),
        'text/plain': part.then(function (html) {
          return new Blob([plainOf(last, html)], { type: 'text/plain' });
        })
      });
      navigator.clipboard.write([item]).then(function () {
        done(false);
      }, last.response.big ? function () {
        setStatus(T.copyFailed, 'error');
      } : fallback);
    } else {
      fallback();
    }
  }
  function fileName(title) {
    var name = (title || '')
      .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\\/:*?"<>|]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80);
    return (name || '文章') + '.html';
  }
  function download() {
    var last = lastOk();
    if (!last) return;
    var meta = last.response.meta || {};
    var name = fileName(meta.title && meta.title.value);
    resultPart('page').then(function (page) {
      // null: the worker lost the result (its engine failed on a later request)
      if (typeof page !== 'string') return setStatus(T.crashed, 'error');
      saveFile(name, page, 'text/html;charset=utf-8');
      setStatus(T.downloaded(name), '');
    });
  }
  function saveFile(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 60000);
  }
  // The article for printing: the fragment, parsed inertly, with anything active removed.
  function fillPrint(fragment) {
    var box = $('print-article');
    box.textContent = '';
    if (typeof fragment !== 'string') {
      if (!state.last || !state.last.response.ok || state.last.response.big) return;
      fragment = state.last.response.fragment;
    }
    var doc = new DOMParser().parseFromString('<!DOCTYPE html><body>' + fragment, 'text/html');
    Array.prototype.forEach.call(doc.querySelectorAll('script,style,iframe,object,embed,link,meta,base,form'), function (n) {
      n.remove();
    });
    Array.prototype.forEach.call(doc.body.querySelectorAll('*'), function (n) {
      for (var i = n.attributes.length - 1; i >= 0; i--) {
        var a = n.attributes[i];
        if (/^on/i.test(a.name) || (/^(href|src|xlink:href|action|formaction)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)))
          n.removeAttribute(a.name);
      }
    });
    while (doc.body.firstChild) box.appendChild(document.adoptNode(doc.body.firstChild));
  }
  window.addEventListener('beforeprint', function () {
    finishNow();
    if (!$('print-article').firstChild) fillPrint();
  });
  function print() {
    if (!lastOk()) return;
    resultPart('fragment').then(function (html) {
      if (typeof html !== 'string') return setStatus(T.crashed, 'error'); // see download()
      fillPrint(html);
      window.print();
    });
  }
  function writeBack() {
    var last = lastOk();
    if (!last || last.seq !== state.seq) return;
    // The fixed notes come from the worker: what was typed while they came is not overwritten.
    var notes = editor.getText();
    resultPart('text').then(function (text) {
      if (typeof text !== 'string' || state.last !== last || last.seq !== state.seq || editor.getText() !== notes) return;
      state.rejected = {};
      editor.setText(text, 0);
      setStatus(T.writtenBack, '');
      changed();
    });
  }
  $('btn-copy').addEventListener('click', copyFragment);
  $('btn-download').addEventListener('click', download);
  $('btn-print').addEventListener('click', print);
  $('btn-writeback').addEventListener('click', writeBack);
  $('btn-new').addEventListener('click', function () {
    saveNow().then(freshDraft);
  });
  $('btn-drafts').addEventListener('click', showDrafts);
  $('drafts-close').addEventListener('click', function () {
    $('drafts-dialog').close();
  });
  $('btn-next-diag').addEventListener('click', function () {
    nextDiag(1);
  });
  $('btn-prev-diag').addEventListener('click', function () {
    nextDiag(-1);
  });
  $('btn-now').addEventListener('click', function () {
    $('f-date').value = beijingNow().replace(' ', 'T');
    changed();
  });

  // ---- the profile dialog -------------------------------------------------------------------
  function renderProfileErrors(errors) {
    var ul = $('profile-errors');
    ul.textContent = '';
    errors.forEach(function (e) {
      var li = document.createElement('li');
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = e.message_zh || e.message_en || e.code;
      b.addEventListener('click', function () {
        selectInProfile(e.line, e.column);
      });
      li.appendChild(b);
      ul.appendChild(li);
    });
    $('profile-text').setAttribute('aria-invalid', errors.length ? 'true' : 'false');
    if (errors.length && !$('profile-dialog').open && state.profileOpenOnError) openProfile();
  }
  function selectInProfile(line, column) {
    var ta = $('profile-text');
    var text = ta.value;
    var off = 0;
    for (var l = 1; l < (line || 1); l++) {
      var nl = text.indexOf('\n', off);
      if (nl < 0) break;
      off = nl + 1;
    }
    var col = Math.max((column || 1) - 1, 0);
    for (var c = 0; c < col && off < text.length && text.charAt(off) !== '\n'; c++) {
      var u = text.charCodeAt(off);
      off += u >= 0xd800 && u <= 0xdbff ? 2 : 1;
    }
    ta.focus();
    ta.setSelectionRange(off, Math.min(off + 1, text.length));
    var lineHeight = parseFloat(getComputedStyle(ta).lineHeight) || 20;
    ta.scrollTop = Math.max(0, ((line || 1) - 5) * lineHeight);
  }
  function openProfile() {
    $('profile-text').value = activeProfileText();
    if (!$('profile-dialog').open) $('profile-dialog').showModal();
  }
  // A new profile is tried first: only when the core accepts it does it replace the last good
  // one (and get saved); a bad one shows its errors and the last good profile stays in use.
  function applyProfile(text) {
    state.goodProfileText = state.profileText;
    state.profileTrial = true;
    state.keepProfileErrors = false;
    state.profileText = text === state.defaultPretty || text === state.defaultProfile ? null : text;
    formatNow();
  }
  function settleProfile(ok) {
    if (!state.profileTrial) return;
    state.profileTrial = false;
    if (ok) {
      fillColumns();
      if (store) store.setSetting('profile', state.profileText).catch(function () {});
      setStatus(T.profileApplied, '');
    } else {
      state.profileText = state.goodProfileText;
      state.keepProfileErrors = true;  // the errors stay listed while the good profile formats
      formatNow();
      setStatus(T.profileKept, 'error');
    }
  }
  $('btn-profile').addEventListener('click', openProfile);
  $('profile-close').addEventListener('click', function () {
    $('profile-dialog').close();
    state.keepProfileErrors = false;  // closed: back to the normal status (the good profile is in use)
  });
  $('profile-apply').addEventListener('click', function () {
    applyProfile($('profile-text').value);
  });
  $('profile-reset').addEventListener('click', function () {
    $('profile-text').value = state.defaultPretty;
    applyProfile(state.defaultPretty);
    setStatus(T.profileReset, '');
  });
  $('profile-export').addEventListener('click', function () {
    saveFile('paiban-profile.json', $('profile-text').value, 'application/json');
  });
  $('profile-import').addEventListener('click', function () {
    $('profile-file').click();
  });
  $('profile-file').addEventListener('change', function () {
    var f = this.files && this.files[0];
    this.value = '';
    if (!f) return;
    readFile(f).then(function (bytes) {
      var got = P.decodeBytes(bytes);
      if (!got) {
        setStatus(T.importFailed(f.name), 'error');
        return;
      }
      $('profile-text').value = got.text;
      applyProfile(got.text);
    });
  });

  // ---- fields and keys ------------------------------------------------------------------
  $('fields').addEventListener('submit', function (e) {
    e.preventDefault();
  });
  $('fields').addEventListener('input', changed);
  $('fields').addEventListener('change', changed);
  document.addEventListener('keydown', function (e) {
    var ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && e.key === 'Enter') {
      e.preventDefault();
      formatNow();
    } else if (ctrl && !e.shiftKey && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      saveNow();
    } else if (ctrl && e.shiftKey && (e.key === 'c' || e.key === 'C')) {
      e.preventDefault();
      copyFragment();
    } else if (ctrl && (e.key === 'o' || e.key === 'O')) {
      e.preventDefault();
      $('file-input').click();
    } else if (e.key === 'F8') {
      e.preventDefault();
      nextDiag(e.shiftKey ? -1 : 1);
    }
  });
  // Save when the tab is hidden or closed (the debounced save may not have run yet).
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && saveTimer) saveNow();
  });
  window.addEventListener('pagehide', function () {
    if (saveTimer) saveNow();
  });

  // ---- start ----------------------------------------------------------------------------
  // boot.js opened the database already (in <head>, while the page was parsed).
  var opened = P.boot && P.boot.store
    ? P.boot.store.then(function (o) {
        if (o.error) throw o.error;
        return o.store;
      })
    : new P.Store().open();
  var storeReady = opened.then(
    function (s) {
      store = s;
      return Promise.all([s.getSetting('current'), s.getSetting('profile')]).then(function (v) {
        state.profileText = typeof v[1] === 'string' ? v[1] : null;
        return v[0] ? s.getDraft(v[0]) : null;
      });
    },
    function (e) {
      var text = e.kind === 'full' ? T.storageFull : T.storageDenied;
      setSaveState(text, true);
      setAlert(text);
      return null;
    }
  ).then(null, function () {
    return null;
  });
  function workerReady() {
    storeReady.then(function (draft) {
      state.ready = true;
      fillColumns();
      state.profileOpenOnError = false;
      if (draft) {
        loadDraft(draft);
        if (draft.notes || draft.notesBlob) setSaveState(T.restored, false);
      } else {
        freshDraft();
      }
      root.setAttribute('data-ready', '1');
    });
  }
  if (worker) setStatus(T.loading, 'busy'); // else startWorker said why there is no engine
  // Served over http(s): a service worker keeps the app working offline (not on file://).
  if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register('sw.js').then(
      function () {
        root.setAttribute('data-sw', '1');
      },
      function () {}
    );
  }
})(Paiban);
