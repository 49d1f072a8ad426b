#include "config/interpolate.h"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "model/limits.h"
#include "util/strings.h"

namespace orrery::config {

namespace {

constexpr std::string_view k_raw_keys[] = {"log_format"};

// One round over `value`: `%%` → `%`, `%(key)s` → the raw value of key. Any other '%' stays
// as written. Returns the name of a key that is missing, through `missing`.
std::string substitute(std::string_view value, const IniSection& section,
                       std::optional<std::string>& missing) {
  std::string out;
  for (std::size_t i = 0; i < value.size();) {
    if (value.substr(i, 2) == "%%") {
      out += '%';
      i += 2;
      continue;
    }
    if (value.substr(i, 2) == "%(") {
      std::size_t close = value.find(')', i + 2);
      if (close != std::string_view::npos && value.substr(close + 1, 1) == "s") {
        std::string key = util::to_lower(value.substr(i + 2, close - i - 2));
        auto it = section.values.find(key);
        if (it == section.values.end()) {
          missing = key;
          return out;
        }
        out += it->second.value;
        i = close + 2;
        continue;
      }
    }
    out += value[i++];
  }
  return out;
}

util::Result<std::string> interpolate_value(const IniDocument& doc, const IniSection& section,
                                            const std::string& key, const IniValue& raw) {
  std::string value = raw.value;
  auto where = [&] { return fmt::format("{}:{}: {}", doc.file_of(raw).display_name, raw.line, key); };
  for (int round = 0; round < model::limits::k_max_config_interpolation_depth; ++round) {
    if (value.find("%(") == std::string::npos) {
      return value;
    }
    std::optional<std::string> missing;
    value = substitute(value, section, missing);
    if (missing) {
      return util::unexpected(fmt::format("{}: \"{}\" names no key \"{}\" in [{}]", where(),
                                          raw.value, *missing, section.name));
    }
  }
  if (value.find("%(") != std::string::npos) {
    return util::unexpected(fmt::format("{}: %(…)s interpolation nested deeper than {} levels",
                                        where(), model::limits::k_max_config_interpolation_depth));
  }
  return value;
}

bool is_raw(const std::string& key) {
  for (std::string_view raw : k_raw_keys) {
    if (key == raw) {
      return true;
    }
  }
  return false;
}

}  // namespace

util::Result<void> interpolate(IniDocument& doc) {
  for (IniSection& section : doc.sections) {
    std::map<std::string, std::string> done;  // substitutions read the raw values
    for (const auto& [key, raw] : section.values) {
      if (is_raw(key) || raw.value.find("%(") == std::string::npos) {
        continue;
      }
      auto value = interpolate_value(doc, section, key, raw);
      if (!value) {
        return util::unexpected(value.error().message);
      }
      done.emplace(key, std::move(*value));
    }
    for (auto& [key, value] : done) {
      section.values[key].value = std::move(value);
    }
  }
  return {};
}

}  // namespace orrery::config
