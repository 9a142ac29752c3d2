#include "textrun.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "text.h"
#include "triggers.h"

namespace paiban {

namespace {

using text::is_ascii_alnum;

bool starts_with_ci(const std::u32string& s, std::size_t i, const char* lit) {
  for (std::size_t k = 0; lit[k] != 0; ++k) {
    if (i + k >= s.size()) return false;
    char32_t c = s[i + k];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != static_cast<char32_t>(lit[k])) return false;
  }
  return true;
}

bool url_char(char32_t c) {
  return c - 0x21u < 0x5Eu && c != '"' && c != '<' && c != '>';
}

bool email_local(char32_t c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool email_domain(char32_t c) {
  return is_ascii_alnum(c) || c == '.' || c == '-';
}

constexpr std::size_t none = static_cast<std::size_t>(-1);

/// 1 for the characters a URL or an e-mail address is looked for at: h, f, w, m (either case)
/// and @ (see protect_links). Indexed by an ASCII code.
constexpr bool link_start(unsigned c) {
  const unsigned lower = c | 0x20u;
  return c == '@' || lower == 'h' || lower == 'f' || lower == 'w' || lower == 'm';
}

struct LinkStarts {
  bool at[128] = {};
  constexpr LinkStarts() {
    for (unsigned c = 0; c < 128; ++c) at[c] = link_start(c);
  }
};
constexpr LinkStarts link_starts{};

/// The buffer indices holding a link_start character, in order: the first kMost of them, their
/// count, and the first and the last.
struct Links {
  static constexpr std::size_t kMost = 32;
  std::size_t at[kMost];  // left uninitialized: only the first min(n, kMost) are read
  std::size_t n = 0;
  std::size_t first = none;
  std::size_t last = 0;
  void note(std::size_t i) {
    if (first == none) first = i;
    last = i;
    if (n < kMost) at[n] = i;
    ++n;
  }
};

/// The look of protect_links at s[i], a link_start character: a URL starting there or an
/// e-mail address around its @ is protected. Returns the index the look goes on from.
std::size_t protect_link_at(RunBuffer& b, std::size_t i) {
  const std::u32string& s = b.s;
  // each prefix is tried only at its own first letter (either case)
  bool url = false;
  switch (s[i] | 0x20u) {
    case 'h':
      url = starts_with_ci(s, i, "http://") || starts_with_ci(s, i, "https://");
      break;
    case 'f':
      url = starts_with_ci(s, i, "ftp://");
      break;
    case 'w':
      url = starts_with_ci(s, i, "www.");
      break;
    case 'm':
      url = starts_with_ci(s, i, "mailto:");
      break;
    default:
      break;
  }
  if (url) {
    // on plain pointers (a write of a byte would make the compiler read the vectors again);
    // the string ends with U+0000, which is no url_char
    const char32_t* const p = s.data();
    const char32_t* q = p + i;
    while (url_char(*q)) ++q;
    std::size_t j = static_cast<std::size_t>(q - p);
    while (j > i && (s[j - 1] == '.' || s[j - 1] == ',' || s[j - 1] == ';' || s[j - 1] == ':' || s[j - 1] == '!' ||
                     s[j - 1] == '?' || s[j - 1] == ')'))
      --j;
    if (j > i) std::memset(b.prot.data() + i, 1, j - i);
    return j + 1;  // s[j] (after the URL) is no link_start character
  }
  if (s[i] == '@' && i > 0 && email_local(s[i - 1])) {
    std::size_t l = i;
    while (l > 0 && email_local(s[l - 1])) --l;
    std::size_t r = i + 1;
    bool dot = false;
    while (r < s.size() && email_domain(s[r])) {
      if (s[r] == '.' && r + 1 < s.size() && is_ascii_alnum(s[r + 1])) dot = true;
      ++r;
    }
    while (r > i + 1 && s[r - 1] == '.') --r;
    if (dot) std::memset(b.prot.data() + l, 1, r - l);
  }
  return i + 1;
}

/// Protects the links that start in s[i, end); returns where the look ended: end, or past the
/// last link found when it runs on beyond end.
std::size_t protect_range(RunBuffer& b, std::size_t i, std::size_t end) {
  const std::u32string& s = b.s;
  while (i < end) {
    // every prefix starts with h, f, w or m (either case), and an address has an @: most
    // characters (all of Chinese text) need no look
    if (s[i] >= 0x80 || !link_starts.at[s[i]])
      ++i;
    else
      i = protect_link_at(b, i);
  }
  return i;
}

/// Marks URLs and e-mail addresses as protected. Sentence punctuation right after a URL
/// (`.`, `,`, `)` …) stays unprotected so it can still be fixed. Only the characters of
/// link_start begin a match: the look visits the noted ones, or when there were more than
/// Links::kMost, every character from the first of them to the last.
void protect_links(RunBuffer& b, const Links& links) {
  const std::u32string& s = b.s;
  if (links.first == none) return;
  if (links.n <= Links::kMost) {
    std::size_t from = 0;  // where the look goes on (past a URL)
    for (std::size_t k = 0; k < links.n; ++k) {
      const std::size_t i = links.at[k];
      if (i < from || i >= s.size()) continue;
      from = protect_link_at(b, i);
    }
    return;
  }
  protect_range(b, links.first, std::min(links.last + 1, s.size()));
}

/// Characters decoded or encoded at a time before they go to the buffer or a run's text.
constexpr std::size_t chunk = 256;

/// Per ASCII code: 1 when it is a link_start character, 2 when it has trigger classes (see
/// triggers.h; U+0000, whose class changes nothing, is left out), 4 when HTML text cannot hold
/// it as it is (text::needs_html_escape).
struct AsciiLooks {
  unsigned char at[128] = {};
  AsciiLooks() {
    const trig::Classes& cls = trig::classes();
    for (unsigned c = 0; c < 128; ++c)
      at[c] = static_cast<unsigned char>((link_start(c) ? 1 : 0) | (c != 0 && cls(c) != 0 ? 2 : 0) |
                                         (text::needs_html_escape(c) ? 4 : 0));
  }
};

/// Appends the code points of one run's text to b (what text::next decodes, invalid bytes
/// included), a chunk at a time: ASCII and three-byte sequences (Chinese) are decoded here.
/// The link_start characters are noted in `links`; with kNote, every character with trigger
/// classes goes through scan.note. With kNote, a stretch of three-byte sequences (Chinese and
/// its full-width punctuation) is decoded in one loop (a stretch of Chinese alone, between two
/// marks, is a few characters long: the loop's way in and out cost more than a look at the
/// table per character). With kNote (the typography pass), returns true when the text has a
/// character HTML text cannot hold as it is (text::needs_html_escape), seen on the way: the ASCII
/// ones by their look, the three-byte ones by their trigger class (trig::k_html), the others as
/// they are decoded; without, false.
template <bool kNote>
bool flatten_text(const std::string& t, char p, RunBuffer& b, Links& links, trig::Scan* scan) {
  static const AsciiLooks ascii;
  const trig::Classes& cls = trig::classes();
  const char* const begin = t.data();
  const char* const end = begin + t.size();
  const char* q = begin;
  // a three-byte sequence starting before end3 ends in the text
  const char* const end3 = t.size() > 2 ? end - 2 : begin;
  char32_t cs[chunk];  // left uninitialized: only the k first are read
  // with kNote, the chunk's characters that go through the scan (their k), noted after the chunk
  unsigned char hits[chunk];  // left uninitialized: only the nh first are read
  static_assert(chunk <= 256, "a chunk index fits a byte");
  bool special = false;
  unsigned hit_classes = 0;  // with kNote, the classes of the characters noted, or'ed
  while (q < end) {
    // every character takes a byte at least: no more than a chunk of them start before stop
    const char* const stop = end - q > static_cast<std::ptrdiff_t>(chunk) ? q + chunk : end;
    std::size_t k = 0;
    std::size_t nh = 0;
    // a three-byte sequence starting before lim ends in the text and starts in the chunk
    const char* const lim = stop < end3 ? stop : end3;
    for (; q < stop; ++k) {
      const auto b0 = static_cast<unsigned char>(*q);
      if (kNote && (b0 >> 4) == 0xEu && q < end3) {
        // three-byte sequences (Chinese and its punctuation) first: most of the text, decoded a
        // stretch at a time
        for (;;) {
          const char32_t c = text::decode3(reinterpret_cast<const unsigned char*>(q));
          cs[k] = c;
          q += 3;
          // noted without a branch (the marks among Chinese text stand where no predictor
          // can guess)
          hits[nh] = static_cast<unsigned char>(k);
          nh += cls.maybe(c) ? 1 : 0;
          if (q >= lim || (static_cast<unsigned char>(*q) >> 4) != 0xEu) break;
          ++k;
        }
      } else if (b0 < 0x80) {  // ASCII: a stretch at a time
        for (unsigned a = b0;;) {
          cs[k] = a;
          ++q;
          if (const unsigned look = kNote ? ascii.at[a] : ascii.at[a] & 1u) {
            if ((look & 1u) != 0) links.note(b.s.size() + k);
            if (kNote && (look & 2u) != 0) hits[nh++] = static_cast<unsigned char>(k);
            if (kNote && (look & 4u) != 0) special = true;
          }
          if (q >= stop || static_cast<unsigned char>(*q) >= 0x80) break;
          a = static_cast<unsigned char>(*q);
          ++k;
        }
      } else if ((b0 >> 4) == 0xE && q < end3) {  // three-byte sequences without kNote
        const char32_t c = text::decode3(reinterpret_cast<const unsigned char*>(q));
        cs[k] = c;
        q += 3;
        if (kNote && cls.maybe(c)) hits[nh++] = static_cast<unsigned char>(k);
      } else {
        auto i = static_cast<std::size_t>(q - begin);
        const char32_t c = text::next(t, i);
        cs[k] = c;
        q = begin + i;
        if (kNote && cls.maybe(c)) hits[nh++] = static_cast<unsigned char>(k);
        if (kNote && text::needs_html_escape(c)) special = true;
      }
    }
    if (kNote) {
      const std::size_t base = b.s.size();
      const char32_t last = base != 0 ? b.s.back() : 0;
      for (std::size_t h = 0; h < nh; ++h) {
        const std::size_t j = hits[h];
        const char32_t c = cs[j];
        const unsigned k_c = cls(c);
        hit_classes |= k_c;
        scan->note(c, k_c, j != 0 ? cs[j - 1] : last, base + j);
      }
    }
    b.s.append(cs, k);
    b.prot.insert(b.prot.end(), k, p);
  }
  return special || (hit_classes & trig::k_html) != 0;
}

template <bool kNote>
void flatten(std::vector<Inline>& inlines, RunBuffer& b, Links& links, trig::Scan* scan) {
  for (Inline& in : inlines) {
    switch (in.kind) {
      case InlineKind::text: {
        b.runs.push_back(&in);
        const std::size_t start = b.s.size();
        const bool special = flatten_text<kNote>(in.text, in.verbatim ? 1 : 0, b, links, scan);
        if (kNote) in.plain = !special;  // the typography pass's buffers (other readers leave it)
        b.spans.push_back({start, b.s.size()});
        break;
      }
      case InlineKind::code:
        b.s += U'\uFFFC';
        b.prot.push_back(1);
        break;
      case InlineKind::emph:
      case InlineKind::strong:
      case InlineKind::link:
        flatten<kNote>(in.children, b, links, scan);
        break;
    }
  }
}

/// Bytes of text under the inlines: an upper bound on their code points.
std::size_t text_bytes(const std::vector<Inline>& inlines) {
  std::size_t n = 0;
  for (const Inline& in : inlines) n += in.kind == InlineKind::text ? in.text.size() : 1 + text_bytes(in.children);
  return n;
}

}  // namespace

void fill_buffer(RunBuffer& b, std::vector<Inline>& inlines, bool track, trig::Scan* scan) {
  b.runs.clear();
  b.block = nullptr;
  b.depth = 0;
  b.s.clear();
  b.spans.clear();
  b.added.clear();
  if (b.spans.capacity() == 0) {  // room for most blocks' runs and changes, taken once
    b.spans.reserve(16);
    b.new_spans.reserve(16);
    b.added.reserve(16);
  }
  b.prot.clear();
  b.src.clear();
  b.first_s.clear();
  b.tracked = false;
  b.texts_valid = false;
  const std::size_t bound = text_bytes(inlines);
  b.s.reserve(bound);
  b.prot.reserve(bound);
  Links links;
  if (scan != nullptr) {
    scan->reset();
    flatten<true>(inlines, b, links, scan);
  } else {
    flatten<false>(inlines, b, links, nullptr);
  }
  protect_links(b, links);
  if (track) b.track();
}

RunBuffer make_buffer(std::vector<Inline>& inlines, bool track) {
  RunBuffer b;
  fill_buffer(b, inlines, track);
  return b;
}

namespace {

/// One buffer serves every block in turn (its storage is kept from block to block). `depth`: 0
/// for the document's own blocks.
void visit(std::vector<Block>& blocks, const std::function<void(RunBuffer&)>& fn, bool track, RunBuffer& b,
           trig::Scan* scan, int depth) {
  for (Block& bl : blocks) {
    if (!bl.inlines.empty()) {
      fill_buffer(b, bl.inlines, track, scan);
      b.texts_valid = true;  // (a document's texts are cut from its decoded source)
      b.block = &bl;
      b.depth = depth;
      fn(b);
    }
    visit(bl.children, fn, track, b, scan, depth + 1);
  }
}

}  // namespace

namespace {

/// 0, 1, 2, … (the src of an unchanged buffer up to that size is copied from it).
constexpr std::size_t kCounted = 1024;
struct Counting {
  int v[kCounted] = {};
  constexpr Counting() {
    for (std::size_t i = 0; i < kCounted; ++i) v[i] = static_cast<int>(i);
  }
};
constexpr Counting counting{};

}  // namespace

void RunBuffer::track() {
  const std::size_t n = s.size();
  const std::size_t copied = std::min(n, kCounted);
  src.assign(counting.v, counting.v + copied);
  src.resize(n);
  for (std::size_t i = copied; i < n; ++i) src[i] = static_cast<int>(i);
  added.clear();
  first_s = s;
  tracked = true;
}

RunBuffer::Origin RunBuffer::built_origin(std::size_t i) const {
  if (spans.size() == 1) {  // most blocks are one run
    const Span& sp = spans[0];
    return i >= sp.start && i < sp.end ? Origin{0, static_cast<int>(i - sp.start)} : Origin{-1, 0};
  }
  // the last span starting at or before i (an empty span before a placeholder starts after the
  // spans before it end)
  const auto it =
      std::upper_bound(spans.begin(), spans.end(), i, [](std::size_t x, const Span& sp) { return x < sp.start; });
  if (it == spans.begin()) return {-1, 0};
  const Span& sp = *(it - 1);
  if (i >= sp.end) return {-1, 0};
  return {static_cast<int>(it - 1 - spans.begin()), static_cast<int>(i - sp.start)};
}

std::vector<RunBuffer::Origin> RunBuffer::origins() const {
  std::vector<Origin> out(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) out[i] = origin(i);
  return out;
}

std::vector<RunBuffer::NetEdit> RunBuffer::net_edits() const {
  std::vector<NetEdit> out;
  append_net_edits(out);
  return out;
}

namespace {

/// Lists one net change in a list of NetEdit.
void put_net(std::vector<RunBuffer::NetEdit>& out, Pos pos, int length, const char32_t* b, std::size_t nb,
             const char32_t* a, std::size_t na) {
  // the edit and its texts made where they go (an assign to an empty string takes the general
  // path; a temporary moved in costs a move of both texts)
  out.emplace_back(pos, length, b, nb, a, na);
}
/// Lists one net change in a NetList.
void put_net(NetList& out, Pos pos, int length, const char32_t* b, std::size_t nb, const char32_t* a, std::size_t na) {
  out.add(pos, length, b, nb, a, na);
}

/// Where src stops counting on by one from `first` at `from`: the first j in [from, lim) with
/// src[j] != first + (j - from), or lim. Most characters are unchanged, so two entries are
/// compared at once as 8 bytes (memcpy keeps the byte order out of it).
std::size_t counting_end(const int* src, std::size_t from, std::size_t lim, int first) {
  const int firsts[2] = {first, first + 1};
  const int twos[2] = {2, 2};
  std::uint64_t want = 0;
  std::uint64_t step = 0;
  std::memcpy(&want, firsts, sizeof want);
  std::memcpy(&step, twos, sizeof step);
  std::size_t j = from;
  for (; j + 2 <= lim; j += 2, want += step) {
    std::uint64_t got = 0;
    std::memcpy(&got, src + j, sizeof got);
    if (got != want) break;
  }
  if (j < lim && src[j] == first + static_cast<int>(j - from)) ++j;
  return j;
}

}  // namespace

template <class Out>
void RunBuffer::net_edits_into(Out& out, std::vector<Span>* changed) const {
  const int n = static_cast<int>(first_s.size());
  // True when original [from, to) becoming s[a, e) can change what protect_links finds: it takes
  // out or puts in a url_char character, or joins two stretches of them (a deletion between
  // two) or splits one (an insertion into it). Otherwise every stretch of url_char characters
  // stays as it was, and so do its links.
  auto may_move_links = [&](int from, int to, std::size_t a, std::size_t e) {
    for (int k = from; k < to; ++k)
      if (url_char(first_s[static_cast<std::size_t>(k)])) return true;
    for (std::size_t k = a; k < e; ++k)
      if (url_char(s[k])) return true;
    if (from < to && a < e) return false;
    return a > 0 && e < s.size() && url_char(s[a - 1]) && url_char(s[e]);
  };
  // original [from, to) became s[a, e)
  auto emit = [&](int from, int to, std::size_t a, std::size_t e) {
    if (from >= to && a == e) return;
    if (changed != nullptr && may_move_links(from, to, a, e)) changed->push_back({a, e});
    const int anchor = from < n ? from : n - 1;
    if (anchor < 0) return;
    const Origin o = built_origin(static_cast<std::size_t>(anchor));
    if (o.run < 0) return;
    // a run's characters are in a row: [from, to) is the run's when it ends in the run's span
    if (to > from && static_cast<std::size_t>(to) > spans[static_cast<std::size_t>(o.run)].end)
      return;  // crosses a run
    const Inline* r = runs[static_cast<std::size_t>(o.run)];
    put_net(out, Pos{r->pos.line, r->pos.col + o.off + (from < n ? 0 : 1)}, to - from, first_s.data() + from,
            static_cast<std::size_t>(to - from), s.data() + a, e - a);
  };
  // Kept characters keep their order; a stretch of changed (src -1) characters is the
  // replacement of the kept ones skipped before the next kept character.
  int prev = -1;
  const std::size_t size = s.size();
  const int* const sv = src.data();
  for (std::size_t i = 0; i < size;) {
    {  // most characters are unchanged: src counts on by one
      const std::size_t j = counting_end(sv, i, size, prev + 1);
      prev += static_cast<int>(j - i);
      i = j;
      if (i == size) break;
    }
    const int v = sv[i];
    if (v >= 0 && v <= prev + 1) {  // nothing changed before this one
      prev = v;
      ++i;
    } else if (v >= 0) {  // characters deleted before this one
      emit(prev + 1, v, i, i);
      prev = v;
      ++i;
    } else {
      std::size_t j = i + 1;
      while (j < size && src[j] < 0) ++j;
      if (j == size) {
        emit(prev + 1, n, i, j);
        return;
      }
      emit(prev + 1, src[j], i, j);
      prev = src[j];
      i = j + 1;
    }
  }
  if (prev + 1 < n) emit(prev + 1, n, size, size);
}

void RunBuffer::append_net_edits(std::vector<NetEdit>& out, std::vector<Span>* changed) const {
  net_edits_into(out, changed);
}

void RunBuffer::append_net_edits(NetList& out, std::vector<Span>* changed) const {
  net_edits_into(out, changed);
}

void NetList::add(Pos pos, int length, const char32_t* b, std::size_t nb, const char32_t* a, std::size_t na) {
  const std::size_t most = 4 * (nb + na);  // bytes the texts can take
  if (capacity_ - size_ < most) {          // twice the room (as a string grows), the texts moved once
    const std::size_t capacity = std::max({2 * capacity_, size_ + most, std::size_t(256)});
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (size_ > 0) std::memcpy(bigger.get(), text_.get(), size_);
    text_ = std::move(bigger);
    capacity_ = capacity;
  }
  char* const start = text_.get() + size_;
  char* p = start;
  for (std::size_t i = 0; i < nb; ++i) p += text::encode(b[i], p);
  const auto before = static_cast<std::size_t>(p - start);
  for (std::size_t i = 0; i < na; ++i) p += text::encode(a[i], p);
  Item& e = items.emplace_back();
  e.at = size_;
  e.pos = pos;
  e.length = length;
  e.before = static_cast<std::uint32_t>(before);
  e.after = static_cast<std::uint32_t>(static_cast<std::size_t>(p - start) - before);
  size_ += static_cast<std::size_t>(p - start);
}

namespace {

/// Appends characters [from, to) of b, with their protection and src, to nb.
void copy_range(const RunBuffer& b, RunBuffer& nb, std::size_t from, std::size_t to) {
  if (from >= to) return;
  const auto f = static_cast<std::ptrdiff_t>(from);
  const auto t = static_cast<std::ptrdiff_t>(to);
  nb.s.append(b.s, from, to - from);
  nb.prot.insert(nb.prot.end(), b.prot.begin() + f, b.prot.begin() + t);
  nb.src.insert(nb.src.end(), b.src.begin() + f, b.src.begin() + t);
}

}  // namespace

namespace {

/// Moves n elements of v from index `from` to index `to` (the ranges may overlap).
template <typename Vec>
void shift(Vec& v, std::size_t from, std::size_t to, std::size_t n) {
  if (n != 0 && from != to) std::memmove(v.data() + to, v.data() + from, n * sizeof v[0]);
}

/// RunBuffer::apply by a copy of b into spare (new_size characters), then swapped.
void rebuild(RunBuffer& b, const RunBuffer::Change* first, const RunBuffer::Change* last, std::size_t new_size,
             RunBuffer& spare) {
  spare.s.clear();
  spare.prot.clear();
  spare.src.clear();
  spare.s.reserve(new_size);
  spare.prot.reserve(new_size);
  spare.src.reserve(new_size);
  std::size_t i = 0;
  for (const RunBuffer::Change* ch = first; ch != last; ++ch) {
    copy_range(b, spare, i, ch->start);
    const int code = b.add_origin(b.origin(std::min(ch->start, b.s.size() - 1)));
    spare.s += ch->rep;
    spare.prot.insert(spare.prot.end(), ch->rep.size(), 0);
    spare.src.insert(spare.src.end(), ch->rep.size(), code);
    i = ch->start + ch->len;
  }
  copy_range(b, spare, i, b.s.size());
  b.s.swap(spare.s);
  b.prot.swap(spare.prot);
  b.src.swap(spare.src);
}

}  // namespace

void RunBuffer::apply(const Change* first, const Change* last, RunBuffer& spare) {
  if (!tracked) track();
  // The changes' growth so far, after each: never above zero, the changes can be made left to
  // right in place (the characters written never pass the ones still to be read); never below
  // zero, right to left in place.
  bool never_grown = true;
  bool never_shrunk = true;
  std::ptrdiff_t growth = 0;
  for (const Change* ch = first; ch != last; ++ch) {
    growth += static_cast<std::ptrdiff_t>(ch->rep.size()) - static_cast<std::ptrdiff_t>(ch->len);
    never_grown = never_grown && growth <= 0;
    never_shrunk = never_shrunk && growth >= 0;
  }
  auto put = [this](const Change& ch, std::size_t at, Origin o) {
    const int code = add_origin(o);
    for (std::size_t k = 0; k < ch.rep.size(); ++k) {
      s[at + k] = ch.rep[k];
      prot[at + k] = 0;
      src[at + k] = code;
    }
  };
  if (never_grown && never_shrunk) {
    // Every change keeps its length: the characters around them stay where they are.
    for (const Change* ch = first; ch != last; ++ch)
      if (ch->len != 0) put(*ch, ch->start, origin(ch->start));
    return;
  }
  const std::size_t size = s.size();
  if (!never_grown && !never_shrunk) {  // growth and shrinking mixed: rebuilt in spare
    rebuild(*this, first, last, static_cast<std::size_t>(static_cast<std::ptrdiff_t>(size) + growth), spare);
    return;
  }
  // A change's origin is read before its characters are written or the ones beside it move:
  // nothing written so far reaches it (left to right, what is written ends at or before the
  // change's start; right to left, after it, an insertion's own place aside, which a growth of
  // zero leaves where it is).
  auto move = [this](std::size_t from, std::size_t to, std::size_t n) {
    shift(s, from, to, n);
    shift(prot, from, to, n);
    shift(src, from, to, n);
  };
  if (never_grown) {
    std::size_t r = 0;  // the next character to read
    std::size_t w = 0;  // where it goes
    for (const Change* ch = first; ch != last; ++ch) {
      const Origin o = origin(std::min(ch->start, size - 1));
      move(r, w, ch->start - r);
      w += ch->start - r;
      put(*ch, w, o);
      w += ch->rep.size();
      r = ch->start + ch->len;
    }
    move(r, w, size - r);
    w += size - r;
    s.resize(w);
    prot.resize(w);
    src.resize(w);
    return;
  }
  // never shrunk
  const std::size_t grown = size + static_cast<std::size_t>(growth);
  s.resize(grown);
  prot.resize(grown);
  src.resize(grown);
  std::size_t r = size;   // one past the last character to read
  std::size_t w = grown;  // one past where it goes
  for (const Change* ch = last; ch != first;) {
    --ch;
    const Origin o = origin(std::min(ch->start, size - 1));
    const std::size_t end = ch->start + ch->len;
    w -= r - end;
    move(end, w, r - end);
    w -= ch->rep.size();
    put(*ch, w, o);
    r = ch->start;
  }
}

namespace {

/// The run of each character of a tracked buffer (-1 for a code placeholder), asked with the
/// characters' src left to right: a kept character's run is the span holding its place as built
/// (those places grow along the buffer, so the look goes on from the last span found), a changed
/// one's its added origin's.
class RunOf {
 public:
  explicit RunOf(const RunBuffer& b) : b_(b) {}
  int operator()(int v) {
    if (v < 0) return b_.added[static_cast<std::size_t>(-1 - v)].run;
    const auto x = static_cast<std::size_t>(v);
    while (r_ < b_.spans.size() && b_.spans[r_].end <= x) ++r_;
    return r_ < b_.spans.size() && b_.spans[r_].start <= x ? static_cast<int>(r_) : -1;
  }

