// Fuzz target: format() with random options. The first bytes choose the options (output
// mode, given fields, "now", rejected fixes, a size limit); the rest is the notes. Checks
// the guarantees: no crash, UTF-8 out, no character HTML forbids in the pages, determinism, a
// result or an error; and that the page writes the runs the typography pass marked plain as
// escaping them would (the stages run by hand, the marks cleared).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../unit/plain_pages.h"
#include "check.h"
#include "paiban/paiban.h"
#include "profile.h"

using namespace paiban;

namespace {

const char* const kNow[] = {"2024-05-06 09:30:00", "", "2024-02-30 25:61:61", "not a date", "9999-12-31 23:59:59"};

void maybe_field(FuzzedDataProvider& in, std::optional<std::string>& field) {
  if (in.ConsumeBool()) field = in.ConsumeRandomLengthString(40);
}

bool same(const Result& a, const Result& b) {
  if (a.ok != b.ok || a.page != b.page || a.fragment != b.fragment || a.text != b.text) return false;
  if (a.diagnostics.size() != b.diagnostics.size() || a.errors.size() != b.errors.size()) return false;
  for (std::size_t i = 0; i < a.diagnostics.size(); ++i)
    if (a.diagnostics[i].id() != b.diagnostics[i].id() || a.diagnostics[i].after != b.diagnostics[i].after)
      return false;
  return to_json(a) == to_json(b);
}

/// The stages as format() runs them (default profile and options): the pages of the document
/// as the typography pass left it, and with every run's plain mark cleared, must be the same.
void check_plain_runs(const std::string& notes) {
  const testing::PlainPages p = testing::plain_pages(notes, default_profile(), kNow[0]);
  if (!p.ok) return;
  fuzz::require(p.page == p.page_escaped && p.fragment == p.fragment_escaped,
                "a plain run is written as escaping it would");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  Options opt;
  const std::uint8_t flags = in.ConsumeIntegral<std::uint8_t>();
  opt.output = static_cast<Output>(flags % 3);
  opt.now = kNow[(flags >> 2) % 5];
  if (flags & 0x80) {
    maybe_field(in, opt.fields.title);
    maybe_field(in, opt.fields.column);
    maybe_field(in, opt.fields.date);
    maybe_field(in, opt.fields.views);
    maybe_field(in, opt.fields.source);
    maybe_field(in, opt.fields.author);
    maybe_field(in, opt.fields.keywords);
    maybe_field(in, opt.fields.url);
  }
  if (flags & 0x40) opt.max_input_bytes = in.ConsumeIntegralInRange<std::size_t>(0, 64);
  const std::string notes = in.ConsumeRemainingBytesAsString();

  const Result r = format(notes, opt);
  fuzz::require(r.ok == r.errors.empty(), "ok exactly when there is no error");
  fuzz::require(fuzz::valid_utf8(r.page) && fuzz::valid_utf8(r.fragment) && fuzz::valid_utf8(r.text),
                "the output is valid UTF-8");
  fuzz::require(r.page.find("<script") == std::string::npos, "no script in the page");
  fuzz::require(fuzz::html_clean(r.page) && fuzz::html_clean(r.fragment), "no character HTML forbids in the pages");
  for (const Diagnostic& d : r.diagnostics)
    fuzz::require(fuzz::valid_utf8(d.before) && fuzz::valid_utf8(d.after), "diagnostics are UTF-8");
  if (!r.ok) fuzz::require(r.page.empty() && r.fragment.empty(), "no partial output after an error");

  // Deterministic: the same input and options give the same result.
  const Result again = format(notes, opt);
  fuzz::require(same(r, again), "format is deterministic");
  if (notes.size() <= opt.max_input_bytes) check_plain_runs(notes);
  return 0;
}
