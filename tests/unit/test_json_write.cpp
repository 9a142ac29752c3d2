// The result's JSON is written straight into a string (core/src/json_write.h); it must be the
// very bytes nlohmann::json would write for the same values, so that every face (CLI, node,
// browser) and every test that reads it with nlohmann or JSON.parse sees the same thing.
#include <doctest/doctest.h>

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "../../core/src/decode.h"
#include "../../core/src/json_write.h"
#include "paiban/paiban.h"

using nlohmann::json;

namespace {

std::string nl(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string ours(const std::string& s) {
  paiban::jsonw::Writer w(s.size() + 2);
  w.string(s);
  return w.take();
}

/// The result as a nlohmann document, dumped: the reference the writer must match.
std::string reference(const paiban::Result& res) {
  static const char* const kSeverity[] = {"info", "warning", "error"};
  json out;
  out["ok"] = res.ok;
  out["page"] = res.page;
  out["fragment"] = res.fragment;
  out["text"] = res.text;
  json meta = json::object();
  for (const auto& [name, mv] : res.meta) {
    json m{{"value", mv.value}, {"from", mv.from}};
    if (mv.line > 0) m["line"] = mv.line;
    meta[name] = std::move(m);
  }
  out["meta"] = std::move(meta);
  json diags = json::array();
  for (const paiban::Diagnostic& d : res.diagnostics)
    diags.push_back(json{{"id", d.id()},
                         {"rule", std::string(d.rule)},
                         {"severity", kSeverity[static_cast<int>(d.severity)]},
                         {"line", d.line},
                         {"column", d.column},
                         {"column_utf16", d.column_utf16},
                         {"length", d.length},
                         {"before", d.before},
                         {"after", d.after},
                         {"message", std::string(d.message())},
                         {"applied", d.applied}});
  out["diagnostics"] = std::move(diags);
  json errs = json::array();
  for (const paiban::Error& e : res.errors)
    errs.push_back(json{{"code", e.code},
                        {"field", e.field},
                        {"line", e.line},
                        {"column", e.column},
                        {"message_zh", e.message_zh},
                        {"message_en", e.message_en}});
  out["errors"] = std::move(errs);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("json writer: every single byte, escapes and text are written as nlohmann writes them") {
  for (int b = 0; b < 256; ++b) {
    const std::string s(1, static_cast<char>(b));
    CHECK_MESSAGE(ours(s) == nl(s), "byte " << b);
    const std::string t = "前" + s + "后\"\\/";
    CHECK_MESSAGE(ours(t) == nl(t), "byte " << b << " in text");
  }
  CHECK(ours("") == "\"\"");
  // Escapes six times the string's length: the writer's buffer grows in the middle of a string.
  std::string grow;
  for (int k = 0; k < 5000; ++k) grow += k % 3 == 0 ? "\x01" : k % 3 == 1 ? "\"" : "字";
  CHECK(ours(grow) == nl(grow));
  CHECK(ours("a\n\t\x01\x1f\x7f") == "\"a\\n\\t\\u0001\\u001f\x7f\"");
}

TEST_CASE("json writer: random byte strings, valid and not, match nlohmann") {
  std::mt19937 rng(20261127);
  const std::string pieces[] = {"会",
                                "议",
                                "“",
                                "”",
                                "\"",
                                "\\",
                                "\n",
                                "\r",
                                "\t",
                                "\x01",
                                "a",
                                "<",
                                "&",
                                "\xF0\x9F\x98\x80",
                                "\xEF\xBF\xBD",
                                "\xC3",
                                "\xE4\xB8",
                                "\xED\xA0\x80",
                                "\xC0\xAF",
                                "\xF4\x90\x80\x80",
                                "\xFF",
                                "\x80"};
  for (int n = 0; n < 5000; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 12);
    for (int k = 0; k < len; ++k) s += pieces[rng() % (sizeof pieces / sizeof pieces[0])];
    REQUIRE_MESSAGE(ours(s) == nl(s), "case " << n);
  }
}

TEST_CASE("to_json: the same bytes as a nlohmann document of the result") {
  const char* inputs[] = {
      "标题：测试稿\n日期：2024-03-01\n\n会议指出,要加强领导,狠抓落实.\n\n一、总体要求\n\n\"要\"坚持...\n",
      "",
      "# 标题\n\n<script>alert(1)</script> [x](javascript:alert(1)) `code` **强调**\n\n> 引用\n",
      "会议于2024年13月45日召开,请 准时 参加!!\n\n1. 第一\n2. 第二\n\n---\n\n联系人：张三 电话：12345678\n",
  };
  for (const char* in : inputs) {
    paiban::Options opt;
    opt.now = "2024-03-01 09:30:00";
    const paiban::Result r = paiban::format(in, opt);
    CHECK(paiban::to_json(r) == reference(r));
  }
  paiban::Result hand;
  hand.ok = false;
  hand.errors.push_back(paiban::Error{"profile.type", "footer.lines[1][0]", 3, 7, "类型\n错误", "wrong \"type\""});
  hand.meta["title"] = paiban::MetaValue{"题\x01", "given", 0};
  hand.meta["date"] = paiban::MetaValue{"2024", "detected", 4};
  paiban::Diagnostic d;
  d.set_id("x@1:1");
  d.severity = paiban::Severity::error;
  d.before = "\xFF";
  hand.diagnostics.push_back(d);
  // The id written from its parts: a rule that needs escaping, and one too long for the
  // writer's stack buffer.
  paiban::Diagnostic e;
  e.rule = "r\"\x01\xC3";
  e.line = 12345678;
  e.column = -3;
  e.set_static_message("静态 / static");
  hand.diagnostics.push_back(e);
  static const std::string long_rule(200, 'r');
  e.rule = long_rule;
  e.set_message("made \x02");
  hand.diagnostics.push_back(e);
  CHECK(paiban::to_json(hand) == reference(hand));
}

TEST_CASE("json writer: long generated strings, every escape class and invalid UTF-8, match nlohmann") {
  // The writer reads eight bytes at a time (plain ASCII runs, pairs of CJK characters) and one
  // character at a time near the end: strings long enough for both, with every kind of byte at
  // every offset from the word boundaries.
  std::mt19937 rng(20261128);
  std::vector<std::string> pieces;
  pieces.reserve(0x20 + 64);
  for (int c = 0; c < 0x20; ++c) pieces.emplace_back(1, static_cast<char>(c));  // every control
  // Valid: ASCII runs and markup, 2-, 3- and 4-byte sequences at the edges of E0, ED, EF, F0, F4.
  for (const char* p : {"\"",
                        "\\",
                        "/",
                        "\x7F",
                        "a",
                        "Z",
                        " ",
                        "<p class=\"x\">",
                        "abcdefghijklmnop",
                        "1234567",
                        "\xC2\x80",
                        "\xDF\xBF",
                        "\xE0\xA0\x80",
                        "\xE0\xBF\xBF",
                        "\xE1\x80\x80",
                        "\xEC\xBF\xBF",
                        "\xED\x80\x80",
                        "\xED\x9F\xBF",
                        "\xEE\x80\x80",
                        "\xEF\xBF\xBF",
                        "\xEF\xBC\x8C",
                        "\xF0\x90\x80\x80",
                        "\xF4\x8F\xBF\xBF",
                        "\xF0\x9F\x98\x80",
                        "会",
                        "议",
                        "“",
                        "”",
                        "中文字符",
                        "·"})
    pieces.emplace_back(p);
  const std::size_t n_valid = pieces.size();
  // Invalid: overlong, surrogate, above U+10FFFF, stray, truncated, bad leads.
  for (const char* p : {"\xE0\x80\x80", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x80\x80\x80",
                        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xC0\xAF", "\xC1\xBF", "\x80", "\xBF", "\xFF", "\xFE",
                        "\xE4\xB8", "\xE4", "\xF0\x9F\x98", "\xE4\xB8\x41", "\xE4\x41\xAD"})
    pieces.emplace_back(p);
  const std::size_t n_invalid = pieces.size() - n_valid;
  std::size_t invalid_cases = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const bool valid = n % 2 == 0;
    // Mostly CJK or mostly ASCII runs, with the other pieces here and there.
    const int len = static_cast<int>(rng() % 60);
    const bool cjk = n % 3 != 0;
    for (int k = 0; k < len; ++k) {
      const auto r = static_cast<unsigned>(rng() % 100);
      if (r < 60)
        s += cjk ? (r % 2 ? "会议" : "，") : (r % 2 ? "plain" : "text ");
      else
        s += pieces[rng() % (valid ? n_valid : pieces.size())];
    }
    if (!valid && rng() % 4 == 0) s += pieces[n_valid + rng() % n_invalid];  // an invalid end
    if (!paiban::valid_utf8(s)) ++invalid_cases;
    REQUIRE_MESSAGE(ours(s) == nl(s), "case " << n);
    // After other JSON, with a buffer that must grow: the same bytes follow what was there.
    paiban::jsonw::Writer w(0);
    w.raw("[");
    w.string(s);
    w.ch(',');
    w.string(s.substr(s.size() / 3));
    w.raw("]");
    REQUIRE_MESSAGE(w.take() == "[" + nl(s) + "," + nl(s.substr(s.size() / 3)) + "]", "case " << n);
  }
  CHECK(invalid_cases > 3000);  // the generator makes both kinds
}

TEST_CASE("json_write: numbers as std::to_chars writes them (small ones by the writer's own digits)") {
  std::vector<long long> values;
  for (long long v = -1000; v <= 120000; ++v) values.push_back(v);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) values.push_back(static_cast<long long>(rng()));
  for (long long p = 1; p < 1000000000000000000LL; p *= 10) {
    for (long long d = -2; d <= 2; ++d) {
      values.push_back(p + d);
      values.push_back(-p + d);
    }
  }
  values.push_back(std::numeric_limits<long long>::min());
  values.push_back(std::numeric_limits<long long>::max());
  std::size_t checked = 0;
  for (long long v : values) {
    paiban::jsonw::Writer w(4);
    w.ch('[');
    w.number(v);
    w.ch(',');
    w.number(v);
    w.ch(']');
    char buf[24];
    const std::string one(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf));
    const std::string got = w.take();
    std::string want = "[";
    want += one;
    want += ',';
    want += one;
    want += ']';
    if (got != want) {
      CHECK(got == want);
      break;
    }
    ++checked;
  }
  CHECK(checked == values.size());
  CHECK(checked > 140000);
}
