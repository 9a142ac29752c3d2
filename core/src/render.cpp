// Document + metadata + profile → HTML. The page and the fragment share the body renderer; the
// only difference is how an element gets its look: a class (the page's <style>) or an inline
// style attribute from the profile (the fragment, for a CMS that drops classes).
#include "render.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "meta.h"
#include "text.h"

namespace paiban {

namespace {

/// The profile's style keys (kStyleKeys, in its order: the order the page's <style> element
/// lists them).
enum class Key : int {
  page,
  header,
  breadcrumb,
  article,
  title,
  info,
  views,
  body,
  p,
  h2,
  h3,
  h4,
  h5,
  h6,
  ul,
  li,
  blockquote,
  signature,
  signature_line,
  code,
  a,
  footer,
  footer_line,
};
constexpr std::size_t kKeys = static_cast<std::size_t>(Key::footer_line) + 1;
static_assert(kKeys == kStyleKeys.size(), "a Key for each of the profile's style keys");
constexpr std::size_t at(Key k) {
  return static_cast<std::size_t>(k);
}

/// What each key (kStyleKeys[k]) stands for: its page selector and, for the article's elements
/// the renderer opens with their look, the element's tag and its class on the page (if any).
struct KeySpec {
  const char* selector;
  const char* tag;         ///< nullptr: not an element of the article
  const char* page_class;  ///< nullptr: no class on the page (its selector reaches it)
};
const KeySpec kKeySpecs[kKeys] = {
    {"body", nullptr, nullptr},                      // page
    {".pb-header", nullptr, nullptr},                // header
    {".pb-breadcrumb", nullptr, nullptr},            // breadcrumb
    {".pb-article", nullptr, nullptr},               // article
    {".pb-title", "h1", "pb-title"},                 // title
    {".pb-info", "p", "pb-info"},                    // info
    {".pb-views", "span", "pb-views"},               // views
    {".pb-body", "div", "pb-body"},                  // body
    {".pb-body p", "p", nullptr},                    // p
    {".pb-body h2", "h2", nullptr},                  // h2
    {".pb-body h3", "h3", nullptr},                  // h3
    {".pb-body h4", "h4", nullptr},                  // h4
    {".pb-body h5", "h5", nullptr},                  // h5
    {".pb-body h6", "h6", nullptr},                  // h6
    {".pb-body ul", "ul", nullptr},                  // ul
    {".pb-body li", "li", nullptr},                  // li
    {".pb-body blockquote", "blockquote", nullptr},  // blockquote
    {".pb-signature", "div", "pb-signature"},        // signature
    {".pb-signature p", "p", nullptr},               // signature_line
    {".pb-body code", "code", nullptr},              // code
    {"a", "a", nullptr},                             // a
    {".pb-footer", nullptr, nullptr},                // footer
    {".pb-footer p", nullptr, nullptr},              // footer_line
};

/// The profile's style for each key (nullptr where it has none), found in one walk: the
/// profile's map and the keys are both taken in sorted order.
using Styles = std::array<const std::string*, kKeys>;
Styles styles_of(const Profile& profile) {
  // The keys' indexes in the map's order (pure data, worked out once).
  static const std::array<std::size_t, kKeys> kSorted = [] {
    std::array<std::size_t, kKeys> order{};
    for (std::size_t i = 0; i < kKeys; ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [](std::size_t x, std::size_t y) { return std::strcmp(kStyleKeys[x], kStyleKeys[y]) < 0; });
    return order;
  }();
  Styles found{};
  auto it = profile.styles.begin();
  for (std::size_t j = 0; j < kSorted.size() && it != profile.styles.end();) {
    const std::size_t k = kSorted[j];
    const int c = it->first.compare(kStyleKeys[k]);
    if (c < 0) {
      ++it;
    } else {
      if (c == 0) found[k] = &(it++)->second;
      ++j;
    }
  }
  return found;
}

/// Deeper nesting than this is flattened (its content kept, its wrappers dropped), so a
/// pathological input cannot exhaust the stack.
constexpr int kMaxDepth = 64;

using text::forbidden_in_html;

/// How far escape_html_into can skip from a byte without looking closer: 1 for ASCII that needs
/// no escape (text::needs_html_escape: tab and the line ends stay as they are), 3 for the lead of
/// a 3-byte sequence for U+1000–U+EFFF (all allowed in HTML text), 0 for anything else.
struct SkipTable {
  unsigned char of[256];
};

constexpr SkipTable make_skip_table() {
  SkipTable t{};
  for (int b = 0; b < 256; ++b) {
    unsigned char step = 0;
    if (b < 0x80 && !text::needs_html_escape(static_cast<char32_t>(b)))
      step = 1;
    else if (b >= 0xE1 && b <= 0xEE)
      step = 3;
    t.of[b] = step;
  }
  return t;
}

constexpr SkipTable kSkip = make_skip_table();

/// The entity for an ASCII character that has one, else an empty view.
std::string_view entity_for(unsigned char b) {
  switch (b) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return {};
  }
}

/// Per byte: 1 when escape_html_to's steps over a window holding it may need a closer look
/// (ASCII that has an entity or is a forbidden control; a lead byte other than E1–EF: U+0080–U+0FFF and
/// beyond the BMP), 0 when they never do (ASCII that stays, continuation bytes, E1–EF; an EF's
/// second byte is pass_window's).
struct LookTable {
  unsigned char of[256];
};

constexpr LookTable make_look_table() {
  LookTable t{};
  for (int b = 0; b < 256; ++b) {
    bool look = false;
    if (b < 0x80)
      look = kSkip.of[b] == 0;
    else if (b >= 0xC0)
      look = b < 0xE1 || b > 0xEF;
    t.of[b] = look ? 1 : 0;
  }
  return t;
}

constexpr LookTable kLook = make_look_table();

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "an 8-byte window's first byte is its low byte");

