// Reads and validates the site profile: every problem is reported with its field path and the
// line and column of the profile text where it is, in Chinese and English.
#include "profile.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "json_locate.h"
#include "render.h"
#include "typography.h"

namespace paiban {

namespace {

using nlohmann::json;

/// The footer items a government website must show (SPEC §4), by kind.
struct RequiredItem {
  const char* kind;
  const char* zh;
  const char* en;
};
const RequiredItem kRequiredFooter[] = {
    {"sponsor", "主办单位", "the sponsoring organisation (主办单位)"},
    {"contact", "联系方式", "the contact details (联系方式)"},
    {"site_id", "网站标识码", "the site ID code (网站标识码)"},
    {"icp", "ICP备案号", "the ICP licence number (ICP备案号)"},
    {"police", "公安机关备案号", "the public-security record number (公安机关备案号)"}};

/// Records where a parse error happened (nlohmann reports it through SAX, without throwing).
class ErrorSpot : public nlohmann::json_sax<json> {
 public:
  std::size_t position = 0;
  std::string message;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
    position = pos;
    // "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error …":
    // keep what follows the place (which counts bytes, not characters).
    message = ex.what();
    const std::size_t at = message.find("column ");
    const std::size_t colon = at == std::string::npos ? std::string::npos : message.find(": ", at);
    if (colon != std::string::npos) message = message.substr(colon + 2);
    return false;
  }
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Walks the parsed profile, filling a Profile and collecting errors with their places.
class Checker {
 public:
  Checker(const JsonLocations& where, std::vector<Error>& errors) : where_(where), errors_(errors) {}

  /// The place of the value at `path`, or of its nearest ancestor the locator knows.
  TextPos place(std::string path) const {
    for (;;) {
      auto it = where_.values.find(path);
      if (it != where_.values.end()) return it->second;
      if (path.empty()) return TextPos{1, 1};
      const std::size_t cut = path.find_last_of(".[");
      path = cut == std::string::npos ? std::string() : path.substr(0, cut);
    }
  }

  void error(const char* code, const std::string& path, const TextPos& at, const std::string& zh,
             const std::string& en) {
    errors_.push_back(
        Error{code, path, at.line, at.column,
              "配置文件第 " + std::to_string(at.line) + " 行第 " + std::to_string(at.column) + " 列：" + zh,
              "profile line " + std::to_string(at.line) + ", column " + std::to_string(at.column) + ": " + en});
  }

  void value_error(const std::string& path, const std::string& zh, const std::string& en) {
    error("profile.value", path, place(path), "字段 " + path + " " + zh, "field " + path + " " + en);
  }

  void type_error(const std::string& path, const char* zh_type, const char* en_type) {
    const std::string name = path.empty() ? std::string("（根）") : path;
    const std::string en_name = path.empty() ? std::string("(root)") : path;
    error("profile.type", path, place(path), "字段 " + name + " 应为" + zh_type,
          "field " + en_name + " must be " + en_type);
  }

  static std::string join(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
  }
  static std::string index(const std::string& parent, std::size_t i) { return parent + "[" + std::to_string(i) + "]"; }

  bool is_object(const json& v, const std::string& path) {
    if (v.is_object()) return true;
    type_error(path, "对象", "an object");
    return false;
  }
  bool is_array(const json& v, const std::string& path) {
    if (v.is_array()) return true;
    type_error(path, "数组", "an array");
    return false;
  }

