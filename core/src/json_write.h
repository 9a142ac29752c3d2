// Writing the result as JSON straight into one string. The result of a megabyte of notes holds
// several megabytes of HTML and thousands of diagnostics; building a JSON document of it first
// (one node per value, then a dump) cost as much time as formatting itself. The bytes written
// are the same as nlohmann::json's dump(-1, ' ', false, replace) of the same values (keys in
// sorted order, the same escapes), which the unit tests check against nlohmann.
#ifndef PAIBAN_JSON_WRITE_H
#define PAIBAN_JSON_WRITE_H

#include <string>
#include <string_view>

namespace paiban::jsonw {

/// Appends s as a JSON string (quotes included). Invalid UTF-8 is written as nlohmann's
/// `replace` handler writes it (U+FFFD).
void string(std::string& out, std::string_view s);

/// Appends an integer.
void number(std::string& out, long long n);

}  // namespace paiban::jsonw

#endif  // PAIBAN_JSON_WRITE_H
