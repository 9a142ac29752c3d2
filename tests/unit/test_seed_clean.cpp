// SPEC §3: a clean published text passes with zero changes. The seed's body (the site's own
// published article, read from ../shared/seed/, never copied here), made full width, must get
// no fix and no warning.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "profile.h"
#include "text.h"
#include "typography.h"

using namespace paiban;

namespace {

std::vector<std::string> seed_body() {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(PAIBAN_SOURCE_DIR) / ".." / "shared" / "seed";
  std::vector<std::string> body;
  if (!fs::is_directory(dir)) return body;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!text::trim(line).empty()) lines.push_back(std::string(text::trim(line)));
    }
    // breadcrumb, title, info line, the body …, then three footer lines.
    for (std::size_t i = 3; i + 3 < lines.size(); ++i) body.push_back(lines[i]);
    break;
  }
  return body;
}

/// The published half-width marks back to the full-width forms GB/T 15834 wants.
std::string full_width(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ',')
      out += "，";
    else if (c == ';')
      out += "；";
    else if (c == ':')
      out += "：";
    else if (c == '?')
      out += "？";
    else if (c == '!')
      out += "！";
    else if (c == '(')
      out += "（";
    else if (c == ')')
      out += "）";
    else
      out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("the seed's body, made full width, gets no fix and no warning") {
  const std::vector<std::string> body = seed_body();
  if (body.empty()) {
    MESSAGE("skipped: ../shared/seed/ is not there");
    return;
  }
  CHECK(body.size() >= 4);
  Document doc;
  int line = 1;
  for (const std::string& p : body) {
    Block b;
    b.pos = {line, 1};
    Inline in;
    in.text = full_width(p);
    in.pos = b.pos;
    b.inlines.push_back(in);
    doc.blocks.push_back(b);
    line += 2;
  }
  Field title{"市环境局首场作风建设专项行动专题研讨会圆满召开", "detected", {1, 1}};
  std::vector<Edit> edits = apply_typography(doc, title, default_profile(), {});
  for (const Edit& e : edits) {
    CAPTURE(e.rule);
    CAPTURE(e.pos.line);
    CAPTURE(e.pos.col);
    CAPTURE(e.before);
    CHECK_MESSAGE(false, "a fix on clean text");
  }
  Meta meta;
  meta.title = title;
  meta.date = {"2022-10-14 10:53:02", "given", {}};
  std::vector<Diagnostic> warnings;
  lint(doc, meta, default_profile(), "2022-10-14 10:53:02", warnings);
  for (const Diagnostic& d : warnings) {
    if (d.severity == Severity::info) continue;
    CAPTURE(d.rule);
    CAPTURE(d.line);
    CAPTURE(d.column);
    CAPTURE(d.before);
    CHECK_MESSAGE(false, "a warning on clean text");
  }
}
