#include "meta.h"

namespace paiban {

Meta extract_meta(const Source& source, const Fields& given, const Profile& profile, std::string_view now,
                  std::vector<Diagnostic>& diagnostics, std::vector<Error>& errors) {
  (void)profile; (void)diagnostics; (void)errors;
  Meta m;
  m.consumed.assign(source.lines.size(), false);
  if (given.title) m.title = {*given.title, "given", {}};
  if (given.column) m.column = {*given.column, "given", {}};
  if (given.date) m.date = {*given.date, "given", {}};
  else m.date = {std::string(now), "default", {}};
  if (given.views) m.views = {*given.views, "given", {}};
  return m;
}

std::optional<std::string> parse_datetime(std::string_view s) { (void)s; return std::nullopt; }

}  // namespace paiban
