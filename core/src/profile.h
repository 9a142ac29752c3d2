// The site profile: everything site-specific, read from JSON and validated with the field,
// line and column of each problem.
#ifndef PAIBAN_PROFILE_H
#define PAIBAN_PROFILE_H

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "paiban/paiban.h"

namespace paiban {

/// The style keys a profile may set (Profile::styles), in the order the page's <style> lists
/// them: later rules win over earlier ones of the same weight (signature_line after p).
inline constexpr std::array<const char*, 23> kStyleKeys = {"page",
                                                           "header",
                                                           "breadcrumb",
                                                           "article",
                                                           "title",
                                                           "info",
                                                           "views",
                                                           "body",
                                                           "p",
                                                           "h2",
                                                           "h3",
                                                           "h4",
                                                           "h5",
                                                           "h6",
                                                           "ul",
                                                           "li",
                                                           "blockquote",
                                                           "signature",
                                                           "signature_line",
                                                           "code",
                                                           "a",
                                                           "footer",
                                                           "footer_line"};

struct FooterItem {
  std::string text;
  std::string kind;  ///< "" or one of: sponsor, contact, site_id, icp, police (SPEC §4 check)
  std::string href;  ///< optional link target (http, https, mailto or relative)
};

struct DictEntry {
  std::string wrong;
  std::string right;
  std::string note;
};

struct Profile {
  // site
  std::string site_name;
  std::string site_domain;
  std::string site_id_code;
  std::string home_url;
  // breadcrumb
  std::string home_label;
  std::string crumb_separator;
  std::string crumb_label;  ///< aria-label of the breadcrumb nav (当前位置)
  // columns (栏目); the first is the default
  std::vector<std::string> columns;
  // info line
  std::string date_label;   ///< e.g. "发布日期:"
  std::string views_label;  ///< e.g. "浏览量:"
  std::string date_format;  ///< tokens YYYY MM DD HH mm ss, e.g. "YYYY-MM-DD HH:mm:ss"
  // footer
  std::string footer_separator;
  std::vector<std::vector<FooterItem>> footer_lines;
  // styles: element key → CSS declarations (keys: page, header, breadcrumb, article, title,
  // info, views, body, p, h2..h6, ul, li, blockquote, signature, signature_line, code, a,
  // footer, footer_line; docs/profile.md). A key left out gets no style.
  std::map<std::string, std::string> styles;
  // typography
  bool half_width_publish = false;
  std::map<std::string, bool> rules;  ///< rule id → on/off (missing: the rule's default)
  std::vector<DictEntry> dictionary;
};

/// Parses and validates a profile. On success fills `out`, appends warnings (e.g. a footer
/// without an item a government site must show) to `warnings` and returns true. On failure
/// appends errors naming the field, line and column (Chinese and English) and returns false;
/// `out` is left untouched.
bool parse_profile(std::string_view json_text, Profile& out, std::vector<Error>& errors,
                   std::vector<Diagnostic>& warnings);

/// The default profile (the seed's site), parsed.
const Profile& default_profile();

}  // namespace paiban

#endif  // PAIBAN_PROFILE_H
