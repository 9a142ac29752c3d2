// A block's text runs flattened into one buffer of code points, each remembering where it
// came from, so rules can look across run boundaries (emphasis, hard-wrapped lines) and every
// change maps back to a source place. Code spans stand in as one protected U+FFFC.
#ifndef PAIBAN_TEXTRUN_H
#define PAIBAN_TEXTRUN_H

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "model.h"

namespace paiban {

namespace trig {
struct Scan;
}

/// Net changes (RunBuffer::NetEdit) in little room: each change's place, length and texts, the
/// texts in UTF-8 one after the other in one buffer. A change is never moved once listed (the
/// list grows without holding two copies of itself).
class NetList {
 public:
  struct Item {
    std::size_t at = 0;  ///< where `before` starts in the texts; `after` follows it
    Pos pos;
    int length = 0;            ///< code points at pos
    std::uint32_t before = 0;  ///< bytes (a change is part of one block's text)
    std::uint32_t after = 0;   ///< bytes
  };
  std::deque<Item> items;

  /// Lists a change: `length` code points at `pos`, [b, b + nb) in the text as built, became
  /// [a, a + na).
  void add(Pos pos, int length, const char32_t* b, std::size_t nb, const char32_t* a, std::size_t na);
  std::string_view before(const Item& e) const { return std::string_view(text_.get() + e.at, e.before); }
  std::string_view after(const Item& e) const { return std::string_view(text_.get() + e.at + e.before, e.after); }

 private:
  /// The texts, written through a pointer (a string's append costs more than the few characters
  /// of a change).
  std::unique_ptr<char[]> text_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

struct RunBuffer {
  /// Trivial (no member initializers), so the vectors of origins are copied and moved as bytes.
  struct Origin {
    int run;  ///< index into runs, -1 for a code placeholder
    int off;  ///< code point offset in the run's original text
  };
  static_assert(std::is_trivial<Origin>::value, "copied as bytes");
  /// Where one run's characters stand in the buffer as built: s[start, end).
  struct Span {
    std::size_t start;
    std::size_t end;
  };
  std::vector<Inline*> runs;
  /// The block whose inlines these are, for a buffer for_each_block_text hands over (null
  /// otherwise): its readers can look at the block while its text is at hand.
  const Block* block = nullptr;
  int depth = 0;  ///< with `block`: 0 for one of the document's own blocks, 1 inside one of them, …
  std::u32string s;
  /// The buffer as built (by make_buffer, or store_and_rebase) holds each run's characters in a
  /// row, in run order, with code placeholders between them: a character's origin is its run's
  /// span and its offset in it. spans[r] is run r's (an empty run's is empty, where it stands).
  std::vector<Span> spans;
  std::vector<char> prot;  ///< 1 = no rule may touch this character (code, URL, e-mail)
  /// Per character of a tracked buffer: its index in the buffer as first built (its origin is
  /// that one's), or below zero for a changed character, whose origin is added[-1 - src[i]]
  /// (a change gives its characters the origin of a neighbour, see apply()).
  std::vector<int> src;
  std::vector<Origin> added;    ///< the origins of changed characters (see src)
  std::u32string first_s;       ///< s as first built (for net_edits; spans give its origins)
  bool tracked = false;         ///< src and first_s are filled (see track())
  std::vector<Span> new_spans;  ///< storage store_and_rebase() makes the new spans in
  /// The runs' texts are valid UTF-8 (as decode leaves the source: for_each_block_text's
  /// buffers, a document's texts): store_and_rebase then leaves the bytes of a run's unchanged
  /// beginning where they are (fill_buffer and make_buffer leave it false).
  bool texts_valid = false;

  /// Fills src and first_s from the buffer as built; call it before the first change
  /// (make_buffer does unless told not to; apply() does when it was not called).
  void track();

  /// The origin of character i of the buffer as built (from the spans).
  Origin built_origin(std::size_t i) const;
  /// The origin of character i of the buffer as it is now.
  Origin origin(std::size_t i) const {
    if (!tracked) return built_origin(i);
    const int v = src[i];
    return v >= 0 ? built_origin(static_cast<std::size_t>(v)) : added[static_cast<std::size_t>(-1 - v)];
  }
  /// Adds o to `added`: the src of the characters that take it.
  int add_origin(Origin o) {
    added.push_back(o);
    return -static_cast<int>(added.size());
  }
  /// origin(i) for every character.
  std::vector<Origin> origins() const;