/// Where escape_html_to's steps from in[0] (the start of a step) leave the window in[0, 8) when
/// they need no closer look on the way, 0 when they may. in[0, 10) is readable.
/// The steps from a byte are 1 (ASCII) or 3 (E1–EF) when no byte of the window has kLook: they
/// then stand exactly on the bytes that are no continuation bytes (80–BF) when those are the
/// bytes after each E1–EF byte and the byte after that, and no others (always so in UTF-8). An
/// EF step looks at its second byte (B7 and BF start forbidden stretches). So the window is
/// checked with no step waiting for the last one's length: eight table loads, and the kinds of
/// bytes as bit masks of one 8-byte word (a mask may flag a byte too many, never one too few:
/// that only sends the window to the steps).
inline std::size_t pass_window(const unsigned char* in) {
  if ((kLook.of[in[0]] | kLook.of[in[1]] | kLook.of[in[2]] | kLook.of[in[3]] | kLook.of[in[4]] | kLook.of[in[5]] |
       kLook.of[in[6]] | kLook.of[in[7]]) != 0)
    return 0;
  using text::bytes8::kHigh;
  using text::bytes8::kOnes;
  const std::uint64_t w = text::bytes8::load(in);
  const std::uint64_t cont = w & ~(w << 1) & kHigh;                        // 10xxxxxx
  const std::uint64_t lead = w & (w << 1) & (w << 2) & ~(w << 3) & kHigh;  // 1110xxxx
  if (cont != ((lead << 8) | (lead << 16))) return 0;                      // a byte out of place: the steps decide
  // the zero bytes of x (and perhaps a 01 byte above one)
  const auto zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t ef = zero(w ^ (kOnes * 0xEF));
  const std::uint64_t b7_bf = zero((w | (kOnes * 0x08)) ^ (kOnes * 0xBF));
  if (((ef << 8) & b7_bf) != 0) return 0;
  if ((lead >> 63) != 0) {  // a character in in[7, 10): an EF's second byte is in[8]
    const unsigned second = in[8];
    return (second & 0xC0u) == 0x80u && (second | 0x08u) != 0xBFu ? 10 : 0;
  }
  return (lead >> 55 & 1u) != 0 ? 9 : 8;  // a character in in[6, 9), or none across the end
}

/// Where escape_html_to's steps go on from after the windows from in[i] that pass_window passes
/// (in[0, n) the text). A function of its own, called only where a window fits: the walk over a
/// short text (a word of emphasis, a number) stays as lean as the steps alone.
[[gnu::noinline]] std::size_t pass_windows(const unsigned char* in, std::size_t i, std::size_t n) {
  for (std::size_t step = 0; i + 10 <= n && (step = pass_window(in + i)) != 0;) i += step;
  return i;
}

/// The walk over s that escape_html_to writes by and escaped_size_of counts by: `to.entity(i, e)`
/// for an ASCII byte s[i] that becomes the entity e, `to.replace(start, end)` for a character
/// s[start, end) not allowed in HTML text, which becomes U+FFFD; the bytes between stay as they
/// are. A character is decoded only to check it is allowed (plain ASCII and U+1000–U+EFFF never
/// need the check). The steps go over 8-byte windows at a time where pass_window finds they need
/// no look (most text): a step at a time waits for the last step's length to be loaded.
template <typename To>
void walk_escapes(std::string_view s, To& to) {
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  // How far to skip from in[j] (j + 3 <= n), 0 for a closer look. An EF lead (U+F000–FFFF as
  // decode3 reads it, full-width punctuation among them) is forbidden only at U+FDD0–FDEF and
  // U+FFFE–FFFF: second bytes whose low six bits are 37 or 3F. The others are skipped here as
  // the closer look below would.
  const auto skip = [in](std::size_t j) -> std::size_t {
    const std::size_t step = kSkip.of[in[j]];
    if (step != 0 || in[j] != 0xEF) return step;
    const unsigned second = in[j + 1] & 0x3Fu;
    return second == 0x37 || second == 0x3F ? 0 : 3;
  };
  std::size_t i = 0;  // where a step starts
  for (;;) {
    if (i + 10 <= n) i = pass_windows(in, i, n);
    // a step at a time to the end of the window pass_window left, or to a closer look
    const std::size_t window_end = std::min(n, i + 8);
    std::size_t step = 0;
    while (i < window_end) {
      if (i + 3 <= n) {
        if ((step = skip(i)) == 0) break;
      } else if ((step = kSkip.of[in[i]]) == 0 || i + step > n) {  // no step passes the end
        step = 0;
        break;
      }
      i += step;
    }
    if (i >= n) break;
    if (step != 0) continue;  // the window needed no closer look after all
    const unsigned char b = in[i];
    if (b < 0x80) {
      const std::string_view entity = entity_for(b);
      if (!entity.empty()) {
        to.entity(i, entity);
        ++i;
        continue;
      }
    }
    const std::size_t start = i;
    char32_t c = 0;
    if (b >= 0xE0 && b <= 0xEF && i + 2 < n) {  // the other 3-byte leads, read as text::next reads them
      c = text::decode3(in + i);
      i += 3;
    } else {
      c = text::next(s, i);
    }
    if (forbidden_in_html(c)) to.replace(start, i);
  }
}

/// Writes the escaped form of s at p (see escape_html, walk_escapes), where there is room for
/// s.size() bytes; `more(p, k)` makes room for k bytes at p and returns where p then is (before
/// an entity or a U+FFFD, which take more bytes than what they replace, with the rest of s
/// counted in k). Bytes that stay as they are are copied in runs.
template <typename More>
char* escape_html_to(char* p, std::string_view s, More&& more) {
  struct Write {
    const unsigned char* in;
    std::size_t n;
    char* p;
    More& more;
    std::size_t run = 0;  // start of the bytes not yet copied
    void flush(std::size_t end) {
      if (end > run) std::memcpy(p, in + run, end - run);
      p += end - run;
    }
    void entity(std::size_t i, std::string_view e) {
      flush(i);
      run = i + 1;
      p = more(p, e.size() + (n - run));
      std::memcpy(p, e.data(), e.size());
      p += e.size();
    }
    void replace(std::size_t start, std::size_t end) {
      flush(start);
      run = end;
      p = more(p, 3 + (n - end));
      p += text::encode(0xFFFD, p);
    }
  };
  Write w{reinterpret_cast<const unsigned char*>(s.data()), s.size(), p, more};
  walk_escapes(s, w);
  w.flush(s.size());
  return w.p;
}

/// escaped_size: escape_html_to's walk, counted.
std::size_t escaped_size_of(std::string_view s) {
  struct Count {
    std::size_t size;
    void entity(std::size_t /*i*/, std::string_view e) { size += e.size() - 1; }
    void replace(std::size_t start, std::size_t end) { size = size - (end - start) + 3; }  // U+FFFD
  };
  Count c{s.size()};
  walk_escapes(s, c);
  return c.size;
}

