#pragma once
// config-internal: Venus themes. A theme is a directory holding a config.ini whose [Planet]
// values are defaults under the operator's (Venus planet/config.py load(): the theme is read
// first, then the operator's file over it, with bill_of_materials, template_files and
// template_directories merged rather than replaced).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/ini_document.h"
#include "config/values.h"
#include "util/result.h"

namespace orrery::config {

// The [Planet] settings in force once the theme (if any) is merged under the operator's.
struct PlanetLayers {
  std::map<std::string, Setting> values;  // by key: the operator's, else the theme's
  // One Setting per listed name, from whichever file listed it (theme's first), no repeats.
  std::vector<Setting> template_files;
  std::vector<Setting> bill_of_materials;
  // Where template files and the bill of materials are searched, in order, no repeats.
  std::vector<std::filesystem::path> template_directories;
  std::filesystem::path theme_dir;   // empty: no theme
  std::optional<IniDocument> theme;  // the theme's config.ini, for its template sections
};

// Every key of `section` as a Setting located in `doc`.
std::map<std::string, Setting> settings_of(const IniDocument& doc, const IniSection& section);

// Splits a list value (template_files …) into one Setting per whitespace-separated name.
std::vector<Setting> split_list(const Setting& list);

// Finds and reads the theme the operator's [Planet] asks for and merges it under `planet`.
// output_theme names a directory relative to the config file, else one in `themes_dir`; with
// neither output_theme nor template_files the theme "default" of `themes_dir` is used. Fails
// when the theme has no config.ini or that file fails to load.
util::Result<PlanetLayers> merge_theme(const IniDocument& config,
                                       const std::map<std::string, Setting>& planet,
                                       const std::filesystem::path& themes_dir);

// The first of `dirs` / name.value that is a regular file (name.value itself when absolute).
// Fails with `file:line: key: "name" not found in DIR, DIR…`.
util::Result<std::filesystem::path> locate(const Setting& name,
                                           const std::vector<std::filesystem::path>& dirs);

}  // namespace orrery::config
