// Writing the result as JSON straight into one string. The result of a megabyte of notes holds
// several megabytes of HTML and thousands of diagnostics; building a JSON document of it first
// (one node per value, then a dump) cost as much time as formatting itself. The bytes written
// are the same as nlohmann::json's dump(-1, ' ', false, replace) of the same values (keys in
// sorted order, the same escapes), which the unit tests check against nlohmann.
//
// The writer keeps its own write position in a string it grows by doubling, so writing a byte
// is a store, not a call: under WASM every std::string member is a call into libc++.
#ifndef PAIBAN_JSON_WRITE_H
#define PAIBAN_JSON_WRITE_H

#include <cstring>
#include <string>
#include <string_view>

namespace paiban::jsonw {

class Writer {
 public:
  explicit Writer(std::size_t expected = 256) {
    buf_.resize(expected < 64 ? 64 : expected);
    data_ = buf_.data();
    cap_ = buf_.size();
  }

  /// Room for at least k more bytes; returns where they go.
  char* room(std::size_t k) {
    if (k > cap_ - n_) grow(k);
    return data_ + n_;
  }
  /// The bytes up to `end` (in the room last given) are written.
  void wrote(const char* end) { n_ = static_cast<std::size_t>(end - data_); }
  void raw(std::string_view s) {
    std::memcpy(room(s.size()), s.data(), s.size());
    n_ += s.size();
  }
  void ch(char c) {
    *room(1) = c;
    ++n_;
  }
  /// s as a JSON string (quotes included). Invalid UTF-8 is written as nlohmann's `replace`
  /// handler writes it (U+FFFD).
  void string(std::string_view s);
  /// s, which the caller knows to be valid UTF-8 (the page, fragment and notes format() made
  /// from decoded text), as a JSON string: the same bytes as string(s), found by looking for
  /// the bytes to escape only ('"', '\\' and controls), eight at a time whatever the high bits.
  void valid_string(std::string_view s);
  void number(long long v);

  /// The JSON written (the writer is left empty).
  std::string take() {
    buf_.resize(n_);
    std::string out = std::move(buf_);
    buf_.clear();
    n_ = 0;
    data_ = buf_.data();
    cap_ = buf_.size();
    return out;
  }

 private:
  /// Makes room for k more bytes (the buffer doubles at least).
  void grow(std::size_t k);

  std::string buf_;
  /// buf_'s bytes and size, kept here: under WASM each std::string member is a call or a
  /// branch on its short/long form.
  char* data_ = nullptr;
  std::size_t cap_ = 0;
  std::size_t n_ = 0;
};

}  // namespace paiban::jsonw

#endif  // PAIBAN_JSON_WRITE_H