  /// Reports every key of `obj` not in `known`.
  void only_keys(const json& obj, const std::string& path, std::initializer_list<const char*> known) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const bool ok = std::any_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; });
      if (ok) continue;
      const std::string p = join(path, it.key());
      error("profile.unknown", p, place(p), "未知字段 " + p, "unknown field " + p);
    }
  }

  /// The member `key` of `obj`, or null (reported when required).
  const json* member(const json& obj, const std::string& path, const char* key, bool required) {
    auto it = obj.find(key);
    if (it != obj.end()) return &*it;
    if (required) {
      const std::string p = join(path, key);
      error("profile.missing", p, place(path), "缺少必填字段 " + p, "missing required field " + p);
    }
    return nullptr;
  }

  /// Reads a string member; false when absent or wrong. `non_empty`: "" is an error too.
  bool string_at(const json& obj, const std::string& path, const char* key, bool required, bool non_empty,
                 std::string& out) {
    const json* v = member(obj, path, key, required);
    if (!v) return false;
    const std::string p = join(path, key);
    return string_value(*v, p, non_empty, out);
  }

  bool string_value(const json& v, const std::string& path, bool non_empty, std::string& out) {
    if (!v.is_string()) {
      type_error(path, "字符串", "a string");
      return false;
    }
    if (non_empty && v.get_ref<const std::string&>().empty()) {
      value_error(path, "不能为空", "must not be empty");
      return false;
    }
    out = v.get<std::string>();
    return true;
  }

  bool bool_value(const json& v, const std::string& path, bool& out) {
    if (!v.is_boolean()) {
      type_error(path, "布尔值（true 或 false）", "a boolean (true or false)");
      return false;
    }
    out = v.get<bool>();
    return true;
  }

  void href_value(const json& obj, const std::string& path, const char* key, std::string& out) {
    if (!string_at(obj, path, key, false, false, out)) return;
    if (!is_safe_href(out)) {
      value_error(join(path, key), "只能是 http:、https:、mailto: 或相对地址",
                  "must be an http:, https:, mailto: or relative address");
      out.clear();
    }
  }

  void read_site(const json& root, Profile& p) {
    const json* site = member(root, "", "site", true);
    if (!site || !is_object(*site, "site")) return;
    only_keys(*site, "site", {"name", "domain", "id_code", "home_url"});
    string_at(*site, "site", "name", true, true, p.site_name);
    string_at(*site, "site", "domain", false, false, p.site_domain);
    string_at(*site, "site", "id_code", false, false, p.site_id_code);
    href_value(*site, "site", "home_url", p.home_url);
  }

  void read_breadcrumb(const json& root, Profile& p) {
    const json* b = member(root, "", "breadcrumb", true);
    if (!b || !is_object(*b, "breadcrumb")) return;
    only_keys(*b, "breadcrumb", {"home_label", "separator", "label"});
    string_at(*b, "breadcrumb", "home_label", true, true, p.home_label);
    string_at(*b, "breadcrumb", "separator", false, false, p.crumb_separator);
    string_at(*b, "breadcrumb", "label", false, true, p.crumb_label);
  }

  void read_columns(const json& root, Profile& p) {
    const json* c = member(root, "", "columns", false);
    if (!c || !is_array(*c, "columns")) return;
    for (std::size_t i = 0; i < c->size(); ++i) {
      std::string name;
      if (string_value((*c)[i], index("columns", i), true, name)) p.columns.push_back(name);
    }
  }

  void read_info(const json& root, Profile& p) {
    const json* info = member(root, "", "info", true);
    if (!info || !is_object(*info, "info")) return;
    only_keys(*info, "info", {"date_label", "views_label", "date_format"});
    string_at(*info, "info", "date_label", true, false, p.date_label);
    string_at(*info, "info", "views_label", true, false, p.views_label);
    if (string_at(*info, "info", "date_format", false, true, p.date_format)) {
      const bool has_token = p.date_format.find("YYYY") != std::string::npos ||
                             p.date_format.find("MM") != std::string::npos ||
                             p.date_format.find("DD") != std::string::npos;
      if (!has_token)
        value_error("info.date_format", "应含日期占位符 YYYY、MM 或 DD", "must contain a date token: YYYY, MM or DD");
    }
  }

  void read_footer_item(const json& v, const std::string& path, std::vector<FooterItem>& line) {
    FooterItem item;
    if (v.is_string()) {
      if (!string_value(v, path, true, item.text)) return;
      line.push_back(item);
      return;
    }
    if (!v.is_object()) {
      type_error(path, "字符串或对象", "a string or an object");
      return;
    }
    only_keys(v, path, {"text", "kind", "href"});
    string_at(v, path, "text", true, true, item.text);
    if (string_at(v, path, "kind", false, false, item.kind)) {
      const bool known = std::any_of(std::begin(kRequiredFooter), std::end(kRequiredFooter),
                                     [&](const RequiredItem& r) { return item.kind == r.kind; });
      if (!known) {
        value_error(join(path, "kind"), "应为 sponsor、contact、site_id、icp 或 police 之一",
                    "must be one of sponsor, contact, site_id, icp, police");
        item.kind.clear();
      }
    }
    href_value(v, path, "href", item.href);
    line.push_back(item);
  }

  void read_footer(const json& root, Profile& p) {
    const json* f = member(root, "", "footer", true);
    if (!f || !is_object(*f, "footer")) return;
    only_keys(*f, "footer", {"separator", "lines"});
    string_at(*f, "footer", "separator", false, false, p.footer_separator);
    const json* lines = member(*f, "footer", "lines", true);
    if (!lines || !is_array(*lines, "footer.lines")) return;
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const std::string lp = index("footer.lines", i);
      const json& line = (*lines)[i];
      if (!is_array(line, lp)) continue;
      std::vector<FooterItem> items;
      for (std::size_t k = 0; k < line.size(); ++k) read_footer_item(line[k], index(lp, k), items);
      if (!items.empty()) p.footer_lines.push_back(std::move(items));
    }
  }

  void read_styles(const json& root, Profile& p) {
    const json* s = member(root, "", "styles", false);
    if (!s || !is_object(*s, "styles")) return;
    for (auto it = s->begin(); it != s->end(); ++it) {
      const std::string path = join("styles", it.key());
      const bool known =
          std::any_of(std::begin(kStyleKeys), std::end(kStyleKeys), [&](const char* k) { return it.key() == k; });
      if (!known) {
        error("profile.unknown", path, place(path), "未知的样式键 " + path, "unknown style key " + path);
        continue;
      }
      std::string css;
      if (!string_value(*it, path, false, css)) continue;
      if (const char* bad = unsafe_css(css)) {
        value_error(path, std::string("含有不允许的内容“") + bad + "”",
                    std::string("contains \"") + bad + "\", which is not allowed");
        continue;
      }
      p.styles[it.key()] = css;
    }
  }

  void read_typography(const json& root, Profile& p) {
    const json* t = member(root, "", "typography", false);
    if (!t || !is_object(*t, "typography")) return;
    only_keys(*t, "typography", {"half_width_publish", "rules"});
    if (const json* h = member(*t, "typography", "half_width_publish", false))
      bool_value(*h, "typography.half_width_publish", p.half_width_publish);
    const json* rules = member(*t, "typography", "rules", false);
    if (!rules || !is_object(*rules, "typography.rules")) return;
    for (auto it = rules->begin(); it != rules->end(); ++it) {
      const std::string path = join("typography.rules", it.key());
      auto same = [&](const FixRule& r) { return it.key() == r.id; };
      if (std::none_of(fix_rules().begin(), fix_rules().end(), same) &&
          std::none_of(lint_rules().begin(), lint_rules().end(), same)) {
        error("profile.unknown", path, place(path), "未知的排版规则 " + path, "unknown typography rule " + path);
        continue;
      }
      bool on = false;
      if (bool_value(*it, path, on)) p.rules[it.key()] = on;
    }
  }

  void read_dictionary(const json& root, Profile& p) {
    const json* d = member(root, "", "dictionary", false);
    if (!d || !is_array(*d, "dictionary")) return;
    for (std::size_t i = 0; i < d->size(); ++i) {
      const std::string path = index("dictionary", i);
      const json& e = (*d)[i];
      if (!is_object(e, path)) continue;
      only_keys(e, path, {"wrong", "right", "note"});
      DictEntry entry;
      const bool ok = string_at(e, path, "wrong", true, true, entry.wrong);
      const bool ok2 = string_at(e, path, "right", true, false, entry.right);
      string_at(e, path, "note", false, false, entry.note);
      if (ok && ok2) p.dictionary.push_back(std::move(entry));
    }
  }

  /// The first forbidden piece in a CSS declaration list, or null when it is clean.
  static const char* unsafe_css(std::string_view css) {
    static const char* const kBad[] = {"<",    ">",           "{",  "}",           "@",          "\\",
                                       "url(", "expression(", "/*", "javascript:", "image-set(", "src("};
    const std::string low = lower_ascii(css);
    for (const char* b : kBad)
      if (low.find(b) != std::string::npos) return b;
    for (char c : css)
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return "控制字符 / control character";
    if (std::count(css.begin(), css.end(), '"') % 2 != 0) return "\"";
    if (std::count(css.begin(), css.end(), '\'') % 2 != 0) return "'";
    return nullptr;
  }

 private:
  const JsonLocations& where_;
  std::vector<Error>& errors_;
};

