// RunBuffer::store_and_rebase() writes a changed buffer back into its runs and makes it what
// make_buffer would build from the runs as they now are, in one walk. It must leave the run
// texts store() leaves and the buffer (characters, origins, protection) make_buffer builds
// afterwards: checked on generated blocks of text runs, verbatim runs, emphasis and code spans,
// changed the way the rules change a buffer (characters replaced, inserted with a neighbour's
// origin, a code span's included, and deleted).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "decode.h"
#include "inline_runs.h"
#include "text.h"
#include "textrun.h"
#include "triggers.h"

using namespace paiban;

namespace {

using testing::make_inlines;
using testing::new_run;
using testing::push_run;
using testing::Rng;

/// Changes b the way the rules do: never a protected character (code, URL, verbatim); a
/// replaced character keeps its origin, an inserted one takes the origin of the character it is
/// put before, or at the end the last one's (which may be a code span's), a deleted one is gone.
void change(RunBuffer& b, Rng& rng, std::uint32_t most = 6) {
  // The buffer is tracked as the engine's apply() tracks it; src is kept as the engine does:
  // below zero for a replaced or inserted character, whose origin is then added.
  if (!b.tracked) b.track();
  for (std::uint32_t n = rng(most); n > 0 && !b.s.empty(); --n) {
    const std::size_t i = rng(static_cast<std::uint32_t>(b.s.size() + 1));
    const auto at = static_cast<std::ptrdiff_t>(i);
    if (i == b.s.size() || rng(3) == 1) {  // insert
      if (i < b.s.size() && b.prot[i] != 0) continue;
      const RunBuffer::Origin o = b.origin(std::min(i, b.s.size() - 1));
      b.s.insert(b.s.begin() + at, U'—');
      b.prot.insert(b.prot.begin() + at, 0);
      b.src.insert(b.src.begin() + at, b.add_origin(o));
    } else if (b.prot[i] != 0) {
      continue;
    } else if (rng(2) == 0) {                // replace
      b.src[i] = b.add_origin(b.origin(i));  // a replaced character keeps its origin
      b.s[i] = U'，';
    } else {  // delete
      b.s.erase(i, 1);
      b.prot.erase(b.prot.begin() + at);
      b.src.erase(b.src.begin() + at);
    }
  }
}

std::vector<std::string> texts(const std::vector<Inline>& inlines) {
  std::vector<std::string> out;
  for (const Inline& in : inlines) {
    out.push_back(in.text);
    for (const std::string& t : texts(in.children)) out.push_back(t);
  }
  return out;
}

void require_same_origins(const std::vector<RunBuffer::Origin>& a, const std::vector<RunBuffer::Origin>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    REQUIRE(a[i].run == b[i].run);
    REQUIRE(a[i].off == b[i].off);
  }
}

void require_same(const RunBuffer& a, const RunBuffer& b) {
  REQUIRE(a.s == b.s);
  REQUIRE(a.prot == b.prot);
  require_same_origins(a.origins(), b.origins());
}

/// Stores a's changes with store() and b's (made alike on a copy of the same runs) with
/// store_and_rebase(): the runs' texts must agree and b must be the buffer make_buffer builds
/// from them, which is returned.
/// Marks b texts_valid when its runs' texts are valid UTF-8 (as a document's are): its
/// store_and_rebase then keeps the runs' unchanged beginnings as they are.
void mark_valid(RunBuffer& b) {
  b.texts_valid = true;
  for (const Inline* r : b.runs) b.texts_valid = b.texts_valid && valid_utf8(r->text);
}

/// b is marked texts_valid when its texts are valid UTF-8 (mark_valid).
RunBuffer require_stored_alike(RunBuffer& a, std::vector<Inline>& one, RunBuffer& b, const std::vector<Inline>& two) {
  a.store();
  mark_valid(b);
  b.store_and_rebase();
  REQUIRE(texts(one) == texts(two));
  RunBuffer rebuilt = make_buffer(one, false);
  require_same(rebuilt, b);
  return rebuilt;
}

/// The scan fill_buffer noted is the one trig::triggers makes of the built buffer.
void require_same_scan(const trig::Scan& noted, const RunBuffer& b) {
  trig::Scan want;
  REQUIRE(noted.present == trig::triggers(b.s, want));
  REQUIRE(noted.at.marks == want.at.marks);
  REQUIRE(noted.at.spaces == want.at.spaces);
  REQUIRE(noted.at.nian == want.at.nian);
  REQUIRE(noted.at.dots == want.at.dots);
}

}  // namespace

