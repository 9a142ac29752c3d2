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
    var frag = document.createDocumentFragment();
    for (var i = 0; i < lines.length; i++) {
      var div = document.createElement('div');
      div.className = 'l';
      div.setAttribute('data-n', String(this.firstLine + i));
      var text = lines[i];
      var list = byLine[i];
      if (!list) {
        div.textContent = text;
      } else {
        list.sort(function (a, b) {
          return a.col16 - b.col16;
        });
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
          mark.className = 'mk ' + list[k].kind + (list[k].id === this.active ? ' active' : '');
          mark.textContent = end > s ? text.slice(s, end) : '\u200b';
          div.appendChild(mark);
          pos = end;
        }
        if (pos < text.length) div.appendChild(document.createTextNode(text.slice(pos)));
      }
      frag.appendChild(div);
    }
    this.mirror.textContent = '';
    this.mirror.appendChild(frag);
    this.mirror.scrollTop = this.ta.scrollTop;
  };

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
