// The typography engine makes a rule's accepted changes with RunBuffer::apply: in place when
// every change keeps its length (full-width marks, quotes, width, zero), in place with one move
// of the characters after the first change when the buffer only shrinks (deleted spaces) or
// only grows, by a rebuild of the buffer otherwise. Either way the buffer (characters, origins, protection, src) must
// be what the engine's first version built: a copy of every character range between the changes and the replacements,
// each taking the origin of the first character it replaces (the last one's at the end), no protection and a changed
// src. Checked on generated buffers and change lists.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "inline_runs.h"
#include "textrun.h"

using namespace paiban;

namespace {

using testing::make_inlines;
using testing::Rng;

// ---- the engine's first version: a rebuild of the whole buffer for every rule that changed it

// It kept an origin per character (`org` here); src was -1 for a changed character (the
// buffer now keeps a changed character's origin aside, src below zero saying where).

void old_copy_range(const RunBuffer& b, const std::vector<RunBuffer::Origin>& org, RunBuffer& nb,
                    std::vector<RunBuffer::Origin>& norg, std::size_t from, std::size_t to) {
  if (from >= to) return;
  const auto f = static_cast<std::ptrdiff_t>(from);
  const auto t = static_cast<std::ptrdiff_t>(to);
  nb.s.append(b.s, from, to - from);
  norg.insert(norg.end(), org.begin() + f, org.begin() + t);
  nb.prot.insert(nb.prot.end(), b.prot.begin() + f, b.prot.begin() + t);
  nb.src.insert(nb.src.end(), b.src.begin() + f, b.src.begin() + t);
}

void old_apply(RunBuffer& b, std::vector<RunBuffer::Origin>& org, const std::vector<RunBuffer::Change>& changes) {
  RunBuffer nb;
  std::vector<RunBuffer::Origin> norg;
  std::size_t i = 0;
  for (const RunBuffer::Change& ch : changes) {
    old_copy_range(b, org, nb, norg, i, ch.start);
    i = ch.start;
    const RunBuffer::Origin o = org[std::min(ch.start, org.size() - 1)];
    const int changed = b.add_origin(o);  // (b's net edits read only the sign)
    for (char32_t r : ch.rep) {
      nb.s += r;
      norg.push_back(o);
      nb.prot.push_back(0);
      nb.src.push_back(changed);
    }
    i = ch.start + ch.len;
  }
  old_copy_range(b, org, nb, norg, i, b.s.size());
  b.s.swap(nb.s);
  org.swap(norg);
  b.prot.swap(nb.prot);
  b.src.swap(nb.src);
}

/// Sorted, non-overlapping changes; with `same_length` each keeps its length.
std::vector<RunBuffer::Change> make_changes(const RunBuffer& b, Rng& rng, bool same_length) {
  const std::u32string reps = U"，。“”〇……——a ";
  std::vector<RunBuffer::Change> out;
  const auto n = static_cast<std::uint32_t>(b.s.size());
  std::size_t i = 0;
  for (std::uint32_t k = rng(6); k > 0 && i <= n; --k) {
    RunBuffer::Change ch;
    ch.start = i + rng(n + 1 - static_cast<std::uint32_t>(i));
    const auto room = static_cast<std::uint32_t>(n - ch.start);
    ch.len = room == 0 ? 0 : rng(std::min(room, 4u) + 1);
    const std::size_t rep_len = same_length ? ch.len : rng(4);
    if (same_length && ch.len == 0) continue;
    if (!same_length && ch.len == 0 && rep_len == 0) continue;
    for (std::size_t r = 0; r < rep_len; ++r) ch.rep += reps[rng(static_cast<std::uint32_t>(reps.size()))];
    // now and then another change at the place of an insertion (the engine makes both)
    i = ch.start + (ch.len == 0 && rng(3) == 0 ? 0 : std::max<std::size_t>(ch.len, 1));
    out.push_back(ch);
  }
  return out;
}

void require_same(const RunBuffer& a, const std::vector<RunBuffer::Origin>& a_org, const RunBuffer& b) {
  REQUIRE(a.s == b.s);
  REQUIRE(a.prot == b.prot);
  REQUIRE(a.src.size() == b.src.size());
  for (std::size_t i = 0; i < a.src.size(); ++i) {
    REQUIRE((a.src[i] < 0) == (b.src[i] < 0));
    if (a.src[i] >= 0) REQUIRE(a.src[i] == b.src[i]);
  }
  const std::vector<RunBuffer::Origin> b_org = b.origins();
  REQUIRE(a_org.size() == b_org.size());
  for (std::size_t i = 0; i < a_org.size(); ++i) {
    REQUIRE(a_org[i].run == b_org[i].run);
    REQUIRE(a_org[i].off == b_org[i].off);
  }
}

}  // namespace