TEST_CASE("store_and_rebase: the runs as store() leaves them, the buffer as make_buffer builds it from them") {
  Rng rng{5};
  std::size_t changed_texts = 0;
  for (int n = 0; n < 5000; ++n) {
    std::vector<Inline> one = make_inlines(rng, 9);
    std::vector<Inline> two = one;
    RunBuffer a = make_buffer(one, false);
    RunBuffer b = make_buffer(two, false);
    const std::uint32_t seed = rng(1u << 20);
    Rng ra{seed};
    Rng rb{seed};
    change(a, ra);
    change(b, rb);
    const std::vector<std::string> before = texts(one);
    CAPTURE(n);
    REQUIRE(!require_stored_alike(a, one, b, two).tracked);
    REQUIRE(!b.tracked);
    if (texts(one) != before) ++changed_texts;
  }
  CHECK(changed_texts > 2500);
}

// fill_buffer decodes ASCII and three-byte sequences itself and looks for links only from the
// first character one can start at; net_edits walks unchanged stretches without building
// strings. Both are checked against the plain way (text::next per character, every character
// looked at; one character at a time) on generated blocks, with two- and four-byte characters
// and invalid bytes (a cut sequence, a lone continuation byte) among the text.
namespace {

bool old_starts_with_ci(const std::u32string& s, std::size_t i, const char* lit) {
  for (std::size_t k = 0; lit[k] != 0; ++k) {
    if (i + k >= s.size()) return false;
    char32_t c = s[i + k];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != static_cast<char32_t>(lit[k])) return false;
  }
  return true;
}

bool old_email_local(char32_t c) {
  return text::is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool old_email_domain(char32_t c) {
  return text::is_ascii_alnum(c) || c == '.' || c == '-';
}

void old_protect_links(RunBuffer& b) {
  const std::u32string& s = b.s;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t lower = s[i] | 0x20;
    const bool may_start = s[i] < 0x80 && (lower == 'h' || lower == 'f' || lower == 'w' || lower == 'm');
    if (may_start && (old_starts_with_ci(s, i, "http://") || old_starts_with_ci(s, i, "https://") ||
                      old_starts_with_ci(s, i, "ftp://") || old_starts_with_ci(s, i, "www.") ||
                      old_starts_with_ci(s, i, "mailto:"))) {
      std::size_t j = i;
      while (j < s.size() && s[j] > 0x20 && s[j] < 0x7F && s[j] != '"' && s[j] != '<' && s[j] != '>') ++j;
      while (j > i && (s[j - 1] == '.' || s[j - 1] == ',' || s[j - 1] == ';' || s[j - 1] == ':' || s[j - 1] == '!' ||
                       s[j - 1] == '?' || s[j - 1] == ')'))
        --j;
      for (std::size_t k = i; k < j; ++k) b.prot[k] = 1;
      i = j;
    } else if (s[i] == '@' && i > 0 && old_email_local(s[i - 1])) {
      std::size_t l = i;
      while (l > 0 && old_email_local(s[l - 1])) --l;
      std::size_t r = i + 1;
      bool dot = false;
      while (r < s.size() && old_email_domain(s[r])) {
        if (s[r] == '.' && r + 1 < s.size() && text::is_ascii_alnum(s[r + 1])) dot = true;
        ++r;
      }
      while (r > i + 1 && s[r - 1] == '.') --r;
      if (dot)
        for (std::size_t k = l; k < r; ++k) b.prot[k] = 1;
    }
  }
}

/// A buffer as the first version built it: an origin per character.
struct OldBuffer {
  RunBuffer b;  ///< runs, s and prot
  std::vector<RunBuffer::Origin> org;
};

void old_flatten(std::vector<Inline>& inlines, OldBuffer& ob) {
  RunBuffer& b = ob.b;
  for (Inline& in : inlines) {
    if (in.kind == InlineKind::text) {
      const int run = static_cast<int>(b.runs.size());
      b.runs.push_back(&in);
      int off = 0;
      for (std::size_t i = 0; i < in.text.size();) {
        b.s += text::next(in.text, i);
        ob.org.push_back({run, off++});
        b.prot.push_back(in.verbatim ? 1 : 0);
      }
    } else if (in.kind == InlineKind::code) {
      b.s += U'\uFFFC';
      ob.org.push_back({-1, 0});
      b.prot.push_back(1);
    } else {
      old_flatten(in.children, ob);
    }
  }
}

OldBuffer old_make_buffer(std::vector<Inline>& inlines) {
  OldBuffer ob;
  old_flatten(inlines, ob);
  old_protect_links(ob.b);
  return ob;
}

