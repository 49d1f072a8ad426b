#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>

namespace orrery::util {

namespace {

[[noreturn]] void throw_errno(const std::string& what, const std::filesystem::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path path, Sync sync)
    : m_path(std::move(path)), m_sync(sync) {
  std::string tmpl = m_path.string() + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    throw_errno("cannot create temporary file for", m_path);
  }
  // mkstemp creates 0600; published pages must be readable by the web server.
  ::fchmod(fd, 0644);
  m_tmp_path = tmpl;
  m_stream = ::fdopen(fd, "wb");
  if (m_stream == nullptr) {
    ::close(fd);
    std::filesystem::remove(m_tmp_path);
    throw_errno("cannot open temporary file for", m_path);
  }
}

AtomicFile::~AtomicFile() {
  if (m_stream != nullptr) {
    std::fclose(m_stream);
    std::error_code ignored;
    std::filesystem::remove(m_tmp_path, ignored);
  }
}

void AtomicFile::write(std::string_view data) {
  if (data.empty()) {
    return;
  }
  if (std::fwrite(data.data(), 1, data.size(), m_stream) != data.size()) {
    throw_errno("cannot write", m_tmp_path);
  }
}

void AtomicFile::commit() {
  if (m_stream == nullptr) {
    throw std::logic_error("AtomicFile::commit called twice for " + m_path.string());
  }
  std::FILE* stream = m_stream;
  m_stream = nullptr;
  bool ok = std::fflush(stream) == 0 && (m_sync == Sync::later || ::fsync(::fileno(stream)) == 0);
  int saved_errno = errno;
  ok = (std::fclose(stream) == 0) && ok;
  if (!ok || ::rename(m_tmp_path.c_str(), m_path.c_str()) != 0) {
    if (ok) {
      saved_errno = errno;
    }
    std::error_code ignored;
    std::filesystem::remove(m_tmp_path, ignored);
    errno = saved_errno;
    throw_errno("cannot commit", m_path);
  }
}

namespace {
constexpr std::string_view k_temporary_infix = ".tmp.";
constexpr std::size_t k_temporary_suffix = 6;  // mkstemp's XXXXXX
}  // namespace

bool is_atomic_temporary(std::string_view filename) {
  const std::size_t tail = k_temporary_infix.size() + k_temporary_suffix;
  if (filename.size() <= tail) return false;
  std::string_view suffix = filename.substr(filename.size() - k_temporary_suffix);
  if (filename.substr(filename.size() - tail, k_temporary_infix.size()) != k_temporary_infix) {
    return false;
  }
  return std::all_of(suffix.begin(), suffix.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

std::vector<std::filesystem::path> remove_stale_temporaries(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> removed;
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(
      dir, std::filesystem::directory_options::skip_permission_denied, ec);
  for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    const std::filesystem::directory_entry& entry = *it;
    std::error_code type_ec;
    if (!entry.is_regular_file(type_ec) || entry.is_symlink(type_ec)) continue;
    if (!is_atomic_temporary(entry.path().filename().string())) continue;
    std::error_code remove_ec;
    if (std::filesystem::remove(entry.path(), remove_ec)) removed.push_back(entry.path());
  }
  return removed;
}

void sync_filesystem(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    throw_errno("cannot open for syncing", dir);
  }
  if (::syncfs(fd) != 0) {
    int saved_errno = errno;
    ::close(fd);
    errno = saved_errno;
    throw_errno("cannot sync", dir);
  }
  ::close(fd);
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content, Sync sync) {
  AtomicFile file(path, sync);
  file.write(content);
  file.commit();
}

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return unexpected(path.string() + ": cannot open: " + std::strerror(errno));
  }
  std::string content;
  char buffer[65536];
  while (in) {
    in.read(buffer, sizeof buffer);
    std::size_t got = static_cast<std::size_t>(in.gcount());
    if (content.size() + got > max_bytes) {
      return unexpected(path.string() + ": larger than the limit of " + std::to_string(max_bytes) +
                        " bytes");
    }
    content.append(buffer, got);
  }
  if (in.bad()) {
    return unexpected(path.string() + ": read error");
  }
  return content;
}

}  // namespace orrery::util
