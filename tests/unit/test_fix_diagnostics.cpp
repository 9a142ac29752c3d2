// insert_fixes (format.cpp): the typography pass's fixes made into diagnostics before the lint
// pass's findings, by moving the findings to the end of room made for both. Against the plain
// way (each fix appended, then the fixes rotated in before the findings) on generated lists:
// with no fixes, no findings, or neither; texts short and long (in and past a string's own
// room); findings with messages and ids of their own; every member compared, and the room.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "fix_diagnostics.h"
#include "paiban/paiban.h"
#include "typography.h"
#include "xorshift.h"

namespace {

using paiban::Diagnostic;
using paiban::Edit;

const char* const kRules[] = {"punct.fullwidth", "space.cjk-latin", "lint.date", "lint.dict"};
const char* const kMessages[] = {"全角标点", "中英文之间的空格", "日期", "用词"};

std::string text_of(paiban::testing::Xorshift& rng) {
  // Empty, short (in the string's own room) or long (on the heap).
  const std::size_t n = rng.below(4) == 0 ? 0 : rng.below(2) == 0 ? 1 + rng.below(6) : 16 + rng.below(40);
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += rng.below(3) == 0 ? "。" : "a";
  return s;
}

Diagnostic finding(paiban::testing::Xorshift& rng) {
  Diagnostic d;
  const std::size_t r = rng.below(4);
  d.rule = kRules[r];
  d.severity = rng.below(2) == 0 ? paiban::Severity::warning : paiban::Severity::info;
  d.line = 1 + static_cast<int>(rng.below(50));
  d.column = 1 + static_cast<int>(rng.below(80));
  d.column_utf16 = static_cast<int>(rng.below(3));  // some already set
  d.length = static_cast<int>(rng.below(5));
  d.before = text_of(rng);
  d.after = text_of(rng);
  switch (rng.below(4)) {
    case 0:
      d.set_message("一条自己的提醒：" + text_of(rng));
      break;
    case 1:
      d.set_id("own-id-" + std::to_string(rng.below(1000)) + text_of(rng));
      break;
    default:
      d.set_static_message(kMessages[r]);
  }
  return d;
}

Edit edit(paiban::testing::Xorshift& rng) {
  Edit e;
  const std::size_t r = rng.below(2);
  e.rule = kRules[r];
  e.message = kMessages[r];
  e.pos = paiban::Pos{1 + static_cast<int>(rng.below(50)), 1 + static_cast<int>(rng.below(80))};
  e.length = static_cast<int>(rng.below(5));
  e.before = text_of(rng);
  e.after = text_of(rng);
  return e;
}

/// The plain way: appended, then rotated into place.
void reference(std::vector<Diagnostic>& diagnostics, std::size_t first_warning, std::deque<Edit>& edits) {
  const std::size_t first_fix = diagnostics.size();
  diagnostics.reserve(first_fix + edits.size());
  for (; !edits.empty(); edits.pop_front()) {
    Edit& e = edits.front();
    Diagnostic& d = diagnostics.emplace_back();
    d.rule = e.rule;
    d.severity = paiban::Severity::info;
    d.line = e.pos.line;
    d.column = e.pos.col;
    d.length = e.length;
    d.before = std::move(e.before);
    d.after = std::move(e.after);
    d.set_static_message(e.message);
    d.applied = true;
  }
  std::rotate(diagnostics.begin() + static_cast<std::ptrdiff_t>(first_warning),
              diagnostics.begin() + static_cast<std::ptrdiff_t>(first_fix), diagnostics.end());
}

}  // namespace

TEST_CASE("insert_fixes: fixes before the findings, as appending and rotating them puts them") {
  paiban::testing::Xorshift rng;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t before = rng.below(4);  // decode's and meta's diagnostics
    const std::size_t findings = rng.below(5) == 0 ? 0 : rng.below(20);
    const std::size_t fixes = rng.below(5) == 0 ? 0 : rng.below(30);
    std::vector<Diagnostic> got;
    got.reserve(rng.below(2) == 0 ? before + findings : before + findings + rng.below(40));
    std::deque<Edit> edits;
    for (std::size_t i = 0; i < before + findings; ++i) got.push_back(finding(rng));
    for (std::size_t i = 0; i < fixes; ++i) edits.push_back(edit(rng));
    std::vector<Diagnostic> want;
    want.reserve(got.capacity());
    want = got;
    std::deque<Edit> edits2 = edits;

    paiban::insert_fixes(got, before, edits);
    reference(want, before, edits2);
    CAPTURE(round);
    CHECK(edits.empty());
    REQUIRE(got.size() == want.size());
    CHECK(got.capacity() == want.capacity());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CAPTURE(i);
      const Diagnostic& a = got[i];
      const Diagnostic& b = want[i];
      CHECK(a.rule == b.rule);
      CHECK(a.severity == b.severity);
      CHECK(a.line == b.line);
      CHECK(a.column == b.column);
      CHECK(a.column_utf16 == b.column_utf16);
      CHECK(a.length == b.length);
      CHECK(a.applied == b.applied);
      CHECK(a.before == b.before);
      CHECK(a.after == b.after);
      CHECK(a.message() == b.message());
      CHECK(a.id() == b.id());
    }
  }
}