/// The net edits of b, whose origins as first built were `first_org` (old_flatten's).
std::vector<RunBuffer::NetEdit> old_net_edits(const RunBuffer& b, const std::vector<RunBuffer::Origin>& first_org) {
  std::vector<RunBuffer::NetEdit> out;
  const int n = static_cast<int>(first_org.size());
  auto emit = [&](int from, int to, const std::u32string& after) {
    if (from >= to && after.empty()) return;
    const int anchor = from < n ? from : n - 1;
    if (anchor < 0) return;
    const RunBuffer::Origin& o = first_org[static_cast<std::size_t>(anchor)];
    if (o.run < 0) return;
    for (int k = from; k < to; ++k)
      if (first_org[static_cast<std::size_t>(k)].run != o.run) return;
    const Inline* r = b.runs[static_cast<std::size_t>(o.run)];
    RunBuffer::NetEdit e;
    e.pos = {r->pos.line, r->pos.col + o.off + (from < n ? 0 : 1)};
    e.length = to - from;
    e.before = b.first_s.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
    e.after = after;
    out.push_back(std::move(e));
  };
  int prev = -1;
  std::u32string pending;
  for (std::size_t i = 0; i < b.s.size(); ++i) {
    if (b.src[i] < 0) {
      pending += b.s[i];
      continue;
    }
    if (b.src[i] > prev + 1 || !pending.empty()) emit(prev + 1, b.src[i], pending);
    pending.clear();
    prev = b.src[i];
  }
  if (prev + 1 < n || !pending.empty()) emit(prev + 1, n, pending);
  return out;
}

/// Blocks with links and addresses, ASCII, Chinese, two- and four-byte characters, and now and
/// then invalid UTF-8; some runs longer than a chunk of fill_buffer.
std::vector<Inline> make_mixed_inlines(Rng& rng) {
  const std::u32string alphabet = U"会议，a1 .@Hh:/wWmMfF-é😀“";
  const std::vector<std::u32string> words = {U"http://x.cn/a", U"HTTPS://Y.org.", U"ftp://z", U"www.ab.cn,",
                                             U"mailto:a@b.cn", U"me@mail.gov.cn", U"a@b",     U"x.@y.z."};
  const std::vector<std::string> bad = {"\xE4\xBC", "\x80", "\xE4", "\xF0\x9F\x98", "\xC3", "\xFF"};
  std::vector<Inline> out;
  for (std::uint32_t n = 1 + rng(5); n > 0; --n) {
    Inline in = new_run(rng, 6);
    in.verbatim = rng(8) == 0;
    const std::uint32_t len = rng(10) == 0 ? 200 + rng(400) : rng(14);
    for (std::uint32_t k = len; k > 0; --k) {
      const std::uint32_t pick = rng(40);
      if (pick == 0)
        in.text += bad[rng(static_cast<std::uint32_t>(bad.size()))];
      else if (pick < 4)
        in.text += text::to_utf8(words[rng(static_cast<std::uint32_t>(words.size()))]);
      else
        in.text += text::to_utf8(std::u32string(1, alphabet[rng(static_cast<std::uint32_t>(alphabet.size()))]));
    }
    push_run(out, in, rng, true);
  }
  return out;
}

void require_same(const OldBuffer& a, const RunBuffer& b) {
  REQUIRE(a.b.s == b.s);
  REQUIRE(a.b.prot == b.prot);
  require_same_origins(a.org, b.origins());
}

}  // namespace

TEST_CASE("fill_buffer: the buffer text::next and a look at every character build") {
  Rng rng{11};
  RunBuffer reused;
  std::size_t protected_blocks = 0;
  for (int n = 0; n < 4000; ++n) {
    std::vector<Inline> one = make_mixed_inlines(rng);
    std::vector<Inline> two = one;
    const OldBuffer a = old_make_buffer(one);
    fill_buffer(reused, two, false);
    CAPTURE(n);
    require_same(a, reused);
    if (std::find(a.b.prot.begin(), a.b.prot.end(), 1) != a.b.prot.end()) ++protected_blocks;
    // store_and_rebase on the same text finds the same links
    std::vector<Inline> three = one;
    RunBuffer c = make_buffer(three, false);
    mark_valid(c);
    c.store_and_rebase();
    require_same(a, c);
  }
  CHECK(protected_blocks > 1000);
}

TEST_CASE("net_edits: the edits a walk one character at a time finds") {
  Rng rng{23};
  std::size_t with_edits = 0;
  for (int n = 0; n < 4000; ++n) {
    std::vector<Inline> one = rng(2) == 0 ? make_inlines(rng, 9) : make_mixed_inlines(rng);
    RunBuffer b = make_buffer(one, true);
    std::vector<Inline> copy = one;
    const std::vector<RunBuffer::Origin> first_org = old_make_buffer(copy).org;
    change(b, rng, 8);
    const std::vector<RunBuffer::NetEdit> want = old_net_edits(b, first_org);
    const std::vector<RunBuffer::NetEdit> got = b.net_edits();
    CAPTURE(n);
    testing::require_same_net_edits(want, got);
    if (!want.empty()) ++with_edits;
  }
  CHECK(with_edits > 1500);
}

