#include "config/sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "config/keys.h"
#include "config/reading_list.h"
#include "util/strings.h"
#include "util/url.h"

namespace orrery::config {

namespace {

bool has_space_or_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == '\x7f'; });
}

// Venus (planet/config.py reading_lists()) reads sections whose content_type names a list
// format as reading lists, not feeds.
std::optional<ReadingListFormat> list_format_of(const IniSection& section) {
  auto it = section.values.find("content_type");
  return it == section.values.end() ? std::nullopt : reading_list_format(it->second.value);
}

bool is_template_section(const PlanetLayers& layers, const std::string& name) {
  return std::any_of(layers.template_files.begin(), layers.template_files.end(),
                     [&](const Setting& t) { return t.value == name; });
}

// `file:feeds/x.xml` → file:///abs/dir/feeds/x.xml (RFC 3986 §5.2 against the directory).
std::string resolve_file_url(const IniFile& file, const std::string& url) {
  std::string rest = url.substr(url.find(':') + 1);
  if (!rest.empty() && rest.front() == '/') {
    return url;
  }
  return util::resolve_url(file_url(file.directory) + "/", rest);
}

// Venus names a reading list by a URL or by a file path; a path (relative to the config file
// here, to the working directory in Venus) becomes a file: URL.
IniSection list_as_url(const IniDocument& doc, const IniSection& section) {
  IniSection named = section;
  if (!util::is_absolute_url(section.name)) {
    std::filesystem::path path(section.name);
    named.name = path.is_absolute()
                     ? file_url(path.lexically_normal())
                     : resolve_file_url(doc.file_of(section), "file:" + section.name);
  }
  return named;
}

std::string check_url(const std::string& url) {
  if (has_space_or_control(url)) {
    return "feed URL contains whitespace or a control character";
  }
  std::string scheme = util::url_scheme(url);
  if (scheme == "http" || scheme == "https") {
    return util::url_host(url).empty() ? "feed URL has no host" : "";
  }
  if (scheme == "file") {
    std::string host = util::url_host(url);
    bool local = host.empty() || host == "localhost";
    return local ? "" : "file URL names a remote host (write file:///path or file:relative/path)";
  }
  return fmt::format("feed URL scheme \"{}\" is not http, https or file", scheme);
}

// Every name in a `filters` list of [Planet] or of any section (Venus planet/config.py filters()).
std::set<std::string> filter_names(const IniDocument& doc, const PlanetLayers& layers) {
  std::set<std::string> names;
  // A section is named after the filter's file: without its query (`excerpt.py?width=300`)
  // and, in a template's list, without a tee (`f>dest`).
  auto add = [&](const std::string& list) {
    for (std::string& name : util::split_whitespace(list)) {
      names.insert(name.substr(0, name.find_first_of("?>")));
    }
  };
  if (auto it = layers.values.find("filters"); it != layers.values.end()) {
    add(it->second.value);
  }
  for (const IniSection& section : doc.sections) {
    if (auto it = section.values.find("filters"); it != section.values.end()) {
      add(it->second.value);
    }
  }
  return names;
}

}  // namespace

std::string feed_identity(const std::string& url) {
  std::string origin = util::url_origin(url);
  if (origin.empty() || !util::istarts_with(url, origin)) {
    return url;
  }
  return util::to_lower(origin) + url.substr(origin.size());
}

util::Result<FeedSettings> read_feed(const IniDocument& doc, const IniSection& section) {
  FeedSettings feed;
  feed.line = section.line;
  feed.url = section.name;
  if (util::url_scheme(feed.url) == "file") {
    feed.url = resolve_file_url(doc.file_of(section), feed.url);
  }
  if (std::string problem = check_url(feed.url); !problem.empty()) {
    return util::unexpected(fmt::format("{}:{}: [{}]: {}", doc.file_of(section).display_name,
                                        section.line, section.name, problem));
  }
  for (const auto& [key, value] : section.values) {
    feed.raw.emplace(key, value.value);
  }
  if (auto it = feed.raw.find("name"); it != feed.raw.end()) {
    feed.name = it->second;
  }
  return feed;
}

