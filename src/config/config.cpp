#include "config/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "config/ini_document.h"
#include "config/keys.h"
#include "config/sections.h"
#include "config/theme.h"
#include "config/values.h"
#include "util/strings.h"

namespace orrery::config {

namespace {

const IniSection* find_planet(const IniDocument& doc) {
  if (const IniSection* exact = doc.find("Planet")) {
    return exact;
  }
  for (const IniSection& s : doc.sections) {
    if (util::iequals(s.name, "Planet")) {
      return &s;
    }
  }
  return nullptr;
}

util::Result<void> read_planet(const PlanetLayers& layers, const std::filesystem::path& dir,
                               PlanetSettings& planet, std::vector<std::string>& warnings) {
  planet.cache_directory = dir / "cache";
  planet.output_dir = dir / "output";
  if (auto read = read_planet_keys(layers.values, planet); !read) {
    return read;
  }
  if (planet.min_poll_interval > planet.max_poll_interval) {
    // One of them was written (both defaults are in order); name the one the operator gave.
    const auto at = layers.values.find("min_poll_interval");
    const Setting& key =
        at != layers.values.end() ? at->second : layers.values.at("max_poll_interval");
    return util::unexpected(
        key.error(fmt::format("min_poll_interval ({} s) is greater than max_poll_interval ({} s)",
                              planet.min_poll_interval.count(), planet.max_poll_interval.count())));
  }
  if (!planet.pubsubhubbub_hub.empty() && planet.link.empty()) {
    const Setting& hub = layers.values.at("pubsubhubbub_hub");
    warnings.push_back(
        fmt::format("{}:{}: [Planet] pubsubhubbub_hub: not honoured without link "
                    "(the hub is told of link + the file's name)",
                    hub.file, hub.line));
  }
  if (planet.cache_lists_directory.empty()) {
    planet.cache_lists_directory = planet.cache_directory / "lists";
  }
  for (const auto& [key, setting] : layers.values) {
    planet.raw.emplace(key, setting.value);
  }
  planet.output_theme = layers.theme_dir;
  planet.template_directories = layers.template_directories;
  return {};
}

// Where a bill-of-materials file goes under output_dir: its name as listed, which must stay
// inside output_dir ("images/logo.png" keeps its folder, "../x" is refused).
util::Result<std::filesystem::path> bill_target(const Setting& name) {
  std::filesystem::path target = std::filesystem::path(name.value).lexically_normal();
  if (target.is_absolute()) {
    return target.filename();
  }
  if (target.empty() || *target.begin() == "..") {
    return util::unexpected(name.error(fmt::format("\"{}\" would leave output_dir", name.value)));
  }
  return target;
}

// Venus planet/config.py expand(): a list entry `pre#{key}post` stands for pre + VALUE + post
// for each subscription whose options give `key` a non-empty VALUE, so a theme can ship every
// feed's face with `bill_of_materials = images/#{face}`.
std::vector<Setting> expand(const std::vector<Setting>& names,
                            const std::vector<FeedSettings>& feeds) {
  std::vector<Setting> out;
  auto add = [&](Setting s) {
    auto same = [&](const Setting& o) { return o.value == s.value; };
    if (std::none_of(out.begin(), out.end(), same)) {
      out.push_back(std::move(s));
    }
  };
  for (const Setting& name : names) {
    std::size_t open = name.value.rfind("#{");
    std::size_t close = open == std::string::npos ? open : name.value.find('}', open);
    std::string key =
        close == std::string::npos ? "" : name.value.substr(open + 2, close - open - 2);
    bool word = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    if (!word) {
      add(name);
      continue;
    }
    for (const FeedSettings& feed : feeds) {
      auto it = feed.raw.find(key);
      if (it != feed.raw.end() && !it->second.empty()) {
        Setting item = name;
        item.value = name.value.substr(0, open) + it->second + name.value.substr(close + 1);
        add(std::move(item));
      }
    }
  }
  return out;
}

util::Result<void> locate_files(const PlanetLayers& layers, const std::vector<FeedSettings>& feeds,
                                PlanetSettings& planet, std::vector<std::string>& warnings) {
  for (const Setting& name : layers.template_files) {
    auto file = locate(name, layers.template_directories);
    if (!file) {
      return util::unexpected(file.error().message);
    }
    planet.template_files.push_back(std::move(*file));
  }
  for (const Setting& name : expand(layers.bill_of_materials, feeds)) {
    auto target = bill_target(name);
    if (!target) {
      return util::unexpected(target.error().message);
    }
    auto file = locate(name, layers.template_directories);
    if (!file) {  // Venus logs it and goes on
      warnings.push_back(file.error().message + "; not copied");
      continue;
    }
    planet.bill_of_materials.push_back(std::move(*file));
    planet.bill_of_materials_targets.push_back(std::move(*target));
  }
  return {};
}

}  // namespace

std::filesystem::path builtin_themes_dir() { return std::filesystem::path(ORRERY_THEMES_DIR); }

util::Result<Config> load(const std::vector<std::filesystem::path>& paths,
                          const LoadOptions& options) {
  if (paths.empty()) {
    return util::unexpected("no config file given");
  }
  auto doc = read_ini_files(paths);
  if (!doc) {
    return util::unexpected(doc.error().message);
  }
  const IniSection* planet = find_planet(*doc);
  if (!planet) {
    std::string names;
    for (const IniFile& file : doc->files) {
      names += (names.empty() ? "" : ", ") + file.display_name;
    }
    return util::unexpected(fmt::format("{}: no [Planet] section", names));
  }
  const auto& themes = options.themes_dir.empty() ? builtin_themes_dir() : options.themes_dir;
  auto layers = merge_theme(*doc, settings_of(*doc, *planet), themes);
  if (!layers) {
    return util::unexpected(layers.error().message);
  }
  Config config;
  std::error_code ec;
  for (const std::filesystem::path& path : paths) {
    config.paths.push_back(std::filesystem::absolute(path, ec).lexically_normal());
  }
  config.path = config.paths.back();
  std::set<std::string> warned;
  check_keys(layers->values, SectionKind::planet, "Planet", warned, config.warnings);
  util::Result<void> step = read_planet(*layers, doc->directory, config.planet, config.warnings);
  if (step) {
    step = read_subscriptions(*doc, *layers, config, warned);
  }
  if (step) {
    step = locate_files(*layers, config.feeds, config.planet, config.warnings);
  }
  if (step) {
    step = read_templates(*doc, *layers, config, warned);
  }
  if (!step) {
    return util::unexpected(step.error().message);
  }
  return config;
}

util::Result<Config> load(const std::filesystem::path& path, const LoadOptions& options) {
  return load(std::vector<std::filesystem::path>{path}, options);
}

}  // namespace orrery::config