// ---- the bulk paths, on long buffers ----------------------------------------------------
// The bulk paths of RunBuffer: track() copies src from a table of counts up to a size and
// counts on by hand past it; store_and_rebase encodes Chinese characters itself and moves each
// run's stretch in the walk that encodes it; net_edits compares two entries of src at once and
// appends to a list the engine holds. Each is checked against the plain way on long generated
// buffers (past the table, past a chunk of bytes) with characters of every UTF-8 width,
// surrogate code points and changes at odd and even places. (protect_links's list of noted
// places is checked above against a look at every character.)

namespace {

/// A code point of any width (surrogates too: a buffer may hold what a rule put there).
char32_t any_char(Rng& rng) {
  switch (rng(8)) {
    case 0:
      return static_cast<char32_t>(0x20 + rng(0x5F));
    case 1:
      return static_cast<char32_t>(0x80 + rng(0x780));
    case 2:
      return static_cast<char32_t>(0xD800 + rng(0x800));
    case 3:
      return static_cast<char32_t>(0x10000 + rng(0x100000));
    case 4:
      return static_cast<char32_t>(0x800 + rng(0xF800));
    default:
      return static_cast<char32_t>(0x4E00 + rng(0x5200));
  }
}

/// One to four runs (a code span now and then), long now and then.
std::vector<Inline> long_inlines(Rng& rng) {
  std::vector<Inline> out;
  for (std::uint32_t n = 1 + rng(4); n > 0; --n) {
    Inline in;
    in.pos = {1 + static_cast<int>(rng(5)), 1 + static_cast<int>(rng(30))};
    in.kind = rng(6) == 0 ? InlineKind::code : InlineKind::text;
    in.verbatim = rng(7) == 0;
    const std::uint32_t len = rng(4) == 0 ? 1000 + rng(5000) : rng(40);
    std::u32string t;
    for (std::uint32_t k = 0; k < len; ++k) t += any_char(rng);
    in.text = text::to_utf8(t);
    out.push_back(in);
  }
  return out;
}

/// Changes as the rules make them (as change() above): fewer than `most` insertions, replacements
/// and deletions, the characters put in given by `pick`.
template <class Pick>
void change_picked(RunBuffer& b, Rng& rng, std::uint32_t most, Pick pick) {
  if (!b.tracked) b.track();
  for (std::uint32_t n = rng(most); n > 0 && !b.s.empty(); --n) {
    const std::size_t i = rng(static_cast<std::uint32_t>(b.s.size() + 1));
    const auto at = static_cast<std::ptrdiff_t>(i);
    if (i == b.s.size() || rng(3) == 1) {
      if (i < b.s.size() && b.prot[i] != 0) continue;
      const RunBuffer::Origin o = b.origin(std::min(i, b.s.size() - 1));
      b.s.insert(b.s.begin() + at, pick());
      b.prot.insert(b.prot.begin() + at, 0);
      b.src.insert(b.src.begin() + at, b.add_origin(o));
    } else if (b.prot[i] != 0) {
      continue;
    } else if (rng(2) == 0) {
      b.src[i] = b.add_origin(b.origin(i));
      b.s[i] = pick();
    } else {
      b.s.erase(i, 1);
      b.prot.erase(b.prot.begin() + at);
      b.src.erase(b.src.begin() + at);
    }
  }
}

/// With characters of every width.
void change_long(RunBuffer& b, Rng& rng) {
  change_picked(b, rng, 12, [&rng] { return any_char(rng); });
}

}  // namespace

TEST_CASE("track: src counts 0, 1, 2 … and the first text and origins are copies, at every size") {
  Rng rng{31};
  RunBuffer b;
  std::size_t past_table = 0;
  for (int n = 0; n < 1500; ++n) {
    std::vector<Inline> in = long_inlines(rng);
    fill_buffer(b, in, n % 2 == 0);  // half tracked by fill_buffer, half here
    if (n % 2 != 0) b.track();
    CAPTURE(n);
    REQUIRE(b.tracked);
    REQUIRE(b.src.size() == b.s.size());
    for (std::size_t i = 0; i < b.src.size(); ++i) REQUIRE(b.src[i] == static_cast<int>(i));
    REQUIRE(b.first_s == b.s);
    // the origins made from the spans are the ones old_flatten makes
    std::vector<Inline> copy = in;
    require_same_origins(b.origins(), old_make_buffer(copy).org);
    if (b.s.size() > 1024) ++past_table;
  }
  CHECK(past_table > 100);
}

