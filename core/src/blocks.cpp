#include "blocks.h"

#include "text.h"

namespace paiban {

Document parse_blocks(const Source& source, const Meta& meta, std::vector<Diagnostic>& diagnostics) {
  (void)diagnostics;
  Document doc;
  for (std::size_t i = 0; i < source.lines.size(); ++i) {
    if (meta.consumed[i]) continue;
    std::string_view t = text::trim(source.lines[i]);
    if (t.empty()) continue;
    Block b;
    b.pos = {static_cast<int>(i) + 1, 1};
    b.inlines.push_back(Inline{InlineKind::text, std::string(t), {}, {}, b.pos});
    doc.blocks.push_back(std::move(b));
  }
  return doc;
}

}  // namespace paiban