 private:
  const RunBuffer& b_;
  std::size_t r_ = 0;
};

}  // namespace

Pos RunBuffer::pos_at(std::size_t i) const {
  const std::size_t size = s.size();
  if (size == 0) return {};
  if (i >= size) i = size - 1;
  // A code placeholder has no run: use the nearest character that has one.
  std::size_t k = i;
  Origin o = origin(k);
  while (k > 0 && o.run < 0) o = origin(--k);
  if (o.run < 0) {
    k = i;
    o = origin(k);
    while (k + 1 < size && o.run < 0) o = origin(++k);
  }
  if (o.run < 0) return {};
  const Inline* r = runs[static_cast<std::size_t>(o.run)];
  return {r->pos.line, r->pos.col + o.off};
}

void RunBuffer::store() const {
  if (!tracked) {  // unchanged: each run's span
    for (std::size_t r = 0; r < runs.size(); ++r) {
      runs[r]->text.clear();
      text::append(runs[r]->text, std::u32string_view(s).substr(spans[r].start, spans[r].end - spans[r].start));
    }
    return;
  }
  for (Inline* r : runs) r->text.clear();
  // Each run's characters are contiguous: encode them a stretch at a time.
  RunOf run_of(*this);
  for (std::size_t i = 0; i < s.size();) {
    const int run = run_of(src[i]);
    std::size_t j = i + 1;
    while (j < s.size() && run_of(src[j]) == run) ++j;
    if (run >= 0) text::append(runs[static_cast<std::size_t>(run)]->text, std::u32string_view(s).substr(i, j - i));
    i = j;
  }
}

namespace {

/// Protection after a change, around the places it changed only. A URL or an e-mail address lies
/// inside one stretch of url_char characters (its prefix, its characters, the @ and the parts
/// around it are all url_char), and what protect_links finds in a stretch depends on the
/// stretch's characters alone: a stretch the rules left as it was when the buffer was built
/// keeps the protection found then. Every other stretch touches a changed place: the url_char
/// characters around each place are unprotected and looked at again (b has no verbatim run, so
/// a url_char character's protection is its link's only).
void protect_changed(RunBuffer& b, const std::vector<RunBuffer::Span>& changed) {
  const std::u32string& s = b.s;
  const std::size_t size = s.size();
  std::size_t done = 0;  // the places before it are looked at (s[done] is no url_char)
  std::size_t from = 0;  // where protect_link_at's look goes on
  for (const RunBuffer::Span& c : changed) {
    std::size_t l = std::max(c.start, done);
    while (l > done && url_char(s[l - 1])) --l;
    std::size_t r = std::max(c.end, done);
    while (r < size && url_char(s[r])) ++r;
    if (l >= r) continue;
    for (std::size_t i = l; i < r; ++i)
      if (url_char(s[i])) b.prot[i] = 0;
    from = protect_range(b, std::max(l, from), r);
    done = r;
  }
}

}  // namespace

void RunBuffer::store_and_rebase(const std::vector<Span>* changed) {
  if (!tracked) track();  // unchanged (the walk reads src)
  // Without verbatim runs and with the changed places known, the protection the characters have
  // is kept (it moves with them) and found again around the changes only (protect_changed).
  bool keep = changed != nullptr;
  for (const Inline* r : runs) keep = keep && !r->verbatim;
  // Each run's text is rewritten from its first character that is not the text's own as built
  // (its stretch's unchanged beginning is there already; a run with no character left is
  // emptied).
  // store() wrote the characters of each run in order, and a run's characters are contiguous in
  // s (a change gives new characters a neighbour's origin), so each run's new text is its
  // stretch of s, and its span that stretch's new place. Characters without a run other than a
  // code span's placeholder (a rule's insertion next to a span took the span's origin) are
  // written to no run (store() leaves them out), so they go from the buffer too.
  // The link_start characters are noted as the walk passes them only when every link is looked
  // for again (with `keep`, the links are looked for around the changes, or everywhere when
  // characters are left out).
  const bool note_links = !keep;
  std::size_t w = 0;
  std::size_t next_run = 0;  // the runs before it have their new spans
  new_spans.resize(spans.size());
  RunOf run_of(*this);
  Links links;
  const std::size_t size = s.size();
  // The sizes stay as they are until the end: the loop works on plain pointers (the writes of
  // bytes would otherwise make the compiler read each vector's data again after every one).
  char32_t* const sp = s.data();
  const int* const vp = src.data();
  const Origin* const ap = added.data();
  char* const pp = prot.data();
  for (std::size_t i = 0; i < size;) {
    const int run = run_of(vp[i]);
    if (run < 0) {
      if (sp[i] == U'\uFFFC') {
        sp[w] = sp[i];
        pp[w] = 1;
        ++w;
      }
      ++i;
      continue;
    }
    const auto r = static_cast<std::size_t>(run);
    // runs with no character left: empty spans where they stand
    for (; next_run < r; ++next_run) {
      new_spans[next_run] = {w, w};
      runs[next_run]->text.clear();
    }
    Inline& in = *runs[r];
    const Span was = spans[r];  // the run's kept characters: their places as built
    // The run's stretch, in one walk: each character is encoded (as text::append does, a chunk
    // of bytes at a time) and moved to its new place when characters were left out before it.
    char bytes[4 * chunk];
    std::size_t nb = 0;
    std::size_t k = i;
    const std::ptrdiff_t back = static_cast<std::ptrdiff_t>(i) - static_cast<std::ptrdiff_t>(w);
    const std::size_t kept = was.end - was.start;
    if (next_run == r) {
      // The run's first characters as built, none left out (src counts on from the span's
      // start): in valid UTF-8 (texts_valid) each character's bytes are what text::encode
      // writes of it, so their bytes are the text's first bytes, left where they are (counted,
      // unless they are all of the text). Other texts are encoded again, as store() does
      // (invalid bytes become U+FFFD's).
      k = texts_valid ? counting_end(vp, i, std::min(size, i + kept), static_cast<int>(was.start)) : i;
      const auto v = static_cast<int>(was.start + (k - i));
      if (note_links)
        for (std::size_t j = i; j < k; ++j)
          if (sp[j] < 0x80 && link_starts.at[sp[j]]) links.note(j - static_cast<std::size_t>(back));
      if (v != static_cast<int>(was.end)) {
        std::size_t same = 0;  // their bytes
        for (std::size_t j = i; j < k; ++j) same += text::utf8_size(sp[j]);
        in.text.resize(same);  // (never longer: the rest is written below)
      }
    }
    for (bool more = true; more && k < size;) {
      // the characters that fit in bytes (four bytes each at most): no look at the room per
      // character
      const std::size_t kmax = std::min(size, k + (sizeof bytes - nb) / 4);
      for (; k < kmax; ++k) {
        const int v = vp[k];
        // one compare for a kept character of the run (a changed one's src wraps round to far
        // beyond the span)
        if (static_cast<std::size_t>(static_cast<std::ptrdiff_t>(v)) - was.start >= kept &&
            (v >= 0 || ap[-1 - v].run != run))
          break;  // another run's
        const char32_t c = sp[k];
        if (c - 0x800 < 0xF800) {  // three bytes (Chinese) first: most of the text, in one store
          const std::uint32_t u = 0x8080E0u | (c >> 12) | ((c << 2) & 0x3F00u) | ((c << 16) & 0x3F0000u);
          std::memcpy(bytes + nb, &u, 4);  // (little-endian, as every target; the fourth byte is written over)
          nb += 3;
        } else if (c < 0x80) {
          bytes[nb++] = static_cast<char>(c);
          if (note_links && link_starts.at[c]) links.note(k - static_cast<std::size_t>(back));
        } else {
          nb += text::encode(c, bytes + nb);
        }
      }
      more = k == kmax;
      if (more && k < size) {  // bytes is full (to a quarter at most)
        in.text.append(bytes, nb);
        nb = 0;
      }
    }
    if (in.text.size() + nb <= in.text.capacity()) {
      in.text.append(bytes, nb);
    } else {  // grown past its room: made at its size (an append would double the room)
      std::string grown;
      grown.reserve(in.text.size() + nb);
      grown.append(in.text);
      grown.append(bytes, nb);
      in.text.swap(grown);
    }
    const std::size_t n = k - i;
    if (back != 0) std::memmove(sp + w, sp + i, n * sizeof(char32_t));
    if (!keep)
      std::memset(pp + w, in.verbatim ? 1 : 0, n);
    else if (back != 0)
      std::memmove(pp + w, pp + i, n);
    if (next_run == r) {
      new_spans[r] = {w, w + n};
      ++next_run;
    } else {  // the run again after a placeholder (its offsets go on): never made by a change
      new_spans[r].end = w + n;
    }
    w += n;
    i = k;
  }
  for (; next_run < spans.size(); ++next_run) {
    new_spans[next_run] = {w, w};
    runs[next_run]->text.clear();
  }
  // A run whose text grew past its room was regrown to twice that: its room fitted back (the
  // document keeps the text until it is rendered).
  for (Inline* r : runs)
    if (r->text.capacity() - r->text.size() > r->text.size() / 4 + 32) r->text.shrink_to_fit();
  spans.swap(new_spans);
  const bool dropped = w != size;  // characters without a run left out: the changed places moved
  s.resize(w);
  prot.resize(w);
  if (!keep) {
    protect_links(*this, links);
  } else if (dropped) {  // every place looked at again
    for (std::size_t i = 0; i < w; ++i)
      if (url_char(sp[i])) pp[i] = 0;
    if (w != 0) {  // every character looked at (as when more than Links::kMost are noted)
      links.first = 0;
      links.last = w - 1;
      links.n = Links::kMost + 1;
      protect_links(*this, links);
    }
  } else {
    protect_changed(*this, *changed);
  }
  src.clear();
  first_s.clear();
  added.clear();
  tracked = false;
}

void for_each_block_text(Document& doc, const std::function<void(RunBuffer&)>& fn, bool track, trig::Scan* scan) {
  RunBuffer b;
  visit(doc.blocks, fn, track, b, scan, 0);
}

}  // namespace paiban