TEST_CASE("store_and_rebase and net_edits on long buffers of every character width") {
  Rng rng{37};
  std::size_t with_edits = 0;
  for (int n = 0; n < 1500; ++n) {
    std::vector<Inline> one = long_inlines(rng);
    std::vector<Inline> two = one;
    RunBuffer a = make_buffer(one, true);
    RunBuffer b = make_buffer(two, true);
    std::vector<Inline> copy = two;
    const std::vector<RunBuffer::Origin> first_org = old_make_buffer(copy).org;
    const std::uint32_t seed = rng(1u << 20);
    Rng ra{seed};
    Rng rb{seed};
    change_long(a, ra);
    change_long(b, rb);
    CAPTURE(n);
    const std::vector<RunBuffer::NetEdit> want = old_net_edits(b, first_org);
    const std::vector<RunBuffer::NetEdit> got = b.net_edits();
    testing::require_same_net_edits(want, got);
    if (!want.empty()) ++with_edits;
    // append_net_edits (the engine's way) adds the same after what the list held
    std::vector<RunBuffer::NetEdit> appended(1);
    appended[0].length = -7;
    b.append_net_edits(appended);
    REQUIRE(appended.size() == want.size() + 1);
    REQUIRE(appended[0].length == -7);
    for (std::size_t i = 0; i < want.size(); ++i) {
      REQUIRE(appended[i + 1].pos.col == want[i].pos.col);
      REQUIRE(appended[i + 1].before == want[i].before);
      REQUIRE(appended[i + 1].after == want[i].after);
    }
    // the compact list (format()'s way) holds the same changes, their texts in UTF-8
    NetList list;
    const char32_t kept[] = U"已有";  // a change listed before: the list's texts do not start at 0
    list.add(Pos{1, 1}, 2, kept, 2, kept, 1);
    b.append_net_edits(list);
    REQUIRE(list.items.size() == want.size() + 1);
    REQUIRE(list.before(list.items[0]) == "已有");
    REQUIRE(list.after(list.items[0]) == "已");
    for (std::size_t i = 0; i < want.size(); ++i) {
      const NetList::Item& e = list.items[i + 1];
      REQUIRE(e.pos.line == want[i].pos.line);
      REQUIRE(e.pos.col == want[i].pos.col);
      REQUIRE(e.length == want[i].length);
      REQUIRE(list.before(e) == text::to_utf8(want[i].before));
      REQUIRE(list.after(e) == text::to_utf8(want[i].after));
    }
    require_stored_alike(a, one, b, two);
    // the runs' texts are what text::append writes of the changed buffer
    for (std::size_t r = 0; r < a.runs.size(); ++r) {
      std::u32string mine;
      for (std::size_t i = 0; i < a.s.size(); ++i)
        if (a.origin(i).run == static_cast<int>(r)) mine += a.s[i];
      std::string enc;
      text::append(enc, mine);
      REQUIRE(a.runs[r]->text == enc);
    }
  }
  CHECK(with_edits > 1000);
}

// An unchanged buffer has no origin per character: origin() and pos_at() work them out from
// the runs' spans (a search among them). Checked against the origins old_flatten writes and the
// pos_at that reads them (a code placeholder takes the place of the nearest character with a
// run, left first), on fresh buffers, rebased ones and tracked ones.
namespace {

Pos old_pos_at(const RunBuffer& b, const std::vector<RunBuffer::Origin>& org, std::size_t i) {
  if (org.empty()) return {};
  if (i >= org.size()) i = org.size() - 1;
  std::size_t k = i;
  while (k > 0 && org[k].run < 0) --k;
  if (org[k].run < 0) {
    k = i;
    while (k + 1 < org.size() && org[k].run < 0) ++k;
  }
  if (org[k].run < 0) return {};
  const Inline* r = b.runs[static_cast<std::size_t>(org[k].run)];
  return {r->pos.line, r->pos.col + org[k].off};
}

void require_same_places(const RunBuffer& b, const std::vector<RunBuffer::Origin>& org) {
  REQUIRE(org.size() == b.s.size());
  for (std::size_t i = 0; i <= b.s.size() + 1; ++i) {
    const Pos want = old_pos_at(b, org, i);
    const Pos got = b.pos_at(i);
    REQUIRE(want.line == got.line);
    REQUIRE(want.col == got.col);
    if (i < b.s.size()) {
      REQUIRE(b.origin(i).run == org[i].run);
      REQUIRE(b.origin(i).off == org[i].off);
    }
  }
}

/// Blocks where code spans and empty runs stand side by side, at the ends too.
std::vector<Inline> spans_inlines(Rng& rng) {
  std::vector<Inline> out;
  for (std::uint32_t n = rng(7); n > 0; --n) {
    Inline in;
    in.pos = {1 + static_cast<int>(rng(4)), 1 + static_cast<int>(rng(30))};
    const std::uint32_t pick = rng(4);
    in.kind = pick == 0 ? InlineKind::code : InlineKind::text;
    if (pick == 1) {  // an empty run
    } else {
      std::u32string t;
      for (std::uint32_t k = rng(6); k > 0; --k) t += U"会a \uFFFC1，"[rng(6)];
      in.text = text::to_utf8(t);
    }
    push_run(out, in, rng, false);
  }
  return out;
}

}  // namespace

