#include "profile.h"

namespace paiban {

bool parse_profile(std::string_view json_text, Profile& out, std::vector<Error>& errors,
                   std::vector<Diagnostic>& warnings) {
  (void)json_text; (void)warnings;
  (void)out;
  errors.push_back(Error{"profile.todo", "", 0, 0, "尚未实现", "not implemented"});
  return false;
}

const Profile& default_profile() {
  static const Profile p = [] {
    Profile q;
    q.site_name = "商洛市生态环境局";
    q.home_label = "首页";
    q.crumb_separator = " > ";
    q.date_label = "发布日期:";
    q.views_label = "浏览量:";
    return q;
  }();
  return p;
}

std::string default_profile_json() { return "{}"; }

}  // namespace paiban
