#pragma once
// AtomicFile: write a file so that readers never see half of it (ccache's AtomicFile).
// Content goes to a temporary file beside the target; commit() flushes, fsyncs and renames it
// over the target. A destructor without commit() only removes the temporary file.
// With Sync::later commit() does not fsync: the rename is still atomic (no reader sees half a
// file), but the content is durable only once the caller calls sync_filesystem() — one syncfs
// for a batch of files instead of one fsync each (app/publish.cpp's archive pages).

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace orrery::util {

// When AtomicFile::commit() makes the content durable: itself (fsync), or the caller's
// sync_filesystem() after a batch of commits.
enum class Sync { now, later };

class AtomicFile {
 public:
  // Opens a temporary file in path's directory. Throws std::system_error when it cannot be
  // created (a broken environment: missing or read-only output directory, disk full).
  explicit AtomicFile(std::filesystem::path path, Sync sync = Sync::now);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Appends bytes; throws std::system_error on a write failure.
  void write(std::string_view data);

  // Flushes, fsyncs and renames the temporary file over the target. Throws std::system_error
  // on failure; the target is then untouched. Calling commit() twice is an invariant failure.
  void commit();

  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
  std::filesystem::path m_tmp_path;
  std::FILE* m_stream = nullptr;
  Sync m_sync = Sync::now;
};

// Makes every file written under `dir` durable (syncfs(2) on its filesystem: data, inodes and
// directory entries, so renames too). The durability point for files committed with
// Sync::later; throws std::system_error naming `dir` on failure.
void sync_filesystem(const std::filesystem::path& dir);

// True when `filename` (no directory) is the name AtomicFile gives its temporary files:
// `<target name>.tmp.XXXXXX`, six letters or digits (mkstemp's). The one pattern of temporary
// files in output_dir; docs/safety.md.
bool is_atomic_temporary(std::string_view filename);

// Removes every AtomicFile temporary file under `dir` (recursively; symbolic links are neither
// followed nor removed) that a process killed before commit() left behind, and returns their
// paths. Call only while no other process writes there (app/ holds the run lock). A missing
// `dir` is nothing to do; a file that cannot be removed is skipped.
std::vector<std::filesystem::path> remove_stale_temporaries(const std::filesystem::path& dir);

// Writes content to path atomically (AtomicFile + commit). Failures throw as above.
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           Sync sync = Sync::now);

// Reads a whole file, refusing files larger than max_bytes. The error names the file and reason.
Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes);

}  // namespace orrery::util