TEST_CASE("origin and pos_at from the spans: the places the origins of old_flatten give") {
  Rng rng{41};
  std::size_t placeholders = 0;
  std::size_t empty_runs = 0;
  RunBuffer reused;
  for (int n = 0; n < 6000; ++n) {
    std::vector<Inline> one = n % 3 == 0 ? make_mixed_inlines(rng) : spans_inlines(rng);
    std::vector<Inline> two = one;
    const std::vector<RunBuffer::Origin> want = old_make_buffer(two).org;
    fill_buffer(reused, one, false);
    CAPTURE(n);
    REQUIRE(!reused.tracked);
    require_same_places(reused, want);
    // tracked: the origins filled from the spans read the same
    RunBuffer t = make_buffer(one, true);
    require_same_places(t, want);
    // changed and rebased: the spans of the new texts
    RunBuffer c = make_buffer(one, false);
    change(c, rng, 5);
    mark_valid(c);
    c.store_and_rebase();
    std::vector<Inline> three = one;
    require_same_places(c, old_make_buffer(three).org);
    for (const RunBuffer::Origin& o : want) placeholders += o.run < 0 ? 1 : 0;
    for (const RunBuffer::Span& sp : reused.spans) empty_runs += sp.start == sp.end ? 1 : 0;
  }
  CHECK(placeholders > 2000);
  CHECK(empty_runs > 2000);
}

// fill_buffer decodes stretches of three-byte sequences and of ASCII in loops of their own,
// which end at a chunk's end, at the text's end (a cut sequence) and at the first character of
// another kind. Checked against old_flatten and a scan of the built buffer on runs made of long
// stretches of one kind (Chinese with 年, full-width marks, ASCII with marks, spaces and links,
// two- and four-byte characters, invalid bytes), with and without the trigger scan.
TEST_CASE("fill_buffer: long stretches of one kind of character, across chunk ends") {
  Rng rng{4242};
  const std::vector<std::u32string> kinds = {U"会议年中国研究",
                                             U"，。、；：（）“”…",
                                             U"ab,.:;?!()-\"' 1",
                                             U"http://a.cn www.x.cn m@x.cn hHfFwWmM@",
                                             U"é², ",
                                             U"😀𠀀"};
  const std::vector<std::string> bad = {"\xE4\xBC", "\x80", "\xE5", "\xE9\xBF", "\xF0\x9F\x98", "\xC3"};
  RunBuffer reused;
  RunBuffer plain;
  trig::Scan noted;
  std::size_t long_runs = 0;
  for (int n = 0; n < 3000; ++n) {
    std::vector<Inline> one;
    for (std::uint32_t r = 1 + rng(3); r > 0; --r) {
      Inline in = new_run(rng, 8);
      in.verbatim = rng(10) == 0;
      for (std::uint32_t st = 1 + rng(6); st > 0; --st) {
        const std::u32string& kind = kinds[rng(static_cast<std::uint32_t>(kinds.size()))];
        std::u32string t;
        for (std::uint32_t k = rng(4) == 0 ? 200 + rng(400) : 1 + rng(40); k > 0; --k)
          t += kind[rng(static_cast<std::uint32_t>(kind.size()))];
        in.text += text::to_utf8(t);
        if (rng(12) == 0) in.text += bad[rng(static_cast<std::uint32_t>(bad.size()))];
      }
      if (in.text.size() > 512) ++long_runs;
      one.push_back(in);
    }
    std::vector<Inline> two = one;
    std::vector<Inline> three = one;
    const OldBuffer a = old_make_buffer(one);
    CAPTURE(n);
    fill_buffer(reused, two, false, &noted);
    require_same(a, reused);
    fill_buffer(plain, three, false);
    require_same(a, plain);
    require_same_scan(noted, reused);
  }
  CHECK(long_runs > 1000);
}

