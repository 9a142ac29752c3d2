#include "json_locate.h"

#include <set>

#include "text.h"

namespace paiban {

namespace {

/// Walks a text byte by byte, keeping the line and column of the current byte.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
  }

  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  std::size_t offset() const { return i_; }
  TextPos pos() const { return TextPos{line_, col_ + 1}; }

  void advance() {
    if (done()) return;
    const char c = s_[i_++];
    if (c == '\n' || (c == '\r' && peek() != '\n')) {
      ++line_;
      col_ = 0;
    } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0u) != 0x80u) {
      ++col_;
    }
  }

  void skip_space() {
    while (!done() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) advance();
  }

  /// At a '"': skips the string and returns its decoded content (escapes resolved).
  std::string read_string() {
    std::string out;
    advance();  // opening quote
    while (!done() && peek() != '"') {
      if (peek() != '\\') {
        out += peek();
        advance();
        continue;
      }
      advance();
      const char e = peek();
      advance();
      switch (e) {
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          char32_t c = read_hex4();
          if (c >= 0xD800 && c <= 0xDBFF && peek() == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == 'u') {
            advance();
            advance();
            const char32_t low = read_hex4();
            c = (low >= 0xDC00 && low <= 0xDFFF) ? 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD;
          } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
          }
          text::append(out, c);
          break;
        }
        default:
          out += e;  // \" \\ \/
      }
    }
    advance();  // closing quote
    return out;
  }

  /// Skips a number or a literal (true, false, null).
  void skip_scalar() {
    while (!done()) {
      const char c = peek();
      if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
      advance();
    }
  }

 private:
  char32_t read_hex4() {
    char32_t v = 0;
    for (int k = 0; k < 4 && !done(); ++k) {
      const char c = peek();
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<char32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<char32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<char32_t>(c - 'A' + 10);
      advance();
    }
    return v;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int line_ = 1;
  int col_ = 0;
};

std::string member_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string element_path(const std::string& parent, int index) {
  return parent + "[" + std::to_string(index) + "]";
}

}  // namespace

TextPos position_of(std::string_view text, std::size_t offset) {
  if (offset < text.size())
    while (offset > 0 && (static_cast<unsigned char>(text[offset]) & 0xC0u) == 0x80u) --offset;
  Cursor c(text);
  while (!c.done() && c.offset() < offset) c.advance();
  return c.pos();
}

JsonLocations locate_json(std::string_view s) {
  struct Frame {
    bool array;
    std::string path;
    int index;
    std::set<std::string> keys;  // of an object, to find duplicates
  };
  JsonLocations out;
  Cursor c(s);
  std::vector<Frame> stack;
  std::string path;        // the path of the value about to start
  bool duplicate = false;  // that value's key was seen before in its object

  // After '{' or ',' inside an object: reads `"key" :` and sets `path`. False when malformed.
  auto read_member_key = [&]() {
    c.skip_space();
    if (c.peek() != '"') return false;
    Frame& f = stack.back();
    const std::string key = c.read_string();
    path = member_path(f.path, key);
    duplicate = !f.keys.insert(key).second;
    c.skip_space();
    if (c.peek() != ':') return false;
    c.advance();
    return true;
  };

  bool want_value = true;
  for (;;) {
    c.skip_space();
    if (c.done()) break;
    if (want_value) {
      out.values[path] = c.pos();
      if (duplicate) out.duplicates.emplace_back(path, c.pos());
      duplicate = false;
      const char ch = c.peek();
      if (ch == '{' || ch == '[') {
        c.advance();
        stack.push_back(Frame{ch == '[', path, 0, {}});
        c.skip_space();
        if (c.peek() == (ch == '[' ? ']' : '}')) {
          c.advance();
          stack.pop_back();
          want_value = false;
        } else if (ch == '[') {
          path = element_path(stack.back().path, 0);
        } else if (!read_member_key()) {
          break;
        }
        continue;
      }
      if (ch == '"')
        c.read_string();
      else
        c.skip_scalar();
      want_value = false;
      continue;
    }
    if (stack.empty()) break;
    const char ch = c.peek();
    Frame& f = stack.back();
    if (ch == ',') {
      c.advance();
      if (f.array) {
        path = element_path(f.path, ++f.index);
      } else if (!read_member_key()) {
        break;
      }
      want_value = true;
    } else if (ch == (f.array ? ']' : '}')) {
      c.advance();
      stack.pop_back();
    } else {
      break;
    }
  }
  return out;
}

}  // namespace paiban