/// Counts what would be appended to a string (page_head's bytes, before they are written).
struct Counter {
  std::size_t n = 0;
  Counter& operator+=(std::string_view s) {
    n += s.size();
    return *this;
  }
  Counter& operator+=(char) {
    ++n;
    return *this;
  }
};

/// Appends the escaped form of s to out (see escape_html_to).
void escape_html_into(Counter& out, std::string_view s) {
  out.n += escaped_size_of(s);
}

/// Appends the escaped form of s to out (see escape_html_to).
void escape_html_into(std::string& out, std::string_view s) {
  const std::size_t at = out.size();
  out.resize(at + s.size());
  char* end = escape_html_to(out.data() + at, s, [&out](char* p, std::size_t k) {
    const auto used = static_cast<std::size_t>(p - out.data());
    if (out.size() - used < k) out.resize(used + k);
    return out.data() + used;
  });
  out.resize(static_cast<std::size_t>(end - out.data()));
}

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

/// Reads "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (a real date and time).
std::optional<DateTime> read_datetime(std::string_view s) {
  DateTime t;
  if (s.size() != 10 && s.size() != 16 && s.size() != 19) return std::nullopt;
  if (!digits(s, 0, 4, t.year) || s[4] != '-' || !digits(s, 5, 2, t.month) || s[7] != '-' || !digits(s, 8, 2, t.day))
    return std::nullopt;
  if (s.size() >= 16 && (s[10] != ' ' || !digits(s, 11, 2, t.hour) || s[13] != ':' || !digits(s, 14, 2, t.minute)))
    return std::nullopt;
  if (s.size() == 19 && (s[16] != ':' || !digits(s, 17, 2, t.second))) return std::nullopt;
  if (t.year < 1 || t.month < 1 || t.month > 12 || t.day < 1) return std::nullopt;
  if (t.day > days_in_month(t.year, t.month) || t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
  return t;
}

using text::kDateTimeMax;
using text::put_digits;

/// text::put_datetime of t.
char* put_datetime(char* p, const DateTime& t, char sep, bool seconds) {
  return text::put_datetime(p, t.year, t.month, t.day, t.hour, t.minute, t.second, sep, seconds);
}

/// The date in the profile's format: YYYY MM DD HH mm ss are replaced, the rest is kept. Each
/// token is replaced by as many digits as it has letters, so the result is fmt.size() bytes,
/// written at p; returns the end.
char* put_formatted_datetime(char* p, std::string_view fmt, const DateTime& t) {
  for (std::size_t i = 0; i < fmt.size();) {
    const std::string_view rest = fmt.substr(i);
    // The tokens start with different letters: at most one matches here.
    if (rest.substr(0, 4) == "YYYY") {
      p = put_digits(p, t.year, 4);
      i += 4;
      continue;
    }
    const std::string_view two_letters = rest.substr(0, 2);
    int value = -1;
    if (two_letters == "MM")
      value = t.month;
    else if (two_letters == "DD")
      value = t.day;
    else if (two_letters == "HH")
      value = t.hour;
    else if (two_letters == "mm")
      value = t.minute;
    else if (two_letters == "ss")
      value = t.second;
    if (value >= 0) {
      p = put_digits(p, value, 2);
      i += 2;
    } else {
      *p++ = fmt[i++];
    }
  }
  return p;
}

/// The text of an inline run and everything inside it, in order (without recursion).
void collect_text(const Inline& root, std::string& out) {
  std::vector<const Inline*> todo{&root};
  while (!todo.empty()) {
    const Inline* in = todo.back();
    todo.pop_back();
    if (in->kind == InlineKind::text || in->kind == InlineKind::code) out += in->text;
    for (auto it = in->children.rbegin(); it != in->children.rend(); ++it) todo.push_back(&*it);
  }
}

std::string plain_text(const std::vector<Inline>& inlines) {
  std::string out;
  for (const Inline& in : inlines) collect_text(in, out);
  return out;
}

const Block* first_paragraph(const std::vector<Block>& blocks, int depth) {
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::paragraph) return &b;
    if (depth < kMaxDepth)
      if (const Block* inner = first_paragraph(b.children, depth + 1)) return inner;
  }
  return nullptr;
}

/// The first `n` code points of s.
std::string prefix(std::string_view s, int n) {
  std::size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) text::next(s, i);
  return std::string(s.substr(0, i));
}

/// What the body's size is made of: bytes of text (and link targets), and the elements around
/// them (blocks and inline elements), for reserving the output once.
struct Extent {
  std::size_t text = 0;
  std::size_t elements = 0;
};
void measure(const std::vector<Inline>& inlines, Extent& e) {
  for (const Inline& in : inlines) {
    e.text += in.text.size();                   // (a link's target is its text)
    if (in.kind == InlineKind::text) continue;  // a text run has no children
    ++e.elements;
    if (!in.children.empty()) measure(in.children, e);
  }
}
void measure(const std::vector<Block>& blocks, Extent& e) {
  for (const Block& b : blocks) {
    ++e.elements;
    measure(b.inlines, e);
    if (!b.children.empty()) measure(b.children, e);
  }
}

