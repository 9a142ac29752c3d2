#include "files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
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

bool write_atomic(const std::string& path, std::string_view data, IoError& err) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    err.error = EISDIR;
    return false;
  }
  const bool existed = ::stat(path.c_str(), &st) == 0;
  std::string tmp = dir_of(path) + "/." + base_of(path) + ".paiban-XXXXXX";
  std::vector<char> name(tmp.begin(), tmp.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    err.error = errno;
    return false;
  }
  tmp.assign(name.data());
  // mkstemp creates the file 0600; give it the mode a new file would get (or the old file's).
  mode_t mode = 0;
  if (existed) {
    mode = st.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = static_cast<mode_t>(0666 & ~mask);
  }
  bool ok = true;
  auto check = [&](bool step_ok) {
    if (ok && !step_ok) {
      err.error = errno;
      ok = false;
    }
  };
  check(::fchmod(fd, mode) == 0);
  if (ok && !write_fd(fd, data, err)) ok = false;
  if (ok) check(::fsync(fd) == 0);
  check(::close(fd) == 0);
  if (ok) check(::rename(tmp.c_str(), path.c_str()) == 0);
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

}  // namespace paiban::cli