// store_and_rebase with the changed places append_net_edits lists keeps the protection the buffer
// had where no change reached and looks for URLs and e-mail addresses again around the changes
// only. Checked against make_buffer on the stored runs (which looks at every character) on
// blocks full of link characters, changed by characters that make, join, split and end links.
namespace {

std::vector<Inline> link_inlines(Rng& rng) {
  const std::u32string alphabet = U"会议a1 .,:/@hHtTpPsSwWmMfxcn-_）\uFFFC";
  const char32_t* const pieces[] = {U"http://", U"https://", U"www.", U"mailto:", U"ftp://", U"a@b.cn", U"x.cn"};
  std::vector<Inline> out;
  const bool verbatim_ok = rng(4) == 0;  // now and then a verbatim run: the old way
  for (std::uint32_t n = 1 + rng(4); n > 0; --n) {
    Inline in = new_run(rng, 6);
    in.verbatim = verbatim_ok && rng(3) == 0;
    std::u32string t;
    for (std::uint32_t k = rng(30); k > 0; --k) {
      if (rng(4) == 0)
        t += pieces[rng(7)];
      else
        t += alphabet[rng(static_cast<std::uint32_t>(alphabet.size()))];
    }
    in.text = text::to_utf8(t);
    push_run(out, in, rng, true);
  }
  return out;
}

/// With link characters put in as well as taken out.
void change_links(RunBuffer& b, Rng& rng) {
  const std::u32string put = U"hw@./:,a1—，中 ";
  change_picked(b, rng, 6, [&] { return put[rng(static_cast<std::uint32_t>(put.size()))]; });
}

}  // namespace

TEST_CASE("store_and_rebase with the changed places: the protection make_buffer finds") {
  Rng rng{41};
  std::size_t kept_links = 0;   // blocks of the new way with a link kept from before a change
  std::size_t found_again = 0;  // blocks whose protection a change altered
  for (int n = 0; n < 6000; ++n) {
    std::vector<Inline> one = link_inlines(rng);
    RunBuffer b = make_buffer(one, true);
    const std::vector<char> prot_before = b.prot;
    change_links(b, rng);
    std::vector<RunBuffer::NetEdit> net;
    std::vector<RunBuffer::Span> changed;
    b.append_net_edits(net, &changed);
    mark_valid(b);
    b.store_and_rebase(&changed);
    CAPTURE(n);
    std::vector<Inline> two = one;
    const RunBuffer a = make_buffer(two, false);
    require_same(a, b);
    const bool any_link = std::find(a.prot.begin(), a.prot.end(), 1) != a.prot.end();
    if (!changed.empty() && any_link) ++kept_links;
    if (!changed.empty() && a.s.size() == prot_before.size() && a.prot != prot_before) ++found_again;
  }
  CHECK(kept_links > 1500);
  CHECK(found_again > 100);
}

// store_and_rebase encodes a run's characters into a buffer of bytes as many at a time as fit
// (four bytes each at most) before it looks at the room again, and a three-byte character with
// one four-byte store; fill_buffer decodes a stretch of three-byte sequences (Chinese, its
// punctuation, every other lead E0–EF) in one loop. Checked on runs made of long stretches of
// one kind (three-byte characters of every lead, surrogates among them, ASCII, two- and
// four-byte characters), changed here and there with characters of the same kinds: the runs'
// texts against store(), the rebased buffer against make_buffer, the decoded buffer against
// old_flatten and the trigger scan against a scan of the built buffer.
TEST_CASE("store_and_rebase and fill_buffer: long stretches of one width, across the byte buffer's room") {
  Rng rng{5151};
  auto one_of = [](Rng& g, std::uint32_t kind) -> char32_t {
    switch (kind) {
      case 0:  // three bytes, every lead (surrogates too)
        return static_cast<char32_t>(0x800 + g(0xF800));
      case 1:  // Chinese, 年 and the full-width marks and spaces the scan notes
      {
        const std::u32string marks = U"会议年，。、；：（）．％Ａ０　…—";
        return g(2) == 0 ? static_cast<char32_t>(0x4E00 + g(0x5200))
                         : marks[g(static_cast<std::uint32_t>(marks.size()))];
      }
      case 2:
        return static_cast<char32_t>(0x20 + g(0x5F));
      case 3:
        return static_cast<char32_t>(0x80 + g(0x780));
      default:
        return static_cast<char32_t>(0x10000 + g(0x100000));
    }
  };
  RunBuffer reused;
  trig::Scan noted;
  std::size_t long_runs = 0;
  for (int n = 0; n < 1500; ++n) {
    std::vector<Inline> one;
    for (std::uint32_t r = 1 + rng(3); r > 0; --r) {
      Inline in = new_run(rng, 10);
      std::u32string t;
      for (std::uint32_t st = 1 + rng(4); st > 0; --st) {
        // mostly three-byte stretches, long now and then (past the room of 256 characters)
        const std::uint32_t kind = rng(3) != 0 ? rng(2) : 2 + rng(3);
        for (std::uint32_t k = rng(3) == 0 ? 250 + rng(800) : 1 + rng(60); k > 0; --k) t += one_of(rng, kind);
      }
      in.text = text::to_utf8(t);
      if (t.size() > 256) ++long_runs;
      one.push_back(in);
    }
    CAPTURE(n);
    {
      std::vector<Inline> dec = one;
      std::vector<Inline> ref = one;
      fill_buffer(reused, dec, false, &noted);
      require_same(old_make_buffer(ref), reused);
      require_same_scan(noted, reused);
    }
    std::vector<Inline> two = one;
    RunBuffer a = make_buffer(one, true);
    RunBuffer b = make_buffer(two, true);
    const std::uint32_t seed = rng(1u << 20);
    const std::uint32_t kind = rng(5);
    Rng ra{seed};
    Rng rb{seed};
    change_picked(a, ra, 8, [&] { return one_of(ra, kind); });
    change_picked(b, rb, 8, [&] { return one_of(rb, kind); });
    require_stored_alike(a, one, b, two);
  }
  CHECK(long_runs > 500);
}

