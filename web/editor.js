// The notes editor: a textarea over a "mirror" that draws the line numbers and the marks where
// diagnostics are. Large notes are edited a part ("page") at a time, so the textarea never
// holds more than PAGE_CHARS characters and a 5 MB paste does not stall the page; the whole
// text is the part before the page + the textarea + the part after it.
(function (P) {
  'use strict';

  var PAGE_CHARS = 12000;

  function Editor(el, onChange) {
    this.ta = el.textarea;
    this.mirror = el.mirror;
    this.pager = el.pager;
    this.pageLabel = el.pageLabel;
    this.prevBtn = el.prevPage;
    this.nextBtn = el.nextPage;
    this.onChange = onChange;
    this.prefix = '';
    this.suffix = '';
    this.firstLine = 1; // line number of the textarea's first line
    this.pages = null; // [{line, offset}] page starts, null when the text is one page
    this.pageIndex = 0;
    this.lineCount = 1;
    this.marks = []; // [{line, col16, len, kind, id}]
    this.active = null; // id of the highlighted diagnostic
    var self = this;
    this.ta.addEventListener('input', function () {
      // The change goes to the worker first, so the format runs while the mirror is drawn.
      self.onChange();
      self.renderMirror(false);
    });
    this.ta.addEventListener('scroll', function () {
      self.mirror.scrollTop = self.ta.scrollTop;
    });
    this.ta.addEventListener('paste', function (e) {
      self.onPaste(e);
    });
    this.prevBtn.addEventListener('click', function () {
      self.showPage(self.pageIndex - 1, 0);
    });
    this.nextBtn.addEventListener('click', function () {
      self.showPage(self.pageIndex + 1, 0);
    });
  }

  Editor.PAGE_CHARS = PAGE_CHARS;

  Editor.prototype.getText = function () {
    return this.pages ? this.prefix + this.ta.value + this.suffix : this.ta.value;
  };

  // Offsets of line starts (0-based lines).
  function lineStarts(text) {
    var starts = [0];
    for (var i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }

  // Replaces the whole text; shows the page holding `caret` (an offset) and puts the caret there.
  Editor.prototype.setText = function (text, caret) {
    if (text.indexOf("\r") >= 0) text = text.replace(/\r\n?/g, "\n");
    if (text.length <= PAGE_CHARS) {
      this.pages = null;
      this.prefix = this.suffix = '';
      this.firstLine = 1;
      this.ta.value = text;
      if (typeof caret === 'number') this.ta.setSelectionRange(caret, caret);
      this.renderMirror(true);
      this.updatePager();
      return;
    }
    var starts = lineStarts(text);
    var pages = [];
    var begin = 0;
    for (var i = 0; i < starts.length; i++) {
      if (starts[i] - starts[begin] > PAGE_CHARS && i > begin) {
        pages.push({ line: begin, offset: starts[begin] });
        begin = i;
      }
    }
    pages.push({ line: begin, offset: starts[begin] });
    this.pages = pages;
    this.lineCount = starts.length;
    this.whole = text;
    var at = typeof caret === 'number' ? caret : 0;
    var index = 0;
    while (index + 1 < pages.length && pages[index + 1].offset <= at) index++;
    this.loadPage(index, at - pages[index].offset);
  };

  Editor.prototype.loadPage = function (index, caret) {
    var text = this.whole;
    var pages = this.pages;
    var start = pages[index].offset;
    var end = index + 1 < pages.length ? pages[index + 1].offset : text.length;
    this.pageIndex = index;
    this.firstLine = pages[index].line + 1;
    this.prefix = text.slice(0, start);
    this.suffix = text.slice(end);
    this.ta.value = text.slice(start, end);
    this.ta.setSelectionRange(caret, caret);
    this.ta.scrollTop = 0;
    this.renderMirror(true);
    this.updatePager();
  };

  // Moves to another page (the text is re-split first: edits may have moved the lines).
  Editor.prototype.showPage = function (index, caretInPage) {
    if (!this.pages) return;
    var text = this.getText();
    var before = this.prefix.length;
    this.setText(text, before); // re-split, keep the current page
    if (index < 0 || index >= this.pages.length) return;
    this.loadPage(index, caretInPage || 0);
    this.ta.focus();
  };

  Editor.prototype.updatePager = function () {
    if (!this.pages) {
      this.pager.hidden = true;
      return;
    }
    this.pager.hidden = false;
    var last = this.firstLine + this.ta.value.split('\n').length - 1;
    this.pageLabel.textContent = P.TEXT.page(this.pageIndex + 1, this.pages.length, this.firstLine, last);
    this.prevBtn.disabled = this.pageIndex === 0;
    this.nextBtn.disabled = this.pageIndex + 1 >= this.pages.length;
  };

  // A paste that could make the textarea too large is done here, on the whole text. The text is
  // read with getAsString, whose callback runs in a task of its own.
  Editor.prototype.onPaste = function (e) {
    var dt = e.clipboardData;
    if (!dt || !dt.items) return;
    var item = null;
    for (var i = 0; i < dt.items.length; i++)
      if (dt.items[i].kind === 'string' && dt.items[i].type === 'text/plain') item = dt.items[i];
    if (!item) return;
    var ta = this.ta;
    e.preventDefault();
    var start = ta.selectionStart;
    var end = ta.selectionEnd;
    var self = this;
    item.getAsString(function (data) {
      self.insert(data, start, end);
    });
  };

  // Replaces [start, end) of the textarea with `data`, in the textarea when the part stays small.
  Editor.prototype.insert = function (data, start, end) {
    var ta = this.ta;
    data = data.indexOf('\r') >= 0 ? data.replace(/\r\n?/g, '\n') : data;
    if (ta.value.length - (end - start) + data.length <= PAGE_CHARS) {
      ta.focus();
      ta.setSelectionRange(start, end);
      // execCommand keeps the textarea's own undo history
      if (!document.execCommand('insertText', false, data)) ta.setRangeText(data, start, end, 'end');
      return;
    }
    var value = ta.value;
    var before = this.prefix + value.slice(0, start) + data;
    var text = before + value.slice(end) + this.suffix;
    this.setText(text, before.length);
    this.onChange();
  };

  // The UTF-16 offset `count` code points after `from` (at most the end of `text`).
  function advance(text, from, count) {
    var at = from;
    for (var c = 0; c < count && at < text.length; c++) {
      var u = text.charCodeAt(at);
      at += u >= 0xd800 && u <= 0xdbff ? 2 : 1;
    }
    return Math.min(at, text.length);
  }

  // Marks: [{line, col16 (1-based), len (code points), kind: 'fix'|'warn'|'off', id}].
  Editor.prototype.setMarks = function (marks) {
    this.marks = marks;
    this.renderMirror(true);
  };

  // Draws the mirror: a row per line of the textarea (its number, and the marks on it). Only the
  // rows that differ from what is drawn are made again (typing changes a line or two; redrawing
  // every row took the page ~6 ms a keystroke for 6 KB of notes, twice: on the input and on the
  // result). Without marks (`withMarks` false: the text changed, the marks are the last
  // result's), a line whose text is as drawn keeps its row, and so its marks, until the result
  // draws them again.
  Editor.prototype.renderMirror = function (withMarks) {
    var lines = this.ta.value.split('\n');
    var byLine = {};
    if (withMarks) {
      for (var m = 0; m < this.marks.length; m++) {
        var mk = this.marks[m];
        var local = mk.line - this.firstLine;
        if (local < 0 || local >= lines.length) continue;
        (byLine[local] || (byLine[local] = [])).push(mk);
      }
    }
    var mirror = this.mirror;
    var old = this.rows && mirror.children.length === this.rows.length ? this.rows : [];
    if (!old.length) mirror.textContent = '';
    var n = lines.length;
    // the rows whose line is as drawn: from the top, and from the bottom
    var top = 0;
    while (top < old.length && top < n && old[top].text === lines[top]) top++;
    var bottom = 0;
    while (bottom < old.length - top && bottom < n - top && old[old.length - 1 - bottom].text === lines[n - 1 - bottom])
      bottom++;
    var rows = new Array(n);
    var i;
    for (i = 0; i < top; i++) rows[i] = old[i];
    for (i = n - bottom; i < n; i++) rows[i] = old[old.length - n + i];
    // the rows between are made anew, in place of the old ones there
    var next = bottom ? old[old.length - bottom].el : null;
    for (i = top; i < old.length - bottom; i++) mirror.removeChild(old[i].el);
    var frag = document.createDocumentFragment();
    for (i = top; i < n - bottom; i++) {
      rows[i] = { text: lines[i], key: '', n: 0, filled: false, el: document.createElement('div') };
      rows[i].el.className = 'l';
      frag.appendChild(rows[i].el);
    }
    mirror.insertBefore(frag, next);
    for (i = 0; i < n; i++) {
      var row = rows[i];
      var num = this.firstLine + i;
      if (row.n !== num) {
        row.el.setAttribute('data-n', String(num));
        row.n = num;
      }
      var list = byLine[i];
      var key = list ? marksKey(list, this.active) : '';
      if (row.filled && (!withMarks || row.key === key)) continue;
      fillRow(row.el, row.text, list, this.active);
      row.key = key;
      row.filled = true;
    }
    this.rows = rows;
    mirror.scrollTop = this.ta.scrollTop;
  };

  // A line's marks (sorted by column) and which is the highlighted one, as a string.
  function marksKey(list, active) {
    list.sort(function (a, b) {
      return a.col16 - b.col16;
    });
    var key = '';
    for (var k = 0; k < list.length; k++)
      key += list[k].col16 + ',' + list[k].len + ',' + list[k].kind + (list[k].id === active ? '!' : '') + ';';
    return key;
  }

  // Fills row `div` with `text` and its marks (`list`, sorted by column; none: the text alone),
  // the one whose id is `active` highlighted.
  function fillRow(div, text, list, active) {
    div.textContent = '';
    if (!list) {
      div.textContent = text;
      return;
    }
    var pos = 0;
    for (var k = 0; k < list.length; k++) {
      var s = Math.max(list[k].col16 - 1, pos);
      var end = advance(text, s, Math.max(list[k].len, 1));
      if (s >= text.length) {
        s = text.length;
        end = s;
      }
      if (s > pos) div.appendChild(document.createTextNode(text.slice(pos, s)));
      var mark = document.createElement('mark');
      mark.className = 'mk ' + list[k].kind + (list[k].id === active ? ' active' : '');
      mark.textContent = end > s ? text.slice(s, end) : '\u200b';
      div.appendChild(mark);
      pos = end;
    }
    if (pos < text.length) div.appendChild(document.createTextNode(text.slice(pos)));
  }

  // UTF-16 offset in the whole text of (line, col16) → {page, offset in page}.
  Editor.prototype.locate = function (line, col16) {
    var text = this.getText();
    var off = 0;
    for (var l = 1; l < line; l++) {
      var nl = text.indexOf('\n', off);
      if (nl < 0) break;
      off = nl + 1;
    }
    return off + Math.max(col16 - 1, 0);
  };

  // Selects a place (1-based line and UTF-16 column, length in code points) and scrolls to it.
  Editor.prototype.select = function (line, col16, len, id) {
    var at = this.locate(line, col16);
    if (this.pages) {
      var text = this.getText();
      this.setText(text, at);
    }
    var inPage = at - this.prefix.length;
    var ta = this.ta;
    this.active = id || null;
    ta.focus();
    ta.setSelectionRange(inPage, advance(ta.value, inPage, len));
    this.renderMirror(true);
    var row = this.mirror.children[line - this.firstLine];
    if (row) ta.scrollTop = Math.max(0, row.offsetTop - ta.clientHeight / 3);
    this.mirror.scrollTop = ta.scrollTop;
  };

  // The whole-text line and UTF-16 column of the caret.
  Editor.prototype.caret = function () {
    var before = this.ta.value.slice(0, this.ta.selectionStart);
    var nl = before.lastIndexOf('\n');
    var line = this.firstLine + (before.match(/\n/g) || []).length;
    return { line: line, col16: before.length - nl };
  };

  P.Editor = Editor;
})(Paiban);
