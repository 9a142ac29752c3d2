// Diagnostic's message and id: static text by pointer, made text kept once and shared.
#include "paiban/paiban.h"
#include "typography.h"

namespace paiban {

std::string Diagnostic::id() const {
  if (owned_ && !owned_->id.empty()) return owned_->id;
  return fix_id(rule, Pos{line, column});
}

void Diagnostic::set_static_message(const char* text) {
  if (text == nullptr) text = "";
  message_ = text;
  if (owned_ && !owned_->id.empty())
    owned_ = std::make_shared<const Owned>(Owned{text, owned_->id});
  else
    owned_.reset();
}

void Diagnostic::set_message(std::string text) {
  owned_ = std::make_shared<const Owned>(Owned{std::move(text), owned_ ? owned_->id : std::string()});
}

void Diagnostic::set_id(std::string id) {
  owned_ = std::make_shared<const Owned>(Owned{std::string(message()), std::move(id)});
}

}  // namespace paiban
