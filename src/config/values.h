#pragma once
// config-internal: typed readings of ini values. Every failure is one line naming the file, the
// line and the key: `planet.ini:14: items_per_page: "sixty" is not a number`.

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace orrery::config {

// One value with where it was written: the file's display name and directory, and the line.
struct Setting {
  std::string key;
  std::string value;
  std::string file;                 // display name of the file it came from
  std::filesystem::path directory;  // that file's directory: relative paths resolve here
  int line = 0;

  // `file:line: key: reason`, the form of every value error.
  std::string error(std::string_view reason) const;
};

// A whole non-negative decimal integer (surrounding whitespace and a leading '+' allowed, as
// Python's int() does). Fails on anything else, on a negative number, or one beyond int.
util::Result<int> read_count(const Setting& s);

// A whole number of seconds, at least 1.
util::Result<std::chrono::seconds> read_seconds(const Setting& s);

// A Python logging level name, case-insensitive (WARN and FATAL are aliases), upper-cased.
util::Result<std::string> read_log_level(const Setting& s);

// A boolean as Python's ConfigParser.getboolean() reads one: 1, yes, true, on / 0, no, false,
// off, case-insensitive.
util::Result<bool> read_bool(const Setting& s);

// One of `choices` (case-insensitive, surrounding whitespace ignored); the choice's index.
util::Result<std::size_t> read_choice(const Setting& s,
                                      const std::vector<std::string_view>& choices);

// "" or an absolute URL.
util::Result<std::string> read_url(const Setting& s);

// The value as a path; a relative one is taken relative to s.directory. Lexically normalised.
std::filesystem::path read_path(const Setting& s);

// `p` as an absolute file:/// URL, percent-encoding bytes outside RFC 3986's pchar set.
std::string file_url(const std::filesystem::path& p);

}  // namespace orrery::config
