#include "render.h"

namespace paiban {

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

bool is_safe_href(std::string_view href) { (void)href; return false; }

std::string render_fragment(const Document& document, const Meta& meta, const Profile& profile) {
  (void)profile;
  std::string out = "<h1>" + escape_html(meta.title.value) + "</h1>\n";
  for (const Block& b : document.blocks)
    for (const Inline& i : b.inlines) out += "<p>" + escape_html(i.text) + "</p>\n";
  return out;
}

std::string render_page(const Document& document, const Meta& meta, const Profile& profile) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><body>" + render_fragment(document, meta, profile) + "</body></html>\n";
}

}  // namespace paiban