/// An output written in pieces: a list of buffers, each sized once for what is expected to go
/// into it (a block at a time), so a big output is not copied as it grows and holds little room
/// it does not use. The bytes are written through a pointer into the last piece (under WASM
/// each std::string member is a call).
/// The pieces are joined into one string at the end, when the document they came from may be
/// gone.
class Sink {
 public:
  Sink() = default;
  /// Where the next `n` bytes (or so) go: into the last piece, or a new one.
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - at_) < n) next(n);
    return at_;
  }
  void put(std::string_view s) {
    char* p = room(s.size());
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    at_ = p + s.size();
  }
  /// Appends a literal (a tag): its size is known where it is written, so the copy is a few
  /// moves rather than a call.
  template <std::size_t N>
  void put(const char (&s)[N]) {
    static_assert(N > 1, "a literal with text");
    char* p = room(N - 1);
    std::memcpy(p, s, N - 1);
    at_ = p + (N - 1);
  }
  /// Writes s escaped (escape_html).
  void escape(std::string_view s) {
    at_ = escape_html_to(room(s.size()), s, [this](char* p, std::size_t k) {
      at_ = p;
      return grow(k);
    });
  }
  /// Ends the last piece (gives back its unused room).
  void finish() { close(); }
  /// The bytes written so far.
  std::size_t size() const { return written_ + static_cast<std::size_t>(at_ - begin_); }
  /// Appends the pieces to out (reserved once to its final size), freeing each when copied.
  void move_to(std::string& out, std::string_view tail) {
    close();
    out.reserve(out.size() + written_ + tail.size());
    for (Piece& piece : pieces_) {
      if (piece.size > 0) out.append(piece.data.get(), piece.size);
      piece.data.reset();
    }
    out += tail;
    std::vector<Piece>().swap(pieces_);
    written_ = 0;
  }

 private:
  struct Piece {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
  };

  /// Ends the last piece (its size is what was written into it). A piece left with more than a
  /// sixteenth of its room unused (a block's guess that did not fit starts the next one, and the
  /// last is ended before the join) is moved to one of its size: the room is given back before
  /// the outputs are joined, when the most is held at once.
  void close() {
    if (pieces_.empty() || begin_ == nullptr) return;  // none, or ended already
    Piece& last = pieces_.back();
    const auto used = static_cast<std::size_t>(at_ - begin_);
    if (static_cast<std::size_t>(end_ - at_) > static_cast<std::size_t>(end_ - begin_) / 16) {
      std::unique_ptr<char[]> fit(used > 0 ? new char[used] : nullptr);
      if (used > 0) std::memcpy(fit.get(), begin_, used);
      last.data = std::move(fit);
    }
    last.size = used;
    written_ += used;
    begin_ = at_ = end_ = nullptr;
  }
  /// Starts a piece with room for at least n bytes. Out of line: room() stays small enough to
  /// be inlined at every write.
  [[gnu::noinline]] void next(std::size_t n) {
    close();
    // A sixteenth of what is written so far (at least 4 KB): few pieces, and the unused end of
    // the last is small beside the whole.
    const std::size_t cap = std::max({std::size_t(4096), written_ / 16, n + n / 8});
    pieces_.push_back(Piece{std::unique_ptr<char[]>(new char[cap]), 0});
    begin_ = at_ = pieces_.back().data.get();
    end_ = begin_ + cap;
  }
  /// Room for n bytes at the write position in the same piece (what it holds is moved to a
  /// bigger one, twice its size at least, when it has less); returns the write position.
  char* grow(std::size_t n) {
    if (static_cast<std::size_t>(end_ - at_) >= n) return at_;
    const auto used = static_cast<std::size_t>(at_ - begin_);
    const std::size_t cap = std::max(used + n, 2 * static_cast<std::size_t>(end_ - begin_));
    std::unique_ptr<char[]> bigger(new char[cap]);
    if (used > 0) std::memcpy(bigger.get(), begin_, used);
    pieces_.back().data = std::move(bigger);
    begin_ = pieces_.back().data.get();
    at_ = begin_ + used;
    end_ = begin_ + cap;
    return at_;
  }

  std::size_t written_ = 0;  ///< bytes in the pieces before the last
  std::vector<Piece> pieces_;
  char* begin_ = nullptr;  ///< the last piece, the write position in it and its end
  char* at_ = nullptr;
  char* end_ = nullptr;
};

/// Renders the article's parts (title, info line, body) into the page, the fragment or both in
/// one walk. The two differ only in the looks of elements (a class on the page, a style
/// attribute in the fragment); everything else (tags, escaped text) is worked out once and the
/// same bytes are appended to both.
/// The page's looks: a class attribute (or nothing) and the opening tag of each element. They
/// do not depend on the profile: pure data, worked out once.
struct PageLooks {
  std::string look[kKeys];
  std::string open[kKeys];
};
const PageLooks& page_looks() {
  static const PageLooks kLooks = [] {
    PageLooks looks;
    for (std::size_t k = 0; k < kKeys; ++k) {
      const KeySpec& spec = kKeySpecs[k];
      if (spec.tag == nullptr) continue;
      if (spec.page_class != nullptr) looks.look[k] = std::string(" class=\"") + spec.page_class + '"';
      looks.open[k] = std::string("<") + spec.tag + looks.look[k] + '>';
    }
    return looks;
  }();
  return kLooks;
}

/// The fragment's looks: each element's style attribute and opening tag, one after the other in
/// one buffer (offset, length).
struct FragmentLooks {
  std::string text;
  std::array<std::pair<std::size_t, std::size_t>, kKeys> look{};
  std::array<std::pair<std::size_t, std::size_t>, kKeys> open{};
  /// The recipe's pieces (render_with_recipe, render.h), each key's opening tag then each key's
  /// look: per piece, its length in the page, where its text for the fragment starts in `text`
  /// and its length, in UTF-16 units. Empty until made (add_recipe_pieces): the default
  /// profile's when its looks are made, once; another's when a recipe needs them.
  std::vector<std::uint32_t> pieces16;
};

/// Makes f.pieces16.
void add_recipe_pieces(FragmentLooks& f) {
  const PageLooks& page = page_looks();
  std::vector<std::uint32_t>& out = f.pieces16;
  out.clear();
  out.reserve(6 * kKeys);
  for (std::size_t i = 0; i < 2 * kKeys; ++i) {
    const std::string_view in_page = i < kKeys ? page.open[i] : page.look[i - kKeys];
    const std::pair<std::size_t, std::size_t> at = i < kKeys ? f.open[i] : f.look[i - kKeys];
    out.push_back(static_cast<std::uint32_t>(text::utf16_length(in_page)));
    out.push_back(static_cast<std::uint32_t>(text::utf16_length(std::string_view(f.text).substr(0, at.first))));
    out.push_back(static_cast<std::uint32_t>(text::utf16_length(std::string_view(f.text).substr(at.first, at.second))));
  }
}
FragmentLooks fragment_looks(const Styles& styles) {
  FragmentLooks f;
  std::string& out = f.text;
  std::size_t size = 0;
  for (std::size_t k = 0; k < kKeys; ++k)
    if (styles[k] != nullptr) size += 2 * styles[k]->size() + 40;
  out.reserve(size);
  for (std::size_t k = 0; k < kKeys; ++k) {
    const KeySpec& spec = kKeySpecs[k];
    if (spec.tag == nullptr) continue;
    const std::string* style = styles[k];
    std::size_t from = out.size();
    if (style != nullptr && !style->empty()) {
      out += " style=\"";
      escape_html_into(out, *style);
      out += '"';
    }
    f.look[k] = {from, out.size() - from};
    from = out.size();
    out += '<';
    out += spec.tag;
    out.append(out, f.look[k].first, f.look[k].second);
    out += '>';
    f.open[k] = {from, out.size() - from};
  }
  return f;
}