util::Result<void> read_subscriptions(const IniDocument& doc, const PlanetLayers& layers,
                                      Config& config, std::set<std::string>& warned) {
  std::map<std::string, int> seen;  // url → line of its section
  std::set<std::string> filters = filter_names(doc, layers);
  for (const IniSection& section : doc.sections) {
    if (util::iequals(section.name, "Planet") || is_template_section(layers, section.name)) {
      continue;
    }
    if (filters.count(section.name)) {
      FilterSettings filter{section.name, section.line, {}};
      for (const auto& [key, value] : section.values) {
        filter.raw.emplace(key, value.value);
      }
      config.filters.push_back(std::move(filter));
      continue;
    }
    auto where =
        fmt::format("{}:{}: [{}]", doc.file_of(section).display_name, section.line, section.name);
    auto format = list_format_of(section);
    // Venus subscribes to every other section: a name that is not a URL is a local file path
    // (feedparser opens it), here taken from the config file's directory as for reading lists.
    auto feed = read_feed(doc, list_as_url(doc, section));
    if (!feed) {
      return util::unexpected(feed.error().message);
    }
    if (!format && !util::is_absolute_url(section.name)) {
      std::filesystem::path path(section.name);
      if (path.is_relative()) {
        path = doc.file_of(section).directory / path;
      }
      std::error_code ec;
      if (!std::filesystem::is_regular_file(path, ec)) {
        config.warnings.push_back(fmt::format(
            "{} is not a URL: subscribed as the local file {} (as Venus reads such a section), "
            "which does not exist",
            where, path.lexically_normal().string()));
      }
    }
    if (!section.repeated_at.empty()) {  // written twice under the very same name
      return util::unexpected(fmt::format("{}:{}: [{}]: the same feed as the section at line {}",
                                          doc.file_of(section).display_name,
                                          section.repeated_at.front(), section.name, section.line));
    }
    auto [first, inserted] = seen.emplace(feed_identity(feed->url), section.line);
    if (!inserted) {
      return util::unexpected(
          fmt::format("{}: the same feed as the section at line {}", where, first->second));
    }
    std::map<std::string, Setting> values = settings_of(doc, section);
    check_keys(values, format ? SectionKind::reading_list : SectionKind::feed, section.name, warned,
               config.warnings);
    for (const auto& [key, setting] : layers.values) {
      if (!is_planet_wide(key)) {
        feed->raw.emplace(key, setting.value);  // keeps the section's own value
        values.emplace(key, setting);
      }
    }
    if (format) {
      // The list's own keys describe the list, not the feeds it names.
      feed->raw.erase("content_type");
      feed->raw.erase("name");
      values.erase("content_type");
      ReadingListSettings list{std::move(feed->url), {}, *format, feed->line, std::move(feed->raw)};
      if (auto read = read_feed_keys(values, list.options); !read) {
        return read;
      }
      config.reading_lists.push_back(std::move(list));
      continue;
    }
    if (auto read = read_feed_keys(values, *feed); !read) {
      return read;
    }
    config.feeds.push_back(std::move(*feed));
  }
  return {};
}

namespace {

std::map<std::string, Setting> template_section(const IniDocument* doc, const std::string& name) {
  const IniSection* section = doc ? doc->find(name) : nullptr;
  return section ? settings_of(*doc, *section) : std::map<std::string, Setting>{};
}

util::Result<void> read_counts(const std::map<std::string, Setting>& values, TemplateSettings& t) {
  for (auto [key, field] : {std::pair{"items_per_page", &t.items_per_page},
                            std::pair{"days_per_page", &t.days_per_page}}) {
    if (auto it = values.find(key); it != values.end()) {
      auto n = read_count(it->second);
      if (!n) {
        return util::unexpected(n.error().message);
      }
      *field = *n;
    }
  }
  return {};
}

}  // namespace

util::Result<void> read_templates(const IniDocument& doc, const PlanetLayers& layers,
                                  Config& config, std::set<std::string>& warned) {
  const IniDocument* theme = layers.theme ? &*layers.theme : nullptr;
  for (std::size_t i = 0; i < layers.template_files.size(); ++i) {
    TemplateSettings t;
    t.name = layers.template_files[i].value;
    t.file = config.planet.template_files.at(i);
    t.items_per_page = config.planet.items_per_page;
    t.days_per_page = config.planet.days_per_page;
    t.encoding = config.planet.encoding;
    std::map<std::string, Setting> values = template_section(theme, t.name);
    for (auto& [key, setting] : template_section(&doc, t.name)) {
      values[key] = std::move(setting);
    }
    check_keys(values, SectionKind::template_file, t.name, warned, config.warnings);
    if (auto it = values.find("filters"); it != values.end()) {
      t.filters = util::split_whitespace(it->second.value);
    }
    for (auto [key, field] : {std::pair{"filter", &t.filter}, std::pair{"exclude", &t.exclude}}) {
      if (auto it = values.find(key); it != values.end() && !util::trim(it->second.value).empty()) {
        *field = it->second.value;
      }
    }
    if (auto counts = read_counts(values, t); !counts) {
      return counts;
    }
    if (auto it = values.find("encoding"); it != values.end()) {
      t.encoding = std::string(util::trim(it->second.value));
    }
    for (const auto& [key, setting] : values) {
      t.raw.emplace(key, setting.value);
    }
    config.templates.push_back(std::move(t));
  }
  return {};
}

}  // namespace orrery::config
