// Stage 5: document + metadata + profile → HTML. One escaper, one body renderer shared by
// the page and the fragment.
#ifndef PAIBAN_RENDER_H
#define PAIBAN_RENDER_H

#include <cstdint>
#include <string>
#include <string_view>

#include "model.h"
#include "profile.h"

namespace paiban {

/// The one escaper: & < > " ' → entities. Every piece of user or profile text goes through it.
/// Code points HTML forbids in text (controls other than tab, LF, FF, CR; noncharacters) become
/// U+FFFD, so the page stays valid whatever the notes hold.
std::string escape_html(std::string_view s);

/// escape_html(s).size(), without writing it.
std::size_t escaped_size(std::string_view s);

/// True for link targets the page may carry: http:, https:, mailto: or relative. Tabs and line
/// breaks are ignored and leading controls and spaces skipped (as browsers do); anything before
/// a ':' that comes ahead of the first '/', '?' or '#' is a scheme and must be one of the three.
bool is_safe_href(std::string_view href);

/// The parts of the page that come from the profile alone, in the page's order around the
/// per-call text: the end of <title> (site name) with the site's meta tags; the rest of the head
/// (policy, styles) and the breadcrumb up to the home link; the breadcrumb's separator; the
/// footer. Made once per profile (make_page_chrome), never changed afterwards.
struct PageChrome {
  std::string title_end;        ///< " - site</title>\n" and the SiteName, SiteDomain, SiteIDCode tags
  std::string body_start;       ///< from the policy tag to the home link's "</a>"
  std::string crumb_separator;  ///< escaped
  std::string tail;             ///< from "</article>" to the end of the page
};

/// The page chrome of `profile`: the bytes render's page writes from it.
PageChrome make_page_chrome(const Profile& profile);

/// The full standalone page: styles inlined in <style>, no script, no external request.
std::string render_page(const Document& document, const Meta& meta, const Profile& profile);

/// The article fragment (title, info line, body) with inline style attributes, for the CMS.
std::string render_fragment(const Document& document, const Meta& meta, const Profile& profile);

/// Appends the page to *page and the fragment to *fragment (either may be null: that one is
/// not made), the same bytes as render_page and render_fragment. With both, the article is
/// walked once, for the page: the fragment is then made from the page's article (the same bytes
/// but for each element's look), at its exact size.
void render(const Document& document, const Meta& meta, const Profile& profile, std::string* page,
            std::string* fragment);

/// The same, freeing the document as it goes (each block once both outputs have it): the
/// document and the outputs are not all held at once. The document is left without blocks.
void render(Document&& document, const Meta& meta, const Profile& profile, std::string* page, std::string* fragment);

/// The same with the profile's chrome made beforehand (make_page_chrome(profile)); null: the
/// default profile's own (made once per process) or, for another profile, made for this call.
void render(Document&& document, const Meta& meta, const Profile& profile, const PageChrome* chrome, std::string* page,
            std::string* fragment);

/// The fragment as a recipe for the page's text, for a caller that holds the page as UTF-16 text
/// (the WASM module's script, see wasm/post.js): the page and the fragment are the same bytes
/// but for each element's look, so the fragment is pieces of the page's text and a few looks of
/// its own. 32-bit words (in the host's byte order), then text:
///   [0] the fragment's size in UTF-8 bytes;
///   [1] where the fragment's text starts in the page's, [2] how long it runs there;
///   [3] P, the pieces; [4] M, the marks; [5] the size in bytes of the text at the end;
///   P × 3 words, a piece each: its length in the page, where its text for the fragment starts in
///   the text at the end, and that text's length;
///   M × 2 words, a mark each, in order: a gap (the page's text kept as it is, from where the last
///   mark's piece ended), then the piece that follows it in the page (an index), or kNoPiece;
///   the pieces' texts for the fragment, UTF-8, one after the other.
/// Places and lengths in the page's text are in UTF-16 units. The fragment: from [1] on, each
/// mark's gap as it is and its piece's text, then the rest of the page's text up to [1] + [2].
constexpr std::size_t kRecipeHead = 6;
constexpr std::uint32_t kNoPiece = 0xFFFFFFFFu;

/// render() with the page, and the recipe for the fragment (appended to *recipe) instead of the
/// fragment itself.
void render_with_recipe(Document&& document, const Meta& meta, const Profile& profile, const PageChrome* chrome,
                        std::string& page, std::string& recipe);

}  // namespace paiban

#endif  // PAIBAN_RENDER_H
