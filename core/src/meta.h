// Stage 2: the article's metadata from header lines, front matter and heuristics.
#ifndef PAIBAN_META_H
#define PAIBAN_META_H

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "profile.h"

namespace paiban {

/// Finds title, column, date, views, source, author, keywords and url in the notes:
/// `标题：…` style header lines, a `---` front-matter block, a pasted `首页 > … > 栏目`
/// breadcrumb, a pasted `发布日期:… 浏览量:…` line, and the heuristics of SPEC §2 (a short
/// first line without sentence-final punctuation is the title; a line that is only a date is
/// the publish date). Values in `given` win. Lines used are marked in Meta::consumed.
/// A given field with a bad value (a date that cannot be read, a view count that is not a
/// number) is reported in `errors`.
Meta extract_meta(const Source& source, const Fields& given, const Profile& profile, std::string_view now,
                  std::vector<Diagnostic>& diagnostics, std::vector<Error>& errors);

/// Reads a date or date-time in any form SPEC §2 lists (2022年10月14日, 2022-10-14 10:53,
/// 2022/10/14, 2022.10.14, 二〇二二年十月十四日, …) and returns "YYYY-MM-DD HH:MM:SS"
/// (missing time parts are 00). Returns nullopt when s is not only a date.
std::optional<std::string> parse_datetime(std::string_view s);

/// Days in month m (1–12) of year y (Gregorian); y 0 stands for a year not known, whose
/// February has 29 days.
int days_in_month(int y, int m);

}  // namespace paiban

#endif  // PAIBAN_META_H
