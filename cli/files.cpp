#include "files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <vector>

namespace paiban::cli {

namespace {

bool read_fd(int fd, std::string& out, IoError& err) {
  std::vector<char> buf(1 << 16);
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      err.error = errno;
      return false;
    }
    out.append(buf.data(), static_cast<std::size_t>(n));
  }
}

std::string dir_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool write_fd(int fd, std::string_view data, IoError& err) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      err.error = errno;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string errno_zh(int error) {
  const char* zh = nullptr;
  switch (error) {
    case ENOENT:
      zh = "文件或目录不存在";
      break;
    case EACCES:
    case EPERM:
      zh = "没有权限";
      break;
    case EISDIR:
      zh = "这是一个目录";
      break;
    case ENOTDIR:
      zh = "路径中有一部分不是目录";
      break;
    case ENOSPC:
      zh = "磁盘空间不足";
      break;
    case EROFS:
      zh = "文件系统只读";
      break;
    case EIO:
      zh = "读写出错";
      break;
    case EPIPE:
      zh = "管道已关闭";
      break;
    default:
      zh = "系统错误";
      break;
  }
  return zh;
}

std::string errno_en(int error) {
  return std::strerror(error);
}

bool read_all(const std::string& path, std::string& out, IoError& err) {
  out.clear();
  if (path == "-") return read_fd(STDIN_FILENO, out, err);
  int fd = -1;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    err.error = errno;
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    err.error = errno;
    ::close(fd);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    err.error = EISDIR;
    ::close(fd);
    return false;
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size));
  const bool ok = read_fd(fd, out, err);
  ::close(fd);
  return ok;
}

bool write_stdout(std::string_view data, IoError& err) {
  return write_fd(STDOUT_FILENO, data, err);
}

namespace {

/// Six characters for a temporary file's name, different on every call (in this process, and
/// very likely across processes); the O_EXCL open catches the rest.
std::string temp_suffix() {
  static std::atomic<std::uint64_t> counter{0};
  const std::uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
  const auto ticks = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  std::uint64_t x = (static_cast<std::uint64_t>(::getpid()) << 32) ^ (n * 0x9E3779B97F4A7C15ull) ^ ticks;
  // A 64-bit mix (splitmix64's finaliser) spreads the bits over the six characters.
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string out(6, 'x');
  for (char& c : out) {
    c = kChars[x % 62];
    x /= 62;
  }
  return out;
}

}  // namespace

bool AtomicFile::open(const std::string& path, IoError& err) {
  discard();
  struct stat st {};
  const bool existed = ::stat(path.c_str(), &st) == 0;
  if (existed && S_ISDIR(st.st_mode)) {
    err.error = EISDIR;
    return false;
  }
  const std::string prefix = dir_of(path) + "/." + base_of(path) + ".paiban-";
  int fd = -1;
  std::string tmp;
  // A new file is created 0666 and the kernel applies the umask, so the umask is never changed
  // (changing it would race with other threads creating files).
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = prefix + temp_suffix();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST && errno != EINTR) break;
  }
  if (fd < 0) {
    err.error = errno;
    return false;
  }
  path_ = path;
  tmp_ = std::move(tmp);
  fd_ = fd;
  if (existed && ::fchmod(fd_, st.st_mode & 07777) != 0) {
    err.error = errno;
    discard();
    return false;
  }
  return true;
}

bool AtomicFile::write(std::string_view data, IoError& err) {
  if (fd_ < 0) {
    err.error = EBADF;
    return false;
  }
  if (write_fd(fd_, data, err)) return true;
  discard();
  return false;
}

bool AtomicFile::commit(bool durable, IoError& err) {
  if (fd_ < 0) {
    err.error = EBADF;
    return false;
  }
  bool ok = true;
  if (durable && ::fsync(fd_) != 0) {
    err.error = errno;
    ok = false;
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 && ok) {
    err.error = errno;
    ok = false;
  }
  if (ok && ::rename(tmp_.c_str(), path_.c_str()) != 0) {
    err.error = errno;
    ok = false;
  }
  if (ok) tmp_.clear();  // in place: nothing to remove
  discard();
  return ok;
}

void AtomicFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
  tmp_.clear();
}

bool write_atomic(const std::string& path, std::string_view data, IoError& err, bool durable) {
  AtomicFile f;
  return f.open(path, err) && f.write(data, err) && f.commit(durable, err);
}

bool is_dir(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool make_dirs(const std::string& path, IoError& err) {
  if (path.empty() || is_dir(path)) return true;
  const std::size_t slash = path.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    std::size_t end = slash;
    while (end > 0 && path[end - 1] == '/') --end;  // "a//b"
    if (end > 0 && !make_dirs(path.substr(0, end), err)) return false;
  }
  if (::mkdir(path.c_str(), 0777) == 0) return true;
  if (errno == EEXIST && is_dir(path)) return true;  // made by another thread meanwhile
  err.error = errno == EEXIST ? ENOTDIR : errno;
  return false;
}

namespace {

/// A symbolic link counts as a file when it points to one, or to nothing (reading it then
/// reports the error); a link to a folder or a device does not.
bool link_to_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return true;
  return S_ISREG(st.st_mode);
}

}  // namespace

bool list_dir(const std::string& path, std::vector<DirEntry>& out, IoError& err) {
  out.clear();
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    err.error = errno;
    return false;
  }
  for (;;) {
    errno = 0;
    const dirent* e = ::readdir(dir);
    if (e == nullptr) {
      if (errno != 0) {
        err.error = errno;
        ::closedir(dir);
        return false;
      }
      break;
    }
    DirEntry entry;
    entry.name = e->d_name;
    if (entry.name == "." || entry.name == "..") continue;
    const std::string full = path + "/" + entry.name;
    struct stat st {};
    if (e->d_type == DT_DIR) {
      entry.is_dir = true;
    } else if (e->d_type == DT_REG) {
      entry.is_file = true;
    } else if (e->d_type == DT_LNK) {
      entry.is_file = link_to_file(full);
    } else if (e->d_type == DT_UNKNOWN && ::lstat(full.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode))
        entry.is_dir = true;
      else if (S_ISREG(st.st_mode))
        entry.is_file = true;
      else if (S_ISLNK(st.st_mode))
        entry.is_file = link_to_file(full);
    }
    out.push_back(std::move(entry));
  }
  ::closedir(dir);
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return true;
}

}  // namespace paiban::cli
