#pragma once
// config: reads a Planet Venus config.ini (and later OPML reading lists) into typed settings.
// Venus semantics: [Planet] holds planet-wide settings; every other section whose name is a URL
// is a subscription; a section named after a template file holds that template's settings.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace orrery::config {

// Planet-wide settings ([Planet]). Paths are absolute (relative ones are taken relative to the
// config file's directory). Defaults are Planet Venus's.
struct PlanetSettings {
  std::string name = "Unconfigured Planet";
  std::string link;
  std::string owner_name;
  std::string owner_email;
  std::filesystem::path cache_directory;  // holds orrery.db and the run lock
  std::filesystem::path output_dir;
  int items_per_page = 60;
  int days_per_page = 0;  // 0: no limit by age
  std::string date_format = "%B %d, %Y %I:%M %p";
  std::string new_date_format = "%B %d, %Y";
  std::string log_level = "WARNING";  // Venus names: DEBUG INFO WARNING ERROR CRITICAL
  std::chrono::seconds feed_timeout{30};
  std::filesystem::path output_theme;  // theme directory, resolved; empty: orrery's default
  std::vector<std::filesystem::path> template_files;  // resolved paths of the templates to render
  std::vector<std::filesystem::path> template_directories;  // where TMPL_INCLUDE looks
  int new_feed_items = 0;  // per-feed cap on the page; 0: none
  int spider_threads = 0;  // 0: orrery's default concurrency
  std::string encoding = "utf-8";
  // Every key of [Planet] as written (lower-cased key), for templates and for keys orrery does
  // not interpret itself.
  std::map<std::string, std::string> raw;
};

// One subscription: a section whose name is the feed URL.
struct FeedSettings {
  std::string url;
  std::string name;  // display name; "" means: use the feed's own title
  int line = 0;      // line of the section header in the config file, for messages
  // Every key of the section as written (face, filters, …): templates see them as channel_KEY.
  std::map<std::string, std::string> raw;
};

// The settings section of one template file ([index.html.tmpl] …).
struct TemplateSettings {
  std::string name;
  std::map<std::string, std::string> raw;
};

struct Config {
  std::filesystem::path path;  // the config file, absolute
  PlanetSettings planet;
  std::vector<FeedSettings> feeds;  // in file order
  std::vector<TemplateSettings> templates;
};

// Loads and validates a config file. On failure the error is one line naming the file, the line
// where known and the reason: `planet.ini:14: items_per_page: "sixty" is not a number`.
util::Result<Config> load(const std::filesystem::path& path);

}  // namespace orrery::config