// store_and_rebase leaves a run's unchanged beginning where it is in the run's text (its bytes
// counted, not written again) and writes the rest. Checked against store() and make_buffer on
// runs of every width with URL and address characters, changed near their ends only (or not
// at all, or at their first character), so that most runs keep a long beginning.
TEST_CASE("store_and_rebase: a run's unchanged beginning kept in its text") {
  Rng rng{9091};
  const std::u32string links = U"http://a.cn www.b.org x@y.cn mailto:q@r.cn ";
  std::size_t kept_long = 0;
  for (int n = 0; n < 3000; ++n) {
    std::vector<Inline> one;
    for (std::uint32_t r = 1 + rng(4); r > 0; --r) {
      Inline in = new_run(rng, 8);
      in.verbatim = rng(8) == 0;
      std::u32string t;
      for (std::uint32_t k = rng(4) == 0 ? 200 + rng(600) : rng(30); k > 0; --k)
        t += rng(5) == 0 ? links[rng(static_cast<std::uint32_t>(links.size()))] : any_char(rng);
      in.text = text::to_utf8(t);
      push_run(one, in, rng, n % 2 == 0);
    }
    std::vector<Inline> two = one;
    RunBuffer a = make_buffer(one, true);
    RunBuffer b = make_buffer(two, true);
    const std::size_t size = b.s.size();
    // the changes: in the last few characters, at the first one, or none
    const std::uint32_t where = rng(3);
    const std::uint32_t seed = rng(1u << 20);
    auto change_end = [&](RunBuffer& x, Rng& g) {
      for (std::uint32_t c = g(4); c > 0 && !x.s.empty(); --c) {
        const std::size_t i =
            where == 0 ? 0 : x.s.size() - 1 - g(static_cast<std::uint32_t>(std::min<std::size_t>(x.s.size(), 5)));
        if (x.prot[i] != 0) continue;
        const auto at = static_cast<std::ptrdiff_t>(i);
        if (g(2) == 0) {
          x.src[i] = x.add_origin(x.origin(i));
          x.s[i] = any_char(g);
        } else if (g(2) == 0) {
          x.s.insert(x.s.begin() + at, U'…');
          x.prot.insert(x.prot.begin() + at, 0);
          x.src.insert(x.src.begin() + at, x.add_origin(x.origin(i)));
        } else {
          x.s.erase(i, 1);
          x.prot.erase(x.prot.begin() + at);
          x.src.erase(x.src.begin() + at);
        }
      }
    };
    if (where != 2) {
      Rng ra{seed};
      Rng rb{seed};
      change_end(a, ra);
      change_end(b, rb);
    }
    if (size > 200) ++kept_long;
    CAPTURE(n);
    require_stored_alike(a, one, b, two);
  }
  CHECK(kept_long > 500);
}

TEST_CASE("texts_valid: set for a document's blocks, not for other buffers") {
  Document d;
  Block bl;
  bl.inlines.resize(1);
  bl.inlines[0].text = "会议，a";
  d.blocks.push_back(bl);
  std::size_t seen = 0;
  for_each_block_text(d, [&](RunBuffer& b) {
    CHECK(b.texts_valid);
    ++seen;
  });
  CHECK(seen == 1);
  RunBuffer b = make_buffer(d.blocks[0].inlines, false);
  CHECK(!b.texts_valid);
  mark_valid(b);
  fill_buffer(b, d.blocks[0].inlines, false);
  CHECK(!b.texts_valid);
}
