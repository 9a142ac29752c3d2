// The command line's file handling: reading input whole, writing output atomically.
#ifndef PAIBAN_CLI_FILES_H
#define PAIBAN_CLI_FILES_H

#include <string>
#include <string_view>
#include <vector>

namespace paiban::cli {

/// What went wrong: an errno value.
struct IoError {
  int error = 0;
};

/// Reads the whole file (or standard input when `path` is "-"). A directory is an error.
bool read_all(const std::string& path, std::string& out, IoError& err);

/// A file written atomically, piece by piece: a temporary file next to `path`
/// (`.NAME.paiban-XXXXXX`) that commit() flushes to disk (when `durable`) and renames over it. A
/// new file gets 0666 minus the umask, an existing one keeps its mode. After a failed step, or
/// when never committed, the temporary file is removed and nothing at `path` has changed.
class AtomicFile {
 public:
  AtomicFile() = default;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile() { discard(); }

  /// Creates the temporary file for `path` (a folder at `path`: EISDIR).
  bool open(const std::string& path, IoError& err);
  /// Appends `data` (retrying short writes and interrupted calls).
  bool write(std::string_view data, IoError& err);
  /// Flushes (when `durable`), closes and renames the file into place.
  bool commit(bool durable, IoError& err);

 private:
  void discard();
  std::string path_;
  std::string tmp_;  ///< the temporary file while there is one
  int fd_ = -1;
};

/// Writes `data` to `path` atomically (an AtomicFile opened, written and committed). Safe to call
/// from several threads at once.
bool write_atomic(const std::string& path, std::string_view data, IoError& err, bool durable = true);

/// Writes all of `data` to the descriptor (retrying short writes and interrupted calls).
bool write_fd(int fd, std::string_view data, IoError& err);

/// Creates the folder `path` and any missing parents (like mkdir -p). An existing folder is fine;
/// safe when other threads create the same folders at the same time.
bool make_dirs(const std::string& path, IoError& err);

/// An entry of a folder listing.
struct DirEntry {
  std::string name;
  bool is_dir = false;   ///< a real folder (a symbolic link to a folder is neither: not followed)
  bool is_file = false;  ///< a regular file, or a symbolic link to one (or a dangling link)
};

/// Lists the folder `path` (without "." and ".."), sorted by name (bytewise).
bool list_dir(const std::string& path, std::vector<DirEntry>& out, IoError& err);

/// True when `path` is a folder (following symbolic links).
bool is_dir(const std::string& path);

/// Writes `data` to standard output.
bool write_stdout(std::string_view data, IoError& err);

/// What an errno value means, in Chinese and in English.
std::string errno_zh(int error);
std::string errno_en(int error);

}  // namespace paiban::cli

#endif  // PAIBAN_CLI_FILES_H
