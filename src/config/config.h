#pragma once
// config: reads a Planet Venus config.ini into typed settings, and parses the reading lists it
// names (config/reading_list.h). Venus semantics: [Planet] holds planet-wide settings; every
// other section whose name is a URL is a subscription, or a reading list when its content_type
// names a list format; a section named after a template file holds that template's settings.
//
// Syntax is Python 2's ConfigParser (what Venus reads with): `key = value` or `key: value`, `#`
// and `;` comment lines, ` ;` inline comments, indented continuation lines, case-insensitive
// keys, a [DEFAULT] section inherited by every section.
//
// Themes (Venus's output_theme): a theme is a directory with its own config.ini whose [Planet]
// values are defaults under the operator's. It is looked up relative to the config file, then
// among orrery's built-in themes. Template files and the bill of materials are searched in
// template_directories: the operator's, then the theme's directory, then the config file's,
// then the theme's own template_directories. With neither output_theme nor template_files, the
// built-in theme "default" is used.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/limits.h"
#include "util/result.h"

namespace orrery::config {

// Planet-wide settings ([Planet]). Paths are absolute (relative ones are taken relative to the
// config file's directory). Defaults are Planet Venus's unless noted.
struct PlanetSettings {
  std::string name = "Unconfigured Planet";
  std::string link;        // "" or an absolute URL
  std::string owner_name;  // Venus says "Anonymous Coward"; "" lets templates leave it out
  std::string owner_email;
  std::filesystem::path cache_directory;  // holds orrery.db and the run lock; default ./cache
  std::filesystem::path output_dir;       // default ./output
  int items_per_page = 60;
  int days_per_page = 0;  // 0: no limit by age
  std::string date_format = "%B %d, %Y %I:%M %p";
  std::string new_date_format = "%B %d, %Y";
  std::string log_level = "WARNING";  // upper-cased; one of DEBUG INFO WARNING ERROR CRITICAL
  // Venus's default is 20 s; orrery's fetcher default (model::limits::k_feed_timeout) is kept.
  std::chrono::seconds feed_timeout{model::limits::k_feed_timeout};
  std::filesystem::path output_theme;  // the theme directory used, resolved; empty: none
  std::vector<std::filesystem::path> template_files;  // resolved paths of the templates to render
  std::vector<std::filesystem::path> template_directories;  // where TMPL_INCLUDE looks, in order
  // Resolved files to copy into output_dir; bill_of_materials_targets[i] is where
  // bill_of_materials[i] goes, relative to output_dir ("images/logo.png" keeps its folder).
  // An entry `images/#{face}` stands for images/FACE for each feed with a face option (Venus).
  std::vector<std::filesystem::path> bill_of_materials;
  std::vector<std::filesystem::path> bill_of_materials_targets;
  int new_feed_items = 0;  // per-feed cap on the page; 0: none
  int spider_threads = 0;  // 0: orrery's default concurrency
  std::string encoding = "utf-8";
  // Every key of [Planet] as written (lower-cased key, theme defaults included), for templates
  // and for keys orrery does not interpret itself.
  std::map<std::string, std::string> raw;
};

// One subscription: a section whose name is the feed URL.
struct FeedSettings {
  // The section name; `file:RELATIVE/PATH` resolved to an absolute file:/// URL.
  std::string url;
  std::string name;  // display name; "" means: use the feed's own title
  int line = 0;      // line of the section header in the config file, for messages
  // Venus's feed_options(): every key of the section as written (face, filters, …) over the
  // [Planet] keys that are not planet-wide settings (ignore_in_feed, future_dates, …). Templates
  // see them as channel_KEY.
  std::map<std::string, std::string> raw;
  // The URL of the reading list this feed was taken from; "" for a feed written in the config.
  // A listed feed is not trusted like a config URL: no file:// and no private networks.
  std::string reading_list;
};

// The list formats Venus reads (planet/config.py reading_lists()).
enum class ReadingListFormat { opml, foaf, csv, config };

// A reading list: a section whose name is a URL and whose content_type contains "opml", "foaf",
// "csv" or "config" (checked in that order). Its URL is written in the config, so it is trusted
// like a feed URL (file: URLs resolve the same way).
struct ReadingListSettings {
  std::string url;
  ReadingListFormat format = ReadingListFormat::opml;
  int line = 0;  // line of the section header, for messages
  // Defaults for every feed the list names: the section's keys but content_type and name, over
  // the [Planet] keys that are not planet-wide settings.
  std::map<std::string, std::string> raw;
};

// One template to render, in template_files order, with the settings of the section named after
// it ([index.html.tmpl] …; the theme's section, overridden key by key by the operator's).
struct TemplateSettings {
  std::string name;            // as listed in template_files ("index.html.tmpl")
  std::filesystem::path file;  // resolved, as in PlanetSettings::template_files
  int items_per_page = 60;     // the section's value, else [Planet]'s
  int days_per_page = 0;       // the section's value, else [Planet]'s
  std::string encoding = "utf-8";
  std::map<std::string, std::string> raw;
};

// The settings of one filter: a section named in a `filters` list of [Planet] or of a feed
// ([excerpt.py] width = 500). orrery keeps them for the filter stage; it runs no Venus filters.
struct FilterSettings {
  std::string name;
  int line = 0;
  std::map<std::string, std::string> raw;
};

struct Config {
  std::filesystem::path path;  // the config file, absolute
  PlanetSettings planet;
  std::vector<FeedSettings> feeds;  // in file order
  std::vector<TemplateSettings> templates;
  std::vector<FilterSettings> filters;             // in file order
  std::vector<ReadingListSettings> reading_lists;  // in file order; their feeds are added later
  // Sections ignored (neither a feed URL, a template nor a filter), one line each naming file
  // and line: for the caller to log.
  std::vector<std::string> warnings;
};

struct LoadOptions {
  // Where built-in themes live; empty: builtin_themes_dir().
  std::filesystem::path themes_dir;
};

// orrery's built-in themes (config/themes of the source tree).
std::filesystem::path builtin_themes_dir();

// Loads and validates a config file. On failure the error is one line naming the file, the line
// where known and the reason: `planet.ini:14: items_per_page: "sixty" is not a number`. Reads
// the theme's config.ini and checks that every template and bill-of-materials file exists;
// never creates cache_directory or output_dir.
util::Result<Config> load(const std::filesystem::path& path, const LoadOptions& options = {});

}  // namespace orrery::config
