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
#include <string_view>
#include <vector>

#include "model/limits.h"
#include "util/result.h"
#include "util/time_zone.h"

namespace orrery::config {

// Venus's future_dates: what becomes of an entry dated in the future.
enum class FutureDates { keep, ignore_date, ignore_entry };

// Venus's title_type, summary_type and content_type overrides (planet/scrub.py type_map):
// as_given keeps the type the feed declares.
enum class TextType { as_given, text, html, xhtml };

// Venus's name_type: html strips markup from author names; as_given leaves them.
enum class NameType { as_given, html };

// orrery's filter_failure: what becomes of an entry when one of its filters fails (crashes,
// times out, is missing). pass: it goes on unfiltered by that filter; drop: it is dropped.
enum class FilterFailure { pass, drop };

// Venus's xml_base override for the text constructs of a feed (docs/normalization.html).
struct XmlBase {
  enum class Mode { as_given, feed_alternate, entry_alternate, uri };
  Mode mode = Mode::as_given;
  std::string uri;  // Mode::uri: the reference, relative or absolute, as written
};

// The keys Venus reads per subscription (planet/config.py define_tmpl): a feed section's value,
// else [Planet]'s (or [DEFAULT]'s), else Venus's default. PlanetSettings::feed_defaults holds
// the [Planet] layer; each FeedSettings the result for its feed.
struct FeedOptions {
  // Feed and entry elements to drop before storing (author, id, updated, xml:lang …), as
  // written, except that a word containing "lang" is "language" (as Venus's scrub does).
  std::vector<std::string> ignore_in_feed;
  NameType name_type = NameType::as_given;
  TextType title_type = TextType::as_given;
  TextType summary_type = TextType::as_given;
  TextType content_type = TextType::as_given;  // in a feed section; a reading list's is its format
  FutureDates future_dates = FutureDates::keep;
  XmlBase xml_base;
  int activity_threshold = 0;  // days without a new entry before a feed is inactive; 0: never
  // Venus's filter / exclude: a regular expression an entry must / must not match (Venus runs
  // them as regexp_sifter.py); nullopt when not set.
  std::optional<std::string> filter;
  std::optional<std::string> exclude;
  // The section's own `filters` list, in order (a feed's run after [Planet]'s, see
  // PlanetSettings::filters); empty in PlanetSettings::feed_defaults.
  std::vector<std::string> filters;
  FilterFailure filter_failure = FilterFailure::pass;  // orrery's own key
  // The feed's own cache_keep_entries; nullopt: PlanetSettings::cache_keep_entries.
  std::optional<int> cache_keep_entries;
};

// Planet-wide settings ([Planet]). Paths are absolute (relative ones are taken relative to the
// directory of the config file that sets them). Defaults are Planet Venus's unless noted; the
// table of every key is config/keys.h.
struct PlanetSettings {
  std::string name = "Unconfigured Planet";
  std::string link;                             // "" or an absolute URL
  std::string owner_name = "Anonymous Coward";  // Venus's default, which its templates show
  std::string owner_email;
  // Venus's generator and generator_uri (the Atom <generator> and the templates' `generator`).
  // "" (orrery's default): app/ names orrery and its version.
  std::string generator;
  std::string generator_uri;
  // Venus's `feed` and `feedtype`: the planet's own feed URL and its type ("atom", "rss");
  // "" when not set (templates then derive them, as Venus does).
  std::string feed;
  std::string feedtype;
  std::filesystem::path cache_directory;  // holds orrery.db and the run lock; default ./cache
  // Where reading lists are cached; default cache_directory/lists.
  std::filesystem::path cache_lists_directory;
  std::filesystem::path output_dir;  // default ./output
  int items_per_page = 60;
  int days_per_page = 0;  // 0: no limit; N: the entries of the last N days that have entries
  std::string date_format = "%B %d, %Y %I:%M %p";
  std::string new_date_format = "%B %d, %Y";
  // orrery's: the IANA zone every date a template shows is in (date_format, new_date_format and
  // the day headers), read from /usr/share/zoneinfo/NAME; default UTC (docs/theme.md).
  util::TimeZone time_zone;
  std::string log_level = "WARNING";  // upper-cased; one of DEBUG INFO WARNING ERROR CRITICAL
  // Python logging's format, as written (not interpolated); "" (orrery's default): "level: message"
  std::string log_format;
  // Venus's default is 20 s; orrery's fetcher default (model::limits::k_feed_timeout) is kept.
  std::chrono::seconds feed_timeout{model::limits::k_feed_timeout};
  // orrery's: the bounds of each feed's poll interval as orrery works it out (docs/schedule.md).
  std::chrono::seconds min_poll_interval{model::limits::k_default_min_poll_interval};
  std::chrono::seconds max_poll_interval{model::limits::k_default_max_poll_interval};
  std::filesystem::path output_theme;  // the theme directory used, resolved; empty: none
  std::vector<std::filesystem::path> template_files;  // resolved paths of the templates to render
  std::vector<std::filesystem::path> template_directories;  // where TMPL_INCLUDE looks, in order
  // Resolved files to copy into output_dir; bill_of_materials_targets[i] is where
  // bill_of_materials[i] goes, relative to output_dir ("images/logo.png" keeps its folder).
  // An entry `images/#{face}` stands for images/FACE for each feed with a face option (Venus).
  // A listed file found in no template directory is left out with a warning (as Venus does).
  std::vector<std::filesystem::path> bill_of_materials;
  std::vector<std::filesystem::path> bill_of_materials_targets;
  // Venus's filter_directories, resolved, in order (the built-in filters are not listed here).
  std::vector<std::filesystem::path> filter_directories;
  std::vector<std::string> filters;  // [Planet]'s filters, run on every entry, in order
  int new_feed_items = 0;            // per-feed cap on the page; 0: none
  int spider_threads = 0;            // 0: orrery's default concurrency
  int cache_keep_entries = 10;       // entries kept per feed by expunge (a feed may set its own)
  int cache_keep_days = 0;       // orrery's: expunge also drops entries older than N days; 0: never
  std::string pubsubhubbub_hub;  // "" or an absolute URL
  std::vector<std::string> pubsubhubbub_feeds{"atom.xml", "rss10.xml", "rss20.xml"};
  bool allow_private_networks = false;  // orrery's: see docs/config.md
  // orrery's: the same post through several feeds is shown once (docs/store.md); false shows
  // every copy, as Venus did.
  bool merge_duplicates = true;
  std::string encoding = "utf-8";
  // orrery's: `orrery daemon` renders the pages at most once per this many seconds (0: as soon
  // as entries or feed states change).
  std::chrono::seconds render_interval{60};
  // The per-feed keys as [Planet] (and [DEFAULT]) set them: every feed's defaults.
  FeedOptions feed_defaults;
  // Every key of [Planet] as written (lower-cased key, theme defaults included), for templates
  // and filters (Venus passes every key on).
  std::map<std::string, std::string> raw;
};

// One subscription: a section whose name is the feed URL. The FeedOptions are its own keys over
// [Planet]'s.
struct FeedSettings : FeedOptions {
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
  // The defaults of every feed the list names: the list section's keys over [Planet]'s.
  FeedOptions options;
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
  // The section's own `filters`: output filters run over the written file, in order.
  std::vector<std::string> filters;
  // The section's own `filter` / `exclude` (Venus's define_tmpl keys): regular expressions the
  // written file's text must / must not match, else it is not published (Venus runs
  // regexp_sifter.py over the template's output). Absent: none of its own.
  std::optional<std::string> filter;
  std::optional<std::string> exclude;
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
  std::filesystem::path path;                // the (last) config file, absolute
  std::vector<std::filesystem::path> paths;  // every config file read, in order, absolute
  PlanetSettings planet;
  std::vector<FeedSettings> feeds;  // in file order
  std::vector<TemplateSettings> templates;
  std::vector<FilterSettings> filters;             // in file order
  std::vector<ReadingListSettings> reading_lists;  // in file order; their feeds are added later
  // One line each naming file and line, for the caller to log: sections named by a local path
  // that does not exist, keys orrery does not know (kept for templates), keys it knows
  // but does not honour, bill-of-materials files not found.
  std::vector<std::string> warnings;
};

struct LoadOptions {
  // Where built-in themes live; empty: builtin_themes_dir().
  std::filesystem::path themes_dir;
};

// orrery's shipped data directory `name` ("themes", "filters"): <bindir>/../share/orrery/NAME
// when the running binary is an installed one (that directory exists beside it, wherever the
// prefix), else the source tree's config/NAME, so a binary in the build tree needs no install.
std::filesystem::path builtin_data_dir(std::string_view name);

// orrery's built-in themes: builtin_data_dir("themes").
std::filesystem::path builtin_themes_dir();

// Loads and validates config files, read in order with a later file's value winning per key and
// sections merged (Venus reads several files the same way). `paths` must not be empty. On
// failure the error is one line naming the file, the line where known and the reason:
// `planet.ini:14: items_per_page: "sixty" is not a number`. Every value of every known key is
// checked before anything else happens. Reads the theme's config.ini and checks that every
// template file exists (a missing bill-of-materials file is a warning); never creates
// cache_directory or output_dir.
util::Result<Config> load(const std::vector<std::filesystem::path>& paths,
                          const LoadOptions& options = {});
util::Result<Config> load(const std::filesystem::path& path, const LoadOptions& options = {});

}  // namespace orrery::config