  /// Source place of buffer index i (or of the last character when i == size).
  Pos pos_at(std::size_t i) const;
  /// Writes the buffer back into the runs' text.
  void store() const;
  /// store(), and makes the buffer what make_buffer(…, false) would build from the runs as they
  /// now are (offsets into the new texts, protection found again, no tracking), in one walk over
  /// the buffer, without decoding the runs again.
  /// `changed`: the places where the buffer differs from the text as built in a way that can
  /// change its URLs and e-mail addresses (append_net_edits lists them), in order: the links are
  /// then looked for again only around them, the protection found when the buffer was built kept
  /// elsewhere.
  void store_and_rebase(const std::vector<Span>* changed = nullptr);

  /// A net change against the text as first built, in source coordinates: `length` code
  /// points at `pos` became `after`. Changes that would cross a run (a line join) are left out.
  struct NetEdit {
    Pos pos;
    int length = 0;
    std::u32string before;
    std::u32string after;
    NetEdit() = default;
    /// Made where it goes in a list (emplace_back), its texts copied from [b, b + nb) and
    /// [a, a + na).
    NetEdit(Pos p, int len, const char32_t* b, std::size_t nb, const char32_t* a, std::size_t na)
        : pos(p), length(len), before(b, nb), after(a, na) {}
  };
  std::vector<NetEdit> net_edits() const;
  /// net_edits() appended to `out`. With `changed`, each stretch of the buffer that differs from
  /// the text as built in a way that can change its links (see store_and_rebase) is added to it,
  /// in order: [start, end) new characters, or start == end where characters were left out (also
  /// for the changes net_edits leaves out).
  void append_net_edits(std::vector<NetEdit>& out, std::vector<Span>* changed = nullptr) const;
  /// The same changes listed in `out`.
  void append_net_edits(NetList& out, std::vector<Span>* changed = nullptr) const;

 private:
  /// append_net_edits' walk, each change listed in `out`.
  template <class Out>
  void net_edits_into(Out& out, std::vector<Span>* changed) const;

 public:
  /// A change a rule proposes: `len` characters at `start` become `rep`.
  struct Change {
    std::size_t start = 0;
    std::size_t len = 0;
    std::u32string rep;
  };
  /// Makes the changes [first, last) (sorted by start, none overlapping another; the buffer is
  /// tracked first if it is not): each new character takes the origin of the first character it
  /// replaces (of the last character of the buffer at its end), no protection, and a src below
  /// zero (one added origin per change). In place when the buffer, change after change, only
  /// shrinks or only grows (the characters after the first change move once); otherwise rebuilt
  /// in `spare`, whose storage is then swapped with this buffer's.
  void apply(const Change* first, const Change* last, RunBuffer& spare);
};

/// std::stable_sort(first, last, less) without a buffer from the heap: an insertion sort
/// (moves) for up to 32 elements, std::stable_sort for more. For the few edits of one block.
/// The insertion sort moves its iterators a step at a time (a step of a std::deque's iterator is
/// cheap, a jump is not).
template <typename It, typename Less>
void stable_sort_few(It first, It last, Less less) {
  if (last - first > 32) {
    std::stable_sort(first, last, less);
    return;
  }
  if (first == last) return;
  for (It it = std::next(first); it != last; ++it) {
    It prev = std::prev(it);
    if (!less(*it, *prev)) continue;
    auto v = std::move(*it);
    It j = it;
    do {
      *j = std::move(*prev);
      j = prev;
    } while (j != first && less(v, *--prev));
    *j = std::move(v);
  }
}

/// Calls `fn` with the buffer of every text block of the document (paragraphs, headings, list
/// items, quote and signature paragraphs), in source order.
/// With `track` false the buffers are built without track() (readers that change nothing,
/// or that call track() themselves before their first change).
/// With `scan`, each buffer's characters go through scan->note as they are decoded (scan is
/// reset first): when fn is called, *scan is what a scan of the buffer as built finds.
void for_each_block_text(Document& doc, const std::function<void(RunBuffer&)>& fn, bool track = true,
                         trig::Scan* scan = nullptr);

/// Builds the buffer of one list of inlines (e.g. a single title run).
RunBuffer make_buffer(std::vector<Inline>& inlines, bool track = true);
/// The same into an existing buffer, keeping its storage.
/// With `scan`, the trigger scan of the buffer is made while it is built (see for_each_block_text).
void fill_buffer(RunBuffer& b, std::vector<Inline>& inlines, bool track = true, trig::Scan* scan = nullptr);

}  // namespace paiban

#endif  // PAIBAN_TEXTRUN_H
