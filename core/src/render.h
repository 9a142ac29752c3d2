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
/// Code points HTML forbids in text (controls other than tab, LF, FF, CR; noncharacters) become
/// U+FFFD, so the page stays valid whatever the notes hold.
std::string escape_html(std::string_view s);

/// True for link targets the page may carry: http:, https:, mailto: or relative. Tabs and line
/// breaks are ignored and leading controls and spaces skipped (as browsers do); anything before
/// a ':' that comes ahead of the first '/', '?' or '#' is a scheme and must be one of the three.
bool is_safe_href(std::string_view href);

/// The full standalone page: styles inlined in <style>, no script, no external request.
std::string render_page(const Document& document, const Meta& meta, const Profile& profile);

/// The article fragment (title, info line, body) with inline style attributes, for the CMS.
std::string render_fragment(const Document& document, const Meta& meta, const Profile& profile);

/// Appends the page to *page and the fragment to *fragment (either may be null: that one is
/// not made), the same bytes as render_page and render_fragment. With both, the article is
/// walked once: its text is escaped once and copied to both.
void render(const Document& document, const Meta& meta, const Profile& profile, std::string* page,
            std::string* fragment);

/// The same, freeing the document as it goes (each block once both outputs have it): the
/// document and the outputs are not all held at once. The document is left without blocks.
void render(Document&& document, const Meta& meta, const Profile& profile, std::string* page, std::string* fragment);

}  // namespace paiban

#endif  // PAIBAN_RENDER_H