/// The kinds a footer item stands for: its kind, or when it has none, what its text says.
std::set<std::string> kinds_of(const FooterItem& item) {
  if (!item.kind.empty()) return {item.kind};
  std::set<std::string> kinds;
  const std::string& t = item.text;
  auto has = [&](const char* s) { return t.find(s) != std::string::npos; };
  if (has("主办") || has("版权所有")) kinds.insert("sponsor");
  if (has("电话") || has("邮箱") || has("联系") || has("信箱")) kinds.insert("contact");
  if (has("网站标识码")) kinds.insert("site_id");
  if (lower_ascii(t).find("icp") != std::string::npos) kinds.insert("icp");
  if (has("公网安备") || has("公安备案") || has("公安机关备案")) kinds.insert("police");
  return kinds;
}

void check_footer(const Profile& p, std::vector<Diagnostic>& warnings) {
  std::set<std::string> present;
  for (const auto& line : p.footer_lines)
    for (const FooterItem& item : line)
      for (const std::string& k : kinds_of(item)) present.insert(k);
  for (const RequiredItem& r : kRequiredFooter) {
    if (present.count(r.kind)) continue;
    Diagnostic d;
    d.rule = "profile.footer-missing";
    d.severity = Severity::warning;
    d.set_message(std::string("配置文件的页脚缺少政府网站必须展示的“") + r.zh + "” / the profile's footer lacks " +
                  r.en + ", which a government website must show");
    d.set_id(std::string("profile.footer-missing:") + r.kind);
    warnings.push_back(std::move(d));
  }
}

}  // namespace

