// The command line's file handling: reading input whole, writing output atomically.
#ifndef PAIBAN_CLI_FILES_H
#define PAIBAN_CLI_FILES_H

#include <string>
#include <string_view>

namespace paiban::cli {

/// What went wrong: an errno value.
struct IoError {
  int error = 0;
};

/// Reads the whole file (or standard input when `path` is "-"). A directory is an error.
bool read_all(const std::string& path, std::string& out, IoError& err);

/// Writes `data` to `path` atomically: a temporary file next to it, flushed, then renamed over
/// it. On failure nothing at `path` changes and the temporary file is removed.
bool write_atomic(const std::string& path, std::string_view data, IoError& err);

/// Writes `data` to standard output.
bool write_stdout(std::string_view data, IoError& err);

/// What an errno value means, in Chinese and in English.
std::string errno_zh(int error);
std::string errno_en(int error);

}  // namespace paiban::cli

#endif  // PAIBAN_CLI_FILES_H
