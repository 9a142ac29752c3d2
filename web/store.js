// Drafts and settings in IndexedDB. Two stores for drafts: `drafts` (the whole draft) and
// `summaries` (title, time, size) so that the recent list never reads the notes themselves.
// Every call returns a Promise; failures carry a `kind`: 'full' (quota) or 'denied'.
(function (P) {
  'use strict';

  var DB_NAME = 'paiban';
  var DB_VERSION = 1;
  var KEEP = 30; // drafts kept; older ones are dropped

  function failure(err) {
    var name = err && err.name;
    var e = new Error(String(err && err.message ? err.message : err));
    e.kind = name === 'QuotaExceededError' ? 'full' : 'denied';
    return e;
  }

  function Store() {
    this.db = null;
  }

  Store.prototype.open = function () {
    var self = this;
    return new Promise(function (resolve, reject) {
      var req;
      try {
        if (!window.indexedDB) throw new Error('no IndexedDB');
        req = window.indexedDB.open(DB_NAME, DB_VERSION);
      } catch (e) {
        reject(failure(e));
        return;
      }
      req.onupgradeneeded = function () {
        var db = req.result;
        if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts', { keyPath: 'id' });
        if (!db.objectStoreNames.contains('summaries')) db.createObjectStore('summaries', { keyPath: 'id' });
        if (!db.objectStoreNames.contains('settings')) db.createObjectStore('settings', { keyPath: 'key' });
      };
      req.onsuccess = function () {
        self.db = req.result;
        resolve(self);
      };
      req.onerror = function () {
        reject(failure(req.error));
      };
      req.onblocked = function () {
        reject(failure(new Error('blocked')));
      };
    });
  };

  // Runs fn(stores) in one transaction; resolves with what fn stored in `out.value`.
  Store.prototype.tx = function (names, mode, fn) {
    var db = this.db;
    return new Promise(function (resolve, reject) {
      if (!db) {
        reject(failure(new Error('not open')));
        return;
      }
      var out = { value: undefined };
      var t;
      try {
        t = db.transaction(names, mode);
        var stores = {};
        names.forEach(function (n) {
          stores[n] = t.objectStore(n);
        });
        fn(stores, out);
      } catch (e) {
        reject(failure(e));
        return;
      }
      t.oncomplete = function () {
        resolve(out.value);
      };
      t.onabort = t.onerror = function () {
        reject(failure(t.error));
      };
    });
  };

  function summary(draft) {
    return {
      id: draft.id,
      title: draft.title || '',
      updated: draft.updated,
      chars: draft.chars || draft.notes.length,
      head: draft.notes.slice(0, 40)
    };
  }

  Store.prototype.saveDraft = function (draft) {
    return this.tx(['drafts', 'summaries'], 'readwrite', function (s) {
      s.drafts.put(draft);
      s.summaries.put(summary(draft));
    });
  };

  Store.prototype.getDraft = function (id) {
    return this.tx(['drafts'], 'readonly', function (s, out) {
      var r = s.drafts.get(id);
      r.onsuccess = function () {
        out.value = r.result || null;
      };
    });
  };

  Store.prototype.deleteDraft = function (id) {
    return this.tx(['drafts', 'summaries'], 'readwrite', function (s) {
      s.drafts.delete(id);
      s.summaries.delete(id);
    });
  };

  // Newest first; drops drafts beyond KEEP.
  Store.prototype.listDrafts = function () {
    var self = this;
    return this.tx(['summaries'], 'readonly', function (s, out) {
      var r = s.summaries.getAll();
      r.onsuccess = function () {
        out.value = (r.result || []).sort(function (a, b) {
          return b.updated - a.updated || (a.id < b.id ? -1 : 1);
        });
      };
    }).then(function (list) {
      var old = list.slice(KEEP);
      if (!old.length) return list;
      return self
        .tx(['drafts', 'summaries'], 'readwrite', function (s) {
          old.forEach(function (d) {
            s.drafts.delete(d.id);
            s.summaries.delete(d.id);
          });
        })
        .then(function () {
          return list.slice(0, KEEP);
        });
    });
  };

  Store.prototype.getSetting = function (key) {
    return this.tx(['settings'], 'readonly', function (s, out) {
      var r = s.settings.get(key);
      r.onsuccess = function () {
        out.value = r.result ? r.result.value : undefined;
      };
    });
  };

  Store.prototype.setSetting = function (key, value) {
    return this.tx(['settings'], 'readwrite', function (s) {
      if (value === undefined || value === null) s.settings.delete(key);
      else s.settings.put({ key: key, value: value });
    });
  };

  P.Store = Store;
})(Paiban);
