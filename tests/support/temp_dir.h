#pragma once
// A fresh directory under $TMPDIR for one test, removed with everything in it on destruction.

#include <filesystem>
#include <string>
#include <string_view>

namespace orrery::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(std::string_view name) const { return m_path / name; }

  // Writes `content` to path()/name (creating parent directories) and returns the full path.
  std::filesystem::path write(std::string_view name, std::string_view content) const;

 private:
  std::filesystem::path m_path;
};

// The whole content of a file; fails the current test (and returns "") when unreadable.
std::string slurp(const std::filesystem::path& path);

// tests/data/<relative>.
std::filesystem::path data_path(std::string_view relative);

}  // namespace orrery::test