/// Where the page and the fragment differ: at `gap` bytes after the end of the last such place
/// in the page's article, the page has an element's opening tag (`open`) or look attribute
/// (`look`) where the fragment has its own (`none`: no difference, only a gap too long for one
/// mark). The fragment is the page's article with each of these replaced (Renderer::replay).
struct LookMark {
  enum Kind : std::uint8_t { none, open, look };
  std::uint32_t gap = 0;
  Kind kind = none;
  std::uint8_t key = 0;
};

class Renderer {
 public:
  /// Writes the page (`page`) or the fragment into `out`. With `marks` (the page only), the
  /// places where the fragment would differ from the page are listed there: replay() then makes
  /// the fragment from the page.
  Renderer(const Meta& meta, const Profile& profile, const Styles& styles, Sink& out, bool page,
           std::vector<LookMark>* marks = nullptr)
      : meta_(meta), profile_(profile), out_(out), o_(page ? 0 : 1), marks_(page ? marks : nullptr) {
    if (page) {
      const PageLooks& looks = page_looks();
      for (std::size_t k = 0; k < kKeys; ++k) {
        look_[0][k] = looks.look[k];
        open_[0][k] = looks.open[k];
      }
    }
    if (!page || marks_ != nullptr) {
      // The default profile never changes: its looks are worked out once.
      const FragmentLooks* looks = &looks_;
      if (&profile == &default_profile()) {
        static const FragmentLooks kDefault = [] {
          FragmentLooks f = fragment_looks(styles_of(default_profile()));
          add_recipe_pieces(f);  // (made here: the default's looks are shared by every thread)
          return f;
        }();
        looks = &kDefault;
      } else {
        looks_ = fragment_looks(styles);
      }
      fragment_looks_ = looks;
      const std::string_view all(looks->text);
      for (std::size_t k = 0; k < kKeys; ++k) {
        look_[1][k] = all.substr(looks->look[k].first, looks->look[k].second);
        open_[1][k] = all.substr(looks->open[k].first, looks->open[k].second);
      }
    }
  }
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  /// Appends to `out` the fragment's article made from the page's (`page`: what the page's sink
  /// got, marked as it was written): the same bytes the walk writes into a fragment sink.
  void replay(std::string_view page, std::string& out) const {
    out.reserve(out.size() + fragment_size(page.size()));
    std::size_t from = 0;
    for (const LookMark& m : *marks_) {
      out.append(page.data() + from, m.gap);
      from += m.gap;
      if (m.kind == LookMark::none) continue;
      out += piece(1, m);
      from += piece(0, m).size();
    }
    out.append(page.data() + from, page.size() - from);
  }

  /// Appends to `out` the fragment as a recipe for the page's text (see render_with_recipe in
  /// render.h): `page` the whole page, whose article (what the page's sink got, marked as it was
  /// written) is page[article_at, article_at + article_size). Counts in UTF-16 units: the page's
  /// text as TextDecoder makes it of the page's bytes.
  void recipe(std::string_view page, std::size_t article_at, std::size_t article_size, std::string& out) {
    const std::string_view article = page.substr(article_at, article_size);
    if (fragment_looks_ == &looks_ && looks_.pieces16.empty()) add_recipe_pieces(looks_);  // this call's own
    const std::vector<std::uint32_t>& pieces = fragment_looks_->pieces16;
    const std::string& text = fragment_looks_->text;
    // The words written through a pointer into room made at once (under WASM each std::string
    // member is a call: a call per word cost more than the rest of the recipe).
    const std::size_t words = kRecipeHead + pieces.size() + 2 * marks_->size();
    const std::size_t base = out.size();
    out.resize(base + 4 * words + text.size());
    char* p = out.data() + base;
    const auto word = [&p](std::size_t v) {
      const auto w = static_cast<std::uint32_t>(v);
      std::memcpy(p, &w, 4);
      p += 4;
    };
    word(fragment_size(article.size()));
    word(text::utf16_length(page.substr(0, article_at)));
    char* const size_at = p;  // the article's length, written once counted below
    word(0);
    word(pieces.size() / 3);
    word(marks_->size());
    word(text.size());
    std::memcpy(p, pieces.data(), 4 * pieces.size());
    p += 4 * pieces.size();
    // The article's places in UTF-16 units, counted in one walk: where each piece starts and
    // ends.
    text::Utf16Counter units(article);
    std::size_t from = 0;    // in bytes of the article: where the last piece ended
    std::size_t from16 = 0;  // units.to(from)
    for (const LookMark& m : *marks_) {
      from += m.gap;
      word(units.to(from) - from16);
      if (m.kind != LookMark::none) {
        word(m.kind == LookMark::open ? m.key : kKeys + m.key);
        from += piece(0, m).size();
      } else {
        word(kNoPiece);
      }
      from16 = units.to(from);
    }
    const auto size16 = static_cast<std::uint32_t>(units.to(article.size()));
    std::memcpy(size_at, &size16, 4);
    std::copy(text.begin(), text.end(), p);
  }

  /// Makes sure the output's piece has room for `text` bytes of text and `elements` elements (a
  /// guess: more is written, the piece grows).
  void room(std::size_t text, std::size_t elements) {
    out_.room(text + elements * (24 + look_[o_][at(Key::p)].size()) + 16);
  }

  /// The title as the article's <h1>.
  void heading() {
    room(meta_.title.value.size() + 1024, 4);
    open(Key::title);
    const std::string& t = meta_.title.value;
    if (text::trim(t).empty())
      article_text("（无标题）");
    else
      article_text(t);
    put("</h1>\n");
  }

  /// The publish-date and views line.
  void info_line() {
    open(Key::info);
    if (auto t = read_datetime(meta_.date.value)) {
      put("<span>");
      escaped(profile_.date_label);
      put("<time datetime=\"");
      char stamp[kDateTimeMax];
      put(std::string_view(stamp, static_cast<std::size_t>(put_datetime(stamp, *t, 'T', true) - stamp)));
      put("+08:00\">");
      const std::string_view fmt = profile_.date_format;
      if (fmt.size() <= 64) {  // the usual formats: on the stack
        char date[64];
        escaped(std::string_view(date, static_cast<std::size_t>(put_formatted_datetime(date, fmt, *t) - date)));
      } else {
        std::string date(fmt.size(), '\0');
        put_formatted_datetime(date.data(), fmt, *t);
        escaped(date);
      }
      put("</time></span>");
    }
    const std::string_view views = text::trim(meta_.views.value);
    if (!views.empty()) {
      open(Key::views);
      escaped(profile_.views_label);
      escaped(views);
      put("</span>");
    } else {
      put("<span");
      look(Key::views);
      put(" data-cms-slot=\"views\"></span>");
    }
    put("</p>\n");
  }

