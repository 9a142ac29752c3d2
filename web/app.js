// The minimal editor page: reads the form, asks the WASM core (paiban.js, loaded before this
// classic script) for the page, and shows it in a sandboxed iframe. No module syntax, no
// network: it works from file:// and over http alike.
(function () {
  'use strict';

  var DEBOUNCE_MS = 100;
  var MAX_LISTED = 200;

  // Every string the page shows, in one place.
  var TEXT = {
    loading: '正在加载排版引擎……',
    loadFailed: '排版引擎加载失败：',
    ready: '已排版',
    changes: function (applied, warnings) {
      return '，修改 ' + applied + ' 处，提示 ' + warnings + ' 条';
    },
    failed: '无法排版：',
    badResponse: '排版引擎返回了无法识别的结果',
    lineCol: function (line, col) {
      return '第 ' + line + ' 行第 ' + col + ' 列：';
    },
    more: function (n) {
      return '另有 ' + n + ' 条未列出';
    },
    previewTitle: '文章页预览'
  };

  var el = {
    form: document.getElementById('fields'),
    title: document.getElementById('title'),
    column: document.getElementById('column'),
    columns: document.getElementById('columns'),
    date: document.getElementById('date'),
    views: document.getElementById('views'),
    halfwidth: document.getElementById('halfwidth'),
    notes: document.getElementById('notes'),
    status: document.getElementById('status'),
    diagnostics: document.getElementById('diagnostics'),
    preview: document.getElementById('preview')
  };

  var core = null;
  var defaultProfile = null;  // parsed default profile, or null when it can't be parsed
  var halfWidthProfile = '';  // JSON text of the default profile with half-width publishing on
  var timer = 0;
  var shownPage = null;
  var pendingScroll = null;
  var renders = 0;  // exposed as data-rendered on <html> so tests can wait for a render

  function setStatus(text, isError) {
    el.status.textContent = text;
    el.status.className = isError ? 'status error' : 'status';
  }

  // Beijing time now, "YYYY-MM-DD HH:MM:SS": the core never reads the clock itself.
  function beijingNow() {
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
  }

  // datetime-local gives "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS".
  function dateField(value) {
    if (!value) return '';
    var v = value.replace('T', ' ');
    return v.length === 16 ? v + ':00' : v;
  }

  // Finds the object holding `key` anywhere in the profile (depth first); null if none.
  function findHolder(obj, key) {
    if (!obj || typeof obj !== 'object') return null;
    if (!Array.isArray(obj) && Object.prototype.hasOwnProperty.call(obj, key)) return obj;
    var names = Object.keys(obj);
    for (var i = 0; i < names.length; i++) {
      var found = findHolder(obj[names[i]], key);
      if (found) return found;
    }
    return null;
  }

  function prepareProfiles(text) {
    var parsed = null;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      parsed = null;
    }
    if (!parsed || typeof parsed !== 'object') return;
    defaultProfile = parsed;
    var copy = JSON.parse(text);
    var holder = findHolder(copy, 'half_width_publish');
    if (!holder) {
      if (!copy.typography || typeof copy.typography !== 'object') copy.typography = {};
      holder = copy.typography;
    }
    holder.half_width_publish = true;
    halfWidthProfile = JSON.stringify(copy);

    var columns = findHolder(parsed, 'columns');
    var list = columns && Array.isArray(columns.columns) ? columns.columns : [];
    el.columns.textContent = '';
    list.forEach(function (c) {
      var name = typeof c === 'string' ? c : c && typeof c.name === 'string' ? c.name : '';
      if (!name) return;
      var option = document.createElement('option');
      option.value = name;
      el.columns.appendChild(option);
    });
  }

  function buildRequest() {
    var fields = {};
    var title = el.title.value.trim();
    var column = el.column.value.trim();
    var date = dateField(el.date.value);
    var views = el.views.value.trim();
    if (title) fields.title = title;
    if (column) fields.column = column;
    if (date) fields.date = date;
    if (views) fields.views = views;
    var request = { input: el.notes.value, fields: fields, now: beijingNow(), output: 'page' };
    if (el.halfwidth.checked && halfWidthProfile) request.profile = halfWidthProfile;
    return request;
  }

  function listDiagnostics(diagnostics) {
    el.diagnostics.textContent = '';
    var shown = Math.min(diagnostics.length, MAX_LISTED);
    for (var i = 0; i < shown; i++) {
      var d = diagnostics[i];
      var item = document.createElement('li');
      item.className = d.severity || 'info';
      var where = d.line > 0 ? TEXT.lineCol(d.line, d.column) : '';
      var text = d.message || (d.before || d.after ? d.before + ' → ' + d.after : d.rule);
      item.textContent = where + text;
      el.diagnostics.appendChild(item);
    }
    if (diagnostics.length > shown) {
      var rest = document.createElement('li');
      rest.textContent = TEXT.more(diagnostics.length - shown);
      el.diagnostics.appendChild(rest);
    }
  }

  function listErrors(errors) {
    el.diagnostics.textContent = '';
    errors.forEach(function (e) {
      var item = document.createElement('li');
      item.className = 'error';
      var where = e.line > 0 ? TEXT.lineCol(e.line, e.column) : '';
      item.textContent = (e.field ? e.field + ' ' : '') + where + (e.message_zh || e.message_en || e.code);
      el.diagnostics.appendChild(item);
    });
  }

  function showPage(page) {
    if (page === shownPage) return;
    // Keep the reader's place: the iframe reloads on every new srcdoc.
    var win = el.preview.contentWindow;
    try {
      pendingScroll = win && win.document && win.document.body ? { x: win.scrollX, y: win.scrollY } : null;
    } catch (e) {
      pendingScroll = null;
    }
    shownPage = page;
    el.preview.srcdoc = page;
  }

  el.preview.addEventListener('load', function () {
    if (!pendingScroll) return;
    try {
      el.preview.contentWindow.scrollTo(pendingScroll.x, pendingScroll.y);
    } catch (e) {
      // the preview's origin is opaque in some browsers; not being able to scroll is harmless
    }
    pendingScroll = null;
  });

  function render() {
    timer = 0;
    if (!core) return;
    var response;
    try {
      response = JSON.parse(core.formatJson(JSON.stringify(buildRequest())));
    } catch (e) {
      setStatus(TEXT.badResponse, true);
      return;
    }
    if (!response || typeof response !== 'object') {
      setStatus(TEXT.badResponse, true);
      return;
    }
    if (!response.ok) {
      var errors = Array.isArray(response.errors) ? response.errors : [];
      var first = errors.length ? errors[0].message_zh || errors[0].code : '';
      setStatus(TEXT.failed + first, true);
      listErrors(errors);
      return;
    }
    var diagnostics = Array.isArray(response.diagnostics) ? response.diagnostics : [];
    var applied = diagnostics.filter(function (d) {
      return d.applied;
    }).length;
    setStatus(TEXT.ready + TEXT.changes(applied, diagnostics.length - applied), false);
    listDiagnostics(diagnostics);
    showPage(response.page);
    renders += 1;
    document.documentElement.setAttribute('data-rendered', String(renders));
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(render, DEBOUNCE_MS);
  }

  el.form.addEventListener('submit', function (event) {
    event.preventDefault();
  });
  el.form.addEventListener('input', schedule);
  el.form.addEventListener('change', schedule);
  el.preview.title = TEXT.previewTitle;
  setStatus(TEXT.loading, false);

  if (typeof createPaiban !== 'function') {
    setStatus(TEXT.loadFailed + 'paiban.js', true);
    return;
  }
  createPaiban().then(
    function (module) {
      core = module;
      prepareProfiles(core.defaultProfile());
      document.documentElement.setAttribute('data-ready', '1');
      render();
    },
    function (err) {
      setStatus(TEXT.loadFailed + String(err), true);
    }
  );
})();
