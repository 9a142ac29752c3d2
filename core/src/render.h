// Stage 5: document + metadata + profile → HTML. One escaper, one body renderer shared by
// the page and the fragment.
#ifndef PAIBAN_RENDER_H
#define PAIBAN_RENDER_H

#include <string>
#include <string_view>

#include "model.h"
#include "profile.h"

namespace paiban {

/// The one escaper: & < > " ' → entities. Every piece of user or profile text goes through it.
std::string escape_html(std::string_view s);

/// True for link targets the page may carry: http:, https:, mailto: or relative.
bool is_safe_href(std::string_view href);

/// The full standalone page: styles inlined in <style>, no script, no external request.
std::string render_page(const Document& document, const Meta& meta, const Profile& profile);

/// The article fragment (title, info line, body) with inline style attributes, for the CMS.
std::string render_fragment(const Document& document, const Meta& meta, const Profile& profile);

}  // namespace paiban

#endif  // PAIBAN_RENDER_H