  /// The body.
  /// With `consume` (the same document), each block's inlines and children are freed as soon
  /// as it is written, and the block list at the end.
  void body(const Document& doc, Document* consume) {
    open(Key::body);
    put("\n");
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      Extent e;
      measure(doc.blocks[i].inlines, e);
      measure(doc.blocks[i].children, e);
      room(e.text + e.text / 8, e.elements + 1);
      block(doc.blocks[i], 0);
      if (consume != nullptr) {
        Block& b = consume->blocks[i];
        std::vector<Inline>().swap(b.inlines);
        std::vector<Block>().swap(b.children);
      }
    }
    if (consume != nullptr) std::vector<Block>().swap(consume->blocks);
    put("</div>\n");
  }

 private:
  /// Appends s to the output.
  void put(std::string_view s) { out_.put(s); }
  /// Appends a literal (a tag) to the output.
  template <std::size_t N>
  void put(const char (&s)[N]) {
    out_.put(s);
  }

  /// Appends the element's opening tag, with its look, to the output.
  void open(Key k) {
    if (marks_ != nullptr) mark(LookMark::open, k);
    out_.put(open_[o_][at(k)]);
  }
  /// Appends the element's look attribute to the output.
  void look(Key k) {
    if (marks_ != nullptr) mark(LookMark::look, k);
    out_.put(look_[o_][at(k)]);
  }

  /// The fragment's size in bytes, made from a page's article of `article` bytes: each mark's
  /// piece of the page replaced by the fragment's.
  std::size_t fragment_size(std::size_t article) const {
    for (const LookMark& m : *marks_)
      if (m.kind != LookMark::none) article = article - piece(0, m).size() + piece(1, m).size();
    return article;
  }

  /// The page's (o = 0) or the fragment's (o = 1) text at a mark.
  std::string_view piece(std::size_t o, const LookMark& m) const {
    return m.kind == LookMark::open ? open_[o][m.key] : look_[o][m.key];
  }
  /// Notes that the page's next bytes are k's opening tag or look.
  void mark(LookMark::Kind kind, Key k) {
    std::size_t gap = out_.size() - marked_;
    for (; gap > UINT32_MAX; gap -= UINT32_MAX) marks_->push_back(LookMark{UINT32_MAX, LookMark::none, 0});
    const LookMark m{static_cast<std::uint32_t>(gap), kind, static_cast<std::uint8_t>(at(k))};
    marks_->push_back(m);
    marked_ = out_.size() + piece(0, m).size();
  }

  /// Appends s escaped to the output.
  void escaped(std::string_view s) { out_.escape(s); }

  /// A text of the article (title, body), in the publishing form when the profile asks.
  void article_text(std::string_view s) {
    if (profile_.half_width_publish)
      escaped(text::fold_halfwidth(s));
    else
      escaped(s);
  }

  void blocks(const std::vector<Block>& bs, int depth) {
    for (const Block& b : bs) block(b, depth);
  }

  void paragraph(const Block& b, Key k, int depth) {
    open(k);
    inlines(b.inlines, depth);
    put("</p>\n");
  }

  void block(const Block& b, int depth) {
    if (depth >= kMaxDepth) {  // flatten: one paragraph per block that has text, no nesting
      std::vector<const Block*> todo{&b};
      while (!todo.empty()) {
        const Block* x = todo.back();
        todo.pop_back();
        if (!x->inlines.empty()) {
          open(Key::p);
          article_text(plain_text(x->inlines));
          put("</p>\n");
        }
        for (auto it = x->children.rbegin(); it != x->children.rend(); ++it) todo.push_back(&*it);
      }
      return;
    }
    switch (b.kind) {
      case BlockKind::paragraph:
      case BlockKind::list_item:  // stray item outside a list
        paragraph(b, Key::p, depth);
        break;
      case BlockKind::heading: {
        const int level = b.level < 2 ? 2 : (b.level > 6 ? 6 : b.level);
        const Key k = static_cast<Key>(static_cast<int>(Key::h2) + (level - 2));
        open(k);
        inlines(b.inlines, depth);
        static constexpr std::string_view kClose[] = {"</h2>\n", "</h3>\n", "</h4>\n", "</h5>\n", "</h6>\n"};
        put(kClose[level - 2]);
        break;
      }
      case BlockKind::list: {
        if (b.children.empty()) break;  // an empty <ul> is not valid HTML
        open(Key::ul);
        put("\n");
        for (const Block& item : b.children) {
          open(Key::li);
          inlines(item.inlines, depth + 1);
          if (!item.children.empty()) {
            put("\n");
            blocks(item.children, depth + 1);
          }
          put("</li>\n");
        }
        put("</ul>\n");
        break;
      }
      case BlockKind::quote:
        open(Key::blockquote);
        put("\n");
        blocks(b.children, depth + 1);
        put("</blockquote>\n");
        break;
      case BlockKind::signature:
        open(Key::signature);
        put("\n");
        for (const Block& line : b.children) paragraph(line, Key::signature_line, depth + 1);
        if (b.children.empty() && !b.inlines.empty()) paragraph(b, Key::signature_line, depth + 1);
        put("</div>\n");
        break;
    }
  }

  void inlines(const std::vector<Inline>& ins, int depth) {
    for (const Inline& in : ins) inline_run(in, depth);
  }

  void inline_run(const Inline& in, int depth) {
    if (depth >= kMaxDepth) {  // flatten: the text only
      std::string t;
      collect_text(in, t);
      article_text(t);
      return;
    }
    switch (in.kind) {
      case InlineKind::text:  // raw HTML from the notes arrives here, verbatim: shown as typed
        if (in.verbatim)
          escaped(in.text);
        else if (in.plain && !profile_.half_width_publish)  // nothing to escape (folding may make some)
          out_.put(in.text);
        else
          article_text(in.text);
        break;
      case InlineKind::code:
        open(Key::code);
        escaped(in.text);
        put("</code>");
        break;
      case InlineKind::emph:
        put("<em>");
        inlines(in.children, depth + 1);
        put("</em>");
        break;
      case InlineKind::strong:
        put("<strong>");
        inlines(in.children, depth + 1);
        put("</strong>");
        break;
      case InlineKind::link: {
        const bool linked = is_safe_href(in.href());
        if (linked) {
          put("<a href=\"");
          escaped(in.href());
          put("\"");
          look(Key::a);
          put(">");
        }
        inlines(in.children, depth + 1);
        if (in.children.empty()) escaped(in.href());
        if (linked) put("</a>");
        break;
      }
    }
  }

  const Meta& meta_;
  const Profile& profile_;
  Sink& out_;
  std::size_t o_;  ///< the output written: 0 the page, 1 the fragment (the index into look_, open_)
  /// Each element's look attribute and opening tag, per output (into page_looks() for the
  /// page, into looks_ for the fragment; the fragment's also to replay the page).
  std::string_view look_[2][kKeys];
  std::string_view open_[2][kKeys];
  FragmentLooks looks_;                            ///< the fragment's, unless the default profile's are used
  const FragmentLooks* fragment_looks_ = nullptr;  ///< the fragment's looks in use (looks_, or the default's)
  std::vector<LookMark>* marks_;                   ///< where the fragment differs from the page, or null
  std::size_t marked_ = 0;                         ///< the page's bytes up to the end of the last mark's text
};

