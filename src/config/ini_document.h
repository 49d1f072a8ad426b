#pragma once
// config-internal: one ini file as sections of keys, every value with the line it came from.
// The syntax is Python 2's ConfigParser, which Planet Venus reads its config.ini with:
// `key = value` and `key: value`, `#` and `;` comment lines, ` ;` inline comments, indented
// continuation lines joined with "\n", case-insensitive keys, and a [DEFAULT] section whose keys
// every other section inherits, and Python 2's %(key)s interpolation (config/interpolate.h).

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace orrery::config {

// One file read into a document: how messages name it, and where its relative paths resolve.
struct IniFile {
  std::string display_name;         // the path as the caller gave it
  std::filesystem::path directory;  // absolute directory of the file
};

struct IniValue {
  std::string value;
  int line = 0;  // line of the key (continuation lines extend it)
  int file = 0;  // index in IniDocument::files of the file it was written in
};

struct IniSection {
  std::string name;  // as written between the brackets, surrounding whitespace trimmed
  int line = 0;      // line of the [section] header
  int file = 0;      // index in IniDocument::files of the file of that header
  std::map<std::string, IniValue> values;  // key lower-cased; a repeated key keeps the last value
  // Header lines of later sections of this name in the same file, merged into it (a later file
  // writing the section again is Venus's way of overriding keys, not a repeat).
  std::vector<int> repeated_at;
};

struct IniDocument {
  // The first file's: how messages name it and where its relative paths resolve.
  std::string display_name;
  std::filesystem::path directory;
  std::vector<IniFile> files;  // every file read, in order (one unless read_ini_files)
  // Sections in file order; a repeated section name is merged into its first occurrence (as
  // Python 2's ConfigParser does). [DEFAULT] is not listed: its keys are merged into every
  // section that lacks them.
  std::vector<IniSection> sections;

  // The section called `name` (exact match), or nullptr.
  const IniSection* find(std::string_view name) const;

  // The file a value or section header was written in.
  const IniFile& file_of(int index) const;
  const IniFile& file_of(const IniSection& section) const { return file_of(section.file); }
  const IniFile& file_of(const IniValue& value) const { return file_of(value.file); }
};

// Parses ini text. `display_name` prefixes every error: `planet.ini:7: reason`. Fails on a line
// longer than model::limits::k_max_config_line_bytes, a NUL byte, a key before any section, a
// line that is neither a section, a key, a continuation nor a comment, an empty key, or a
// failed interpolation.
util::Result<IniDocument> parse_ini(std::string_view text, std::string display_name);

// Reads and parses the file at `path`. Fails with one line naming the file when it cannot be
// read, is not a regular file, or is larger than model::limits::k_max_config_bytes.
util::Result<IniDocument> read_ini_file(const std::filesystem::path& path);

// Reads several files as one document, in order, as Python's ConfigParser.read([a, b]) does:
// sections of the same name merge, a later file's value wins per key, [DEFAULT] from any file
// applies to every section, and %(key)s interpolation sees the merged values. Every value keeps
// the file it came from. Fails on the first file that cannot be read or parsed.
util::Result<IniDocument> read_ini_files(const std::vector<std::filesystem::path>& paths);

}  // namespace orrery::config