TEST_CASE("RunBuffer::apply: the buffer a rebuild for every change list makes") {
  Rng rng{7};
  RunBuffer spare;
  std::size_t ways[4] = {};  // kept, grown, shrunk, rebuilt
  for (int n = 0; n < 6000; ++n) {
    std::vector<Inline> one = make_inlines(rng, 12);
    std::vector<Inline> two = one;
    RunBuffer want = make_buffer(one, true);
    RunBuffer got = make_buffer(two, true);
    if (want.s.empty()) continue;
    std::vector<RunBuffer::Origin> want_org = want.origins();
    // a few rules in a row, as the engine's passes make them
    for (std::uint32_t step = 1 + rng(3); step > 0 && !want.s.empty(); --step) {
      const bool same = rng(2) == 0;
      const std::vector<RunBuffer::Change> changes = make_changes(want, rng, same);
      old_apply(want, want_org, changes);
      got.apply(changes.data(), changes.data() + changes.size(), spare);
      CAPTURE(n);
      require_same(want, want_org, got);
      // which way apply() took: the growth after each change never above zero (shrunk in
      // place), never below (grown in place), both (kept in place) or neither (rebuilt)
      bool above = false;
      bool below = false;
      long growth = 0;
      for (const RunBuffer::Change& c : changes) {
        growth += static_cast<long>(c.rep.size()) - static_cast<long>(c.len);
        above = above || growth > 0;
        below = below || growth < 0;
      }
      if (changes.empty()) continue;
      ++ways[(above ? 1 : 0) + (below ? 2 : 0)];
    }
    // the net edits (from src, first_s and the spans) agree too
    testing::require_same_net_edits(want.net_edits(), got.net_edits());
  }
  CHECK(ways[0] > 2000);
  CHECK(ways[1] > 1000);
  CHECK(ways[2] > 1000);
  CHECK(ways[3] > 400);
}

TEST_CASE("stable_sort_few: the order std::stable_sort makes") {
  Rng rng{19};
  using Item = std::pair<int, std::string>;  // key, then the place it started at (moved, not copied)
  auto by_key = [](const Item& x, const Item& y) { return x.first < y.first; };
  std::size_t unsorted = 0;
  for (int n = 0; n < 20000; ++n) {
    std::vector<Item> items;
    const std::uint32_t size = rng(n % 10 == 0 ? 80 : 12);
    const std::uint32_t keys = 1 + rng(8);
    for (std::uint32_t k = 0; k < size; ++k)
      items.emplace_back(static_cast<int>(rng(keys)), "item number " + std::to_string(k));
    std::vector<Item> want = items;
    std::stable_sort(want.begin(), want.end(), by_key);
    // sorted as the tail of a longer list, as the engine sorts one block's edits
    std::vector<Item> got = {{-1, "head"}};
    got.insert(got.end(), items.begin(), items.end());
    stable_sort_few(got.begin() + 1, got.end(), by_key);
    // and in a std::deque, as the engine keeps its edits
    std::deque<Item> in_deque(got.begin(), got.end());
    std::copy(items.begin(), items.end(), in_deque.begin() + 1);
    stable_sort_few(in_deque.begin() + 1, in_deque.end(), by_key);
    CAPTURE(n);
    REQUIRE(got.front().second == "head");
    REQUIRE(std::vector<Item>(got.begin() + 1, got.end()) == want);
    REQUIRE(std::vector<Item>(in_deque.begin() + 1, in_deque.end()) == want);
    if (want != items) ++unsorted;
  }
  CHECK(unsorted > 10000);
}
