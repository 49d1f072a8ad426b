#include "config/theme.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.h"

namespace orrery::config {

namespace {

constexpr std::string_view k_default_theme = "default";
constexpr std::string_view k_theme_config = "config.ini";

const Setting* find_value(const std::map<std::string, Setting>& values, const std::string& key) {
  auto it = values.find(key);
  return it == values.end() ? nullptr : &it->second;
}

bool is_theme(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / k_theme_config, ec);
}

// The theme directory to use, or nullopt for none (template_files given without a theme).
util::Result<std::optional<std::filesystem::path>> find_theme(
    const IniDocument& config, const std::map<std::string, Setting>& planet,
    const std::filesystem::path& themes_dir) {
  const Setting* theme = find_value(planet, "output_theme");
  if (theme && !util::trim(theme->value).empty()) {
    std::vector<std::filesystem::path> candidates{read_path(*theme)};
    std::filesystem::path name(std::string(util::trim(theme->value)));
    if (name.is_relative()) {
      candidates.push_back((themes_dir / name).lexically_normal());
    }
    for (const auto& dir : candidates) {
      if (is_theme(dir)) {
        return std::optional<std::filesystem::path>(dir);
      }
    }
    std::string tried = candidates.front().string();
    for (std::size_t i = 1; i < candidates.size(); ++i) {
      tried += " or " + candidates[i].string();
    }
    return util::unexpected(theme->error(fmt::format(
        "theme \"{}\" not found (no {} in {})", util::trim(theme->value), k_theme_config, tried)));
  }
  const Setting* templates = find_value(planet, "template_files");
  if (templates && !util::trim(templates->value).empty()) {
    return std::optional<std::filesystem::path>();
  }
  std::filesystem::path dir = (themes_dir / k_default_theme).lexically_normal();
  if (!is_theme(dir)) {
    return util::unexpected(fmt::format("{}: built-in theme \"{}\" not found: no {}",
                                        config.display_name, k_default_theme,
                                        (dir / k_theme_config).string()));
  }
  return std::optional<std::filesystem::path>(dir);
}

void append_unique(std::vector<Setting>& out, const Setting* list) {
  if (!list) {
    return;
  }
  for (Setting& item : split_list(*list)) {
    auto same = [&](const Setting& s) { return s.value == item.value; };
    if (std::none_of(out.begin(), out.end(), same)) {
      out.push_back(std::move(item));
    }
  }
}

void append_unique(std::vector<std::filesystem::path>& out, const std::filesystem::path& dir) {
  if (std::find(out.begin(), out.end(), dir) == out.end()) {
    out.push_back(dir);
  }
}

void append_directories(std::vector<std::filesystem::path>& out, const Setting* list) {
  if (list) {
    for (const Setting& dir : split_list(*list)) {
      append_unique(out, read_path(dir));
    }
  }
}

}  // namespace

std::map<std::string, Setting> settings_of(const IniDocument& doc, const IniSection& section) {
  std::map<std::string, Setting> out;
  for (const auto& [key, v] : section.values) {
    const IniFile& file = doc.file_of(v);
    out.emplace(key, Setting{key, v.value, file.display_name, file.directory, v.line});
  }
  return out;
}

std::vector<Setting> split_list(const Setting& list) {
  std::vector<Setting> out;
  for (std::string& name : util::split_whitespace(list.value)) {
    Setting item = list;
    item.value = std::move(name);
    out.push_back(std::move(item));
  }
  return out;
}

util::Result<PlanetLayers> merge_theme(const IniDocument& config,
                                       const std::map<std::string, Setting>& planet,
                                       const std::filesystem::path& themes_dir) {
  auto theme_dir = find_theme(config, planet, themes_dir);
  if (!theme_dir) {
    return util::unexpected(theme_dir.error().message);
  }
  PlanetLayers layers;
  std::map<std::string, Setting> theme;
  if (*theme_dir) {
    layers.theme_dir = **theme_dir;
    auto doc = read_ini_file(layers.theme_dir / k_theme_config);
    if (!doc) {
      return util::unexpected(doc.error().message);
    }
    if (const IniSection* section = doc->find("Planet")) {
      theme = settings_of(*doc, *section);
    }
    layers.theme = std::move(*doc);
  }
  layers.values = theme;
  for (const auto& [key, setting] : planet) {
    layers.values[key] = setting;
  }
  append_unique(layers.template_files, find_value(theme, "template_files"));
  append_unique(layers.template_files, find_value(planet, "template_files"));
  append_unique(layers.bill_of_materials, find_value(theme, "bill_of_materials"));
  append_unique(layers.bill_of_materials, find_value(planet, "bill_of_materials"));
  append_directories(layers.template_directories, find_value(planet, "template_directories"));
  if (!layers.theme_dir.empty()) {
    append_unique(layers.template_directories, layers.theme_dir);
  }
  for (const IniFile& file : config.files) {  // Venus: the directory of every config file
    append_unique(layers.template_directories, file.directory);
  }
  append_directories(layers.template_directories, find_value(theme, "template_directories"));
  return layers;
}

util::Result<std::filesystem::path> locate(const Setting& name,
                                           const std::vector<std::filesystem::path>& dirs) {
  std::filesystem::path relative(name.value);
  std::error_code ec;
  if (relative.is_absolute()) {
    if (std::filesystem::is_regular_file(relative, ec)) {
      return relative.lexically_normal();
    }
    return util::unexpected(name.error(fmt::format("\"{}\" not found", name.value)));
  }
  std::string tried;
  for (const auto& dir : dirs) {
    std::filesystem::path candidate = (dir / relative).lexically_normal();
    if (std::filesystem::is_regular_file(candidate, ec)) {
      return candidate;
    }
    tried += (tried.empty() ? "" : ", ") + dir.string();
  }
  return util::unexpected(name.error(fmt::format("\"{}\" not found in {}", name.value, tried)));
}

}  // namespace orrery::config