/// True when s has a character other than a space (text::trim(s) is not empty).
bool has_text(std::string_view s) {
  if (!s.empty() && static_cast<unsigned char>(s[0]) > 0x20 && static_cast<unsigned char>(s[0]) < 0x7F)
    return true;  // an ASCII letter, digit or sign: never a space
  return !text::trim(s).empty();
}

/// A <meta> tag, if the value has text: `open` is its start, `<meta name="Name" content="`.
template <class Out>
void meta_tag(Out& out, std::string_view open, std::string_view value) {
  const std::string_view v = text::trim(value);
  if (v.empty()) return;
  out += open;
  escape_html_into(out, v);
  out += "\">\n";
}

}  // namespace

std::size_t escaped_size(std::string_view s) {
  return escaped_size_of(s);
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  escape_html_into(out, s);
  return out;
}

bool is_safe_href(std::string_view href) {
  // Browsers drop leading and trailing C0 controls and spaces, and every tab and line break
  // (all of them bytes <= 0x20, so the leading ones go in one skip).
  std::size_t i = 0;
  while (i < href.size() && static_cast<unsigned char>(href[i]) <= 0x20) ++i;
  if (i == href.size()) return false;
  // A scheme is whatever comes before a ':' that precedes any '/', '?' or '#'; only its first
  // letters are kept (no allowed scheme is longer than six).
  char scheme[7] = {};
  std::size_t len = 0;
  bool too_long = false;
  for (; i < href.size(); ++i) {
    char c = href[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '/' || c == '?' || c == '#') return true;  // relative
    if (c == ':') {
      if (too_long) return false;
      const std::string_view name(scheme, len);
      return name == "http" || name == "https" || name == "mailto";
    }
    if (len == sizeof scheme) {
      too_long = true;
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    scheme[len++] = c;
  }
  return true;  // relative
}

namespace {

/// The page's style rules, one per style the profile sets.
void style_rules(std::string& out, const Styles& styles) {
  for (std::size_t k = 0; k < kKeys; ++k) {
    const std::string* style = styles[k];
    if (style == nullptr || !has_text(*style)) continue;
    // Style values were checked when the profile was read (no <, >, {, }, @, \, url( …).
    out += kKeySpecs[k].selector;
    out += '{';
    out += *style;
    out += "}\n";
  }
}

constexpr std::string_view kPageStart =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
constexpr std::string_view kArticleStart = "</nav></header>\n<main>\n<article class=\"pb-article\">\n";

/// The page after the article: the footer.
void page_tail(std::string& out, const Profile& profile) {
  out += "</article>\n</main>\n";
  out += "<footer class=\"pb-footer\">\n";
  for (const auto& line : profile.footer_lines) {
    out += "<p>";
    for (std::size_t i = 0; i < line.size(); ++i) {
      const FooterItem& item = line[i];
      if (i > 0) escape_html_into(out, profile.footer_separator);
      if (!item.href.empty() && is_safe_href(item.href)) {
        out += "<a href=\"";
        escape_html_into(out, item.href);
        out += "\">";
        escape_html_into(out, item.text);
        out += "</a>";
      } else {
        escape_html_into(out, item.text);
      }
    }
    out += "</p>\n";
  }
  out += "</footer>\n</body>\n</html>\n";
}

/// The page chrome of `profile`, its styles given (styles_of).
PageChrome make_chrome(const Profile& profile, const Styles& styles) {
  PageChrome c;
  std::string& t = c.title_end;
  if (!profile.site_name.empty()) {
    t += " - ";
    escape_html_into(t, profile.site_name);
  }
  t += "</title>\n";
  // The meta tags of the government-website guidelines, where known: the site's own first.
  meta_tag(t, "<meta name=\"SiteName\" content=\"", profile.site_name);
  meta_tag(t, "<meta name=\"SiteDomain\" content=\"", profile.site_domain);
  meta_tag(t, "<meta name=\"SiteIDCode\" content=\"", profile.site_id_code);

  std::string& b = c.body_start;
  // The page carries no script and loads nothing: the policy says so to the browser too.
  b += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'none'; "
       "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n";
  b += "<link rel=\"icon\" href=\"data:,\">\n<style>\n";
  style_rules(b, styles);
  b += "</style>\n</head>\n<body>\n";
  // Breadcrumb: the only visible thing in the header.
  const std::string home = profile.home_url.empty() ? std::string("/") : profile.home_url;
  const std::string label = profile.crumb_label.empty() ? std::string("当前位置") : profile.crumb_label;
  b += "<header class=\"pb-header\"><nav class=\"pb-breadcrumb\" aria-label=\"";
  escape_html_into(b, label);
  b += "\"><a href=\"";
  escape_html_into(b, is_safe_href(home) ? std::string_view(home) : std::string_view("/"));
  b += "\">";
  escape_html_into(b, profile.home_label);
  b += "</a>";

  escape_html_into(c.crumb_separator, profile.crumb_separator);
  page_tail(c.tail, profile);
  return c;
}

/// The default profile's chrome: it never changes, so it is made once per process.
const PageChrome& default_chrome() {
  static const PageChrome kDefault = make_chrome(default_profile(), styles_of(default_profile()));
  return kDefault;
}

/// The page's description: the start of the document's first paragraph, in the publishing form
/// when the profile asks.
std::string description_of(const Document& document, const Profile& profile) {
  const Block* p = first_paragraph(document.blocks, 0);
  if (p == nullptr) return {};
  std::string all = plain_text(p->inlines);
  if (profile.half_width_publish) all = text::fold_halfwidth(all);
  return prefix(text::trim(all), 120);
}

/// The page up to the article: head (title, meta tags, styles) and breadcrumb. What comes from
/// the profile alone is the chrome's; the rest is this call's. `description`: description_of
/// the document. Out: a std::string, or a Counter for the size (the page is reserved once).
template <class Out>
void page_head(Out& out, const std::string& description, const Meta& meta, const Profile& profile,
               const PageChrome& chrome) {
  const bool fold = profile.half_width_publish;
  auto article = [&](std::string_view s) { return fold ? text::fold_halfwidth(s) : std::string(s); };
  const std::string title = article(text::trim(meta.title.value).empty() ? std::string_view("（无标题）")
                                                                         : std::string_view(meta.title.value));
  const std::string article_title = article(meta.title.value);
  char date[kDateTimeMax];
  std::size_t date_size = 0;
  if (auto t = read_datetime(meta.date.value))
    date_size = static_cast<std::size_t>(put_datetime(date, *t, ' ', false) - date);
  out += kPageStart;
  escape_html_into(out, title);
  out += chrome.title_end;
  meta_tag(out, "<meta name=\"ColumnName\" content=\"", meta.column.value);
  meta_tag(out, "<meta name=\"ArticleTitle\" content=\"", article_title);
  if (date_size > 0) meta_tag(out, "<meta name=\"PubDate\" content=\"", std::string_view(date, date_size));
  meta_tag(out, "<meta name=\"ContentSource\" content=\"", meta.source.value);
  meta_tag(out, "<meta name=\"Keywords\" content=\"", meta.keywords.value);
  meta_tag(out, "<meta name=\"Author\" content=\"", meta.author.value);
  meta_tag(out, "<meta name=\"Description\" content=\"", description);
  meta_tag(out, "<meta name=\"Url\" content=\"", meta.url.value);
  out += chrome.body_start;
  const std::string_view column = text::trim(meta.column.value);
  if (!column.empty()) {
    out += chrome.crumb_separator;
    out += "<span aria-current=\"page\">";
    escape_html_into(out, column);
    out += "</span>";
  }
  out += kArticleStart;
}

}  // namespace

namespace {

/// Renders `document`; with `consume` (the same document), frees it along the way. `chrome`:
/// the profile's (null: made here, or the default profile's).
/// With `recipe` and `page` (and no `fragment`), the recipe for the fragment instead of it.
void render_into(const Document& document, Document* consume, const Meta& meta, const Profile& profile,
                 const PageChrome* chrome, std::string* page, std::string* fragment, std::string* recipe = nullptr) {
  if (page == nullptr && fragment == nullptr) return;
  // The default profile's looks, rules and footer are made once from its styles.
  const bool is_default = &profile == &default_profile();
  const Styles styles = is_default ? Styles{} : styles_of(profile);
  PageChrome made;
  if (page != nullptr && chrome == nullptr) {
    if (is_default) {
      chrome = &default_chrome();
    } else {
      made = make_chrome(profile, styles);
      chrome = &made;
    }
  }
  // With both outputs, the walk writes the page alone and notes where the fragment differs (an
  // element's look): the fragment is then made from the page's article at its exact size, and
  // the two outputs' pieces are never held at once.
  const bool both = page != nullptr && (fragment != nullptr || recipe != nullptr);
  std::vector<LookMark> marks;
  Sink body;  // the page's article, or (without the page) the fragment
  Renderer r(meta, profile, styles, body, page != nullptr, both ? &marks : nullptr);
  // The page's head is written once the document is gone (when less is held): what it needs of
  // the document is taken first.
  std::string description;
  if (page != nullptr) description = description_of(document, profile);
  r.heading();
  r.info_line();
  r.body(document, consume);
  body.finish();  // its unused room given back before the page is reserved
  if (page != nullptr) {
    // The page at its final size (the head counted first): the head, the article's pieces, the
    // chrome's tail.
    Counter head;
    page_head(head, description, meta, profile, *chrome);
    page->reserve(page->size() + head.n + body.size() + chrome->tail.size());
    page_head(*page, description, meta, profile, *chrome);
    std::string().swap(description);
    if (chrome == &made) {  // made for this call: only its footer is needed from here on
      std::string().swap(made.title_end);
      std::string().swap(made.body_start);
      std::string().swap(made.crumb_separator);
    }
    const std::size_t article_at = page->size();
    const std::size_t article_size = body.size();
    body.move_to(*page, chrome->tail);
    if (recipe != nullptr)
      r.recipe(*page, article_at, article_size, *recipe);
    else if (both)
      r.replay(std::string_view(*page).substr(article_at, article_size), *fragment);
  } else {  // the fragment alone, joined into one string of its final size
    body.move_to(*fragment, {});
  }
}

}  // namespace

void render(const Document& document, const Meta& meta, const Profile& profile, std::string* page,
            std::string* fragment) {
  render_into(document, nullptr, meta, profile, nullptr, page, fragment);
}

void render(Document&& document, const Meta& meta, const Profile& profile, std::string* page, std::string* fragment) {
  render_into(document, &document, meta, profile, nullptr, page, fragment);
}

void render(Document&& document, const Meta& meta, const Profile& profile, const PageChrome* chrome, std::string* page,
            std::string* fragment) {
  render_into(document, &document, meta, profile, chrome, page, fragment);
}

void render_with_recipe(Document&& document, const Meta& meta, const Profile& profile, const PageChrome* chrome,
                        std::string& page, std::string& recipe) {
  render_into(document, &document, meta, profile, chrome, &page, nullptr, &recipe);
}

PageChrome make_page_chrome(const Profile& profile) {
  return make_chrome(profile, styles_of(profile));
}

std::string render_fragment(const Document& document, const Meta& meta, const Profile& profile) {
  std::string out;
  render(document, meta, profile, nullptr, &out);
  return out;
}

std::string render_page(const Document& document, const Meta& meta, const Profile& profile) {
  std::string out;
  render(document, meta, profile, &out, nullptr);
  return out;
}

}  // namespace paiban