bool parse_profile(std::string_view json_text, Profile& out, std::vector<Error>& errors,
                   std::vector<Diagnostic>& warnings) {
  const json root = json::parse(json_text, nullptr, false);
  if (root.is_discarded()) {
    ErrorSpot spot;
    json::sax_parse(json_text, &spot);
    const std::size_t at = spot.position > 0 ? spot.position - 1 : 0;
    const TextPos pos = position_of(json_text, at);
    const JsonLocations nowhere;
    Checker c(nowhere, errors);
    c.error("profile.syntax", "", pos, "JSON 语法错误（" + spot.message + "）",
            "JSON syntax error (" + spot.message + ")");
    return false;
  }

  const JsonLocations where = locate_json(json_text);
  const std::size_t errors_before = errors.size();
  Checker c(where, errors);
  for (const auto& [path, pos] : where.duplicates)
    c.error("profile.duplicate", path, pos, "字段 " + path + " 重复出现", "field " + path + " appears twice");

  Profile p;
  p.crumb_separator = " > ";
  p.crumb_label = "当前位置";
  p.date_format = "YYYY-MM-DD HH:mm:ss";
  p.footer_separator = " 丨 ";
  if (c.is_object(root, "")) {
    c.only_keys(root, "", {"site", "breadcrumb", "columns", "info", "footer", "styles", "typography", "dictionary"});
    c.read_site(root, p);
    c.read_breadcrumb(root, p);
    c.read_columns(root, p);
    c.read_info(root, p);
    c.read_footer(root, p);
    c.read_styles(root, p);
    c.read_typography(root, p);
    c.read_dictionary(root, p);
  }
  if (errors.size() != errors_before) {
    // In the order of the text, as an editor reads them.
    std::stable_sort(
        errors.begin() + static_cast<std::ptrdiff_t>(errors_before), errors.end(),
        [](const Error& a, const Error& b) { return std::tie(a.line, a.column) < std::tie(b.line, b.column); });
    return false;
  }

  check_footer(p, warnings);
  out = std::move(p);
  return true;
}

const Profile& default_profile() {
  static const Profile profile = [] {
    Profile p;
    std::vector<Error> errors;
    std::vector<Diagnostic> warnings;
    parse_profile(default_profile_json(), p, errors, warnings);
    return p;
  }();
  return profile;
}

}  // namespace paiban
