// Fuzz target: format_json, the JSON request form the CLI, node and the browser share.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "check.h"
#include "paiban/paiban.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request(reinterpret_cast<const char*>(data), size);
  const std::string response = paiban::format_json(request);
  const auto parsed = nlohmann::json::parse(response, nullptr, false);
  paiban::fuzz::require(!parsed.is_discarded() && parsed.is_object(), "the response is a JSON object");
  paiban::fuzz::require(parsed.contains("ok") && parsed["ok"].is_boolean(), "the response has ok");
  paiban::fuzz::require(parsed.contains("errors") && parsed["errors"].is_array(), "the response has errors");
  paiban::fuzz::require(parsed["ok"].get<bool>() == parsed["errors"].empty(), "ok exactly when no error");
  return 0;
}
