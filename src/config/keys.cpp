#include "config/keys.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>

#include "model/limits.h"
#include "util/strings.h"
#include "util/time_zone.h"

namespace orrery::config {

namespace {

constexpr const char* k_zoneinfo_directory = "/usr/share/zoneinfo";

template <typename T>
util::Result<void> assign(T& field, util::Result<T> value) {
  if (!value) {
    return util::unexpected(value.error().message);
  }
  field = std::move(*value);
  return {};
}

util::Result<void> assign_text(std::string& field, const Setting& s) {
  field = s.value;
  return {};
}

// A poll interval: whole seconds within model::limits' floor and ceiling.
util::Result<std::chrono::seconds> read_poll_interval(const Setting& s) {
  auto n = read_seconds(s);
  if (n && (*n < model::limits::k_min_poll_interval_floor ||
            *n > model::limits::k_max_poll_interval_ceiling)) {
    return util::unexpected(
        s.error(fmt::format("\"{}\" must be from {} to {} seconds", s.value,
                            model::limits::k_min_poll_interval_floor.count(),
                            model::limits::k_max_poll_interval_ceiling.count())));
  }
  return n;
}

// An IANA zone name, read from the system's zoneinfo directory (tzdata). "UTC" needs no file.
util::Result<util::TimeZone> read_time_zone(const Setting& s) {
  std::string name(util::trim(s.value));
  if (name == "UTC") {
    return util::TimeZone{};
  }
  std::filesystem::path file = std::filesystem::path(k_zoneinfo_directory) / name;
  std::error_code ec;
  if (!util::is_zone_name(name) || !std::filesystem::is_regular_file(file, ec)) {
    return util::unexpected(s.error(fmt::format("unknown zone {}", name)));
  }
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto zone = util::TimeZone::from_tzif(bytes, name);
  if (!zone) {
    return util::unexpected(s.error(
        fmt::format("unknown zone {} ({}: {})", name, file.string(), zone.error().message)));
  }
  return zone;
}

std::vector<std::string> words(const Setting& s) { return util::split_whitespace(s.value); }

std::vector<std::filesystem::path> paths(const Setting& s) {
  std::vector<std::filesystem::path> out;
  for (const std::string& word : words(s)) {
    Setting one = s;
    one.value = word;
    out.push_back(read_path(one));
  }
  return out;
}

// planet/scrub.py's type_map, with the MIME types it maps to accepted as written.
util::Result<TextType> read_text_type(const Setting& s) {
  auto i = read_choice(
      s, {"", "text", "html", "xhtml", "text/plain", "text/html", "application/xhtml+xml"});
  if (!i) {
    return util::unexpected(i.error().message);
  }
  constexpr std::array<TextType, 7> k_types{TextType::as_given, TextType::text, TextType::html,
                                            TextType::xhtml,    TextType::text, TextType::html,
                                            TextType::xhtml};
  return k_types.at(*i);
}

// A feed's content_type; Venus read a value with a '.' as a program to convert a reading list.
util::Result<TextType> read_content_type(const Setting& s) {
  auto type = read_text_type(s);
  if (!type && s.value.find('.') != std::string::npos) {
    return util::unexpected(s.error(fmt::format(
        "\"{}\": reading lists converted by a filter program are not supported", s.value)));
  }
  return type;
}

// Venus strips markup from names when name_type contains "html".
util::Result<NameType> read_name_type(const Setting& s) {
  auto type = read_text_type(s);
  if (!type) {
    return util::unexpected(type.error().message);
  }
  return *type == TextType::html || *type == TextType::xhtml ? NameType::html : NameType::as_given;
}

util::Result<FutureDates> read_future_dates(const Setting& s) {
  auto i = read_choice(s, {"keep", "ignore_date", "ignore_entry"});
  if (!i) {
    return util::unexpected(i.error().message);
  }
  constexpr std::array<FutureDates, 3> k_modes{FutureDates::keep, FutureDates::ignore_date,
                                               FutureDates::ignore_entry};
  return k_modes.at(*i);
}

util::Result<FilterFailure> read_filter_failure(const Setting& s) {
  auto i = read_choice(s, {"pass", "drop"});
  if (!i) {
    return util::unexpected(i.error().message);
  }
  return *i == 0 ? FilterFailure::pass : FilterFailure::drop;
}

util::Result<XmlBase> read_xml_base(const Setting& s) {
  std::string v(util::trim(s.value));
  XmlBase base;
  if (v.empty()) {
    return base;
  }
  if (v == "feed_alternate" || v == "entry_alternate") {
    base.mode =
        v == "feed_alternate" ? XmlBase::Mode::feed_alternate : XmlBase::Mode::entry_alternate;
    return base;
  }
  if (std::any_of(v.begin(), v.end(),
                  [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == '\x7f'; })) {
    return util::unexpected(s.error(
        fmt::format("\"{}\" is not feed_alternate, entry_alternate or a URI reference", s.value)));
  }
  base.mode = XmlBase::Mode::uri;
  base.uri = std::move(v);
  return base;
}

std::vector<std::string> ignored_elements(const Setting& s) {
  std::vector<std::string> out;
  for (std::string& word : words(s)) {
    out.push_back(word.find("lang") != std::string::npos ? "language" : std::move(word));
  }
  return out;
}

util::Result<std::optional<std::string>> read_regexp(const Setting& s) {
  if (util::trim(s.value).empty()) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(s.value);
}

// A count no larger than `max` (a bound on what a store query is asked for).
util::Result<int> read_count_up_to(const Setting& s, std::size_t max) {
  auto n = read_count(s);
  if (n && static_cast<std::size_t>(*n) > max) {
    return util::unexpected(s.error(fmt::format("\"{}\" is more than {}", s.value, max)));
  }
  return n;
}

util::Result<std::optional<int>> read_keep_entries(const Setting& s) {
  auto n = read_count_up_to(s, model::limits::k_max_cache_keep_entries);
  if (!n) {
    return util::unexpected(n.error().message);
  }
  return std::optional<int>(*n);
}

constexpr std::uint8_t k_planet = k_scope_planet;
constexpr std::uint8_t k_feed = k_scope_feed;
constexpr std::uint8_t k_template = k_scope_template;
constexpr std::uint8_t k_list = k_scope_list;

constexpr std::string_view k_not_stored =
    "orrery keeps feeds and entries in cache_directory/orrery.db";

using P = PlanetSettings;
using O = FeedOptions;
using S = const Setting&;

// Venus planet/config.py: define_planet* (planet-wide), then the keys it reads with their own
// functions, then define_tmpl (per feed, [Planet]'s value the default), then the keys of feed,
// template and reading-list sections, then orrery's own.
const std::array k_keys{
    KeyInfo{"name", k_planet | k_feed, KeyType::text, "Unconfigured Planet", KeyStatus::honoured,
            "", KeyOrigin::planet_wide,
            [](P& p, S s) { return assign_text(p.name, s); }},
    KeyInfo{"link", k_planet, KeyType::url, "", KeyStatus::honoured, "", KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.link, read_url(s)); }},
    KeyInfo{"cache_directory", k_planet, KeyType::path, "cache", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.cache_directory, {read_path(s)}); }},
    KeyInfo{"log_level", k_planet, KeyType::log_level, "WARNING", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.log_level, read_log_level(s)); }},
    KeyInfo{"log_format", k_planet, KeyType::text, "%(levelname)s:%(name)s:%(message)s",
            KeyStatus::honoured, "", KeyOrigin::planet_wide,
            [](P& p, S s) { return assign_text(p.log_format, s); }},
    KeyInfo{"date_format", k_planet, KeyType::text, "%B %d, %Y %I:%M %p", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign_text(p.date_format, s); }},
    KeyInfo{"new_date_format", k_planet, KeyType::text, "%B %d, %Y", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign_text(p.new_date_format, s); }},
    KeyInfo{"generator", k_planet, KeyType::text, "Venus", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign_text(p.generator, s); }},
    KeyInfo{"generator_uri", k_planet, KeyType::text, "http://intertwingly.net/code/venus/",
            KeyStatus::honoured, "", KeyOrigin::planet_wide,
            [](P& p, S s) { return assign_text(p.generator_uri, s); }},
    KeyInfo{"owner_name", k_planet, KeyType::text, "Anonymous Coward", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign_text(p.owner_name, s); }},
    KeyInfo{"owner_email", k_planet, KeyType::text, "", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign_text(p.owner_email, s); }},
    KeyInfo{"output_theme", k_planet, KeyType::path, "", KeyStatus::honoured, "",
            KeyOrigin::planet_wide},
    KeyInfo{"output_dir", k_planet, KeyType::path, "output", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.output_dir, {read_path(s)}); }},
    KeyInfo{"spider_threads", k_planet, KeyType::integer, "0", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.spider_threads, read_count(s)); }},
    KeyInfo{"pubsubhubbub_hub", k_planet, KeyType::url, "", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.pubsubhubbub_hub, read_url(s)); }},
    KeyInfo{"pubsubhubbub_feeds", k_planet, KeyType::list, "atom.xml rss10.xml rss20.xml",
            KeyStatus::honoured, "", KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.pubsubhubbub_feeds, {words(s)}); }},
    KeyInfo{"new_feed_items", k_planet, KeyType::integer, "0", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.new_feed_items, read_count(s)); }},
    KeyInfo{"feed_timeout", k_planet, KeyType::seconds, "20", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.feed_timeout, read_seconds(s)); }},
    KeyInfo{"cache_keep_entries", k_planet | k_feed, KeyType::integer, "10", KeyStatus::honoured,
            "", KeyOrigin::planet_wide,
            [](P& p, S s) {
              return assign(p.cache_keep_entries,
                            read_count_up_to(s, model::limits::k_max_cache_keep_entries));
            },
            [](O& o, S s) { return assign(o.cache_keep_entries, read_keep_entries(s)); }},
    KeyInfo{"template_files", k_planet, KeyType::list, "", KeyStatus::honoured, "",
            KeyOrigin::planet_wide},
    KeyInfo{"bill_of_materials", k_planet, KeyType::list, "", KeyStatus::honoured, "",
            KeyOrigin::planet_wide},
    KeyInfo{"template_directories", k_planet, KeyType::path_list, ".", KeyStatus::honoured, "",
            KeyOrigin::planet_wide},
    KeyInfo{"filter_directories", k_planet, KeyType::path_list, "", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.filter_directories, {paths(s)}); }},
    KeyInfo{"django_autoescape", k_planet, KeyType::text, "on", KeyStatus::not_honoured,
            "orrery has no Django template engine", KeyOrigin::planet_wide},
    KeyInfo{"filters", k_planet | k_feed | k_template, KeyType::list, "", KeyStatus::honoured, "",
            KeyOrigin::planet_wide,
            [](P& p, S s) { return assign(p.filters, {words(s)}); },
            [](O& o, S s) { return assign(o.filters, {words(s)}); }},
    // Documented in Venus's docs/config.html ("not (yet) implemented by Venus").
    KeyInfo{"locale", k_planet, KeyType::text, "", KeyStatus::not_honoured,
            "orrery writes dates in English (the C locale), as Venus does", KeyOrigin::planet_own},
    // Read by their own functions in Venus's planet/config.py.
    KeyInfo{"feed", k_planet, KeyType::url, "", KeyStatus::honoured, "", KeyOrigin::planet_own,
            [](P& p, S s) { return assign(p.feed, read_url(s)); }},
    KeyInfo{"feedtype", k_planet, KeyType::text, "", KeyStatus::honoured, "", KeyOrigin::planet_own,
            [](P& p, S s) { return assign_text(p.feedtype, s); }},
    KeyInfo{"cache_lists_directory", k_planet, KeyType::path, "", KeyStatus::honoured, "",
            KeyOrigin::planet_own,
            [](P& p, S s) { return assign(p.cache_lists_directory, {read_path(s)}); }},
    KeyInfo{"http_cache_directory", k_planet, KeyType::path, "cache", KeyStatus::not_honoured,
            k_not_stored, KeyOrigin::planet_own},
    KeyInfo{"cache_sources_directory", k_planet, KeyType::path, "sources", KeyStatus::not_honoured,
            k_not_stored, KeyOrigin::planet_own},
    KeyInfo{"cache_blacklist_directory", k_planet, KeyType::path, "blacklist",
            KeyStatus::not_honoured, k_not_stored, KeyOrigin::planet_own},
    // define_tmpl: a section's value, else [Planet]'s.
    KeyInfo{"days_per_page", k_planet | k_template, KeyType::integer, "0", KeyStatus::honoured, "",
            KeyOrigin::per_feed,
            [](P& p, S s) { return assign(p.days_per_page, read_count(s)); }},
    KeyInfo{"items_per_page", k_planet | k_template, KeyType::integer, "60", KeyStatus::honoured,
            "", KeyOrigin::per_feed,
            [](P& p, S s) { return assign(p.items_per_page, read_count(s)); }},
    KeyInfo{"activity_threshold", k_planet | k_feed, KeyType::integer, "0", KeyStatus::honoured, "",
            KeyOrigin::per_feed,
            nullptr,
            [](O& o, S s) { return assign(o.activity_threshold, read_count(s)); }},
    KeyInfo{"encoding", k_planet | k_template, KeyType::text, "utf-8", KeyStatus::not_honoured,
            "orrery writes every output in UTF-8", KeyOrigin::per_feed,
            [](P& p, S s) { return assign(p.encoding, {std::string(util::trim(s.value))}); }},
    KeyInfo{"content_type", k_planet | k_feed | k_list, KeyType::text_type, "", KeyStatus::honoured,
            "", KeyOrigin::per_feed,
            nullptr,
            [](O& o, S s) { return assign(o.content_type, read_content_type(s)); }},
    KeyInfo{"ignore_in_feed", k_planet | k_feed, KeyType::list, "", KeyStatus::honoured, "",
            KeyOrigin::per_feed,
            nullptr,
            [](O& o, S s) { return assign(o.ignore_in_feed, {ignored_elements(s)}); }},
    KeyInfo{"name_type", k_planet | k_feed, KeyType::text_type, "", KeyStatus::honoured, "",
            KeyOrigin::per_feed,
            nullptr,
            [](O& o, S s) { return assign(o.name_type, read_name_type(s)); }},
    KeyInfo{"title_type", k_planet | k_feed, KeyType::text_type, "", KeyStatus::honoured, "",
            KeyOrigin::per_feed,
            nullptr,
            [](O& o, S s) { return assign(o.title_type, read_text_type(s)); }},
    KeyInfo{"summary_type", k_planet | k_feed, KeyType::text_type, "", KeyStatus::honoured, "",
            KeyOrigin::per_feed,
            nullptr,
            [](O& o, S s) { return assign(o.summary_type, read_text_type(s)); }},
    KeyInfo{"future_dates", k_planet | k_feed, KeyType::choice, "keep", KeyStatus::honoured, "",
            KeyOrigin::per_feed,
            nullptr,
            [](O& o, S s) { return assign(o.future_dates, read_future_dates(s)); }},
    KeyInfo{"xml_base", k_planet | k_feed, KeyType::xml_base, "", KeyStatus::honoured, "",
            KeyOrigin::per_feed,
            nullptr,
            [](O& o, S s) { return assign(o.xml_base, read_xml_base(s)); }},
    KeyInfo{"filter", k_planet | k_feed | k_template, KeyType::regexp, "", KeyStatus::honoured, "",
            KeyOrigin::per_feed,
            nullptr,
            [](O& o, S s) { return assign(o.filter, read_regexp(s)); }},
    KeyInfo{"exclude", k_planet | k_feed | k_template, KeyType::regexp, "", KeyStatus::honoured, "", KeyOrigin::per_feed,
            nullptr, [](O& o, S s) { return assign(o.exclude, read_regexp(s)); }},
    // orrery's own, inherited by feeds like Venus's define_tmpl keys (src/filters/).
    KeyInfo{"filter_failure", k_planet | k_feed, KeyType::choice, "pass", KeyStatus::honoured, "",
            KeyOrigin::per_feed, nullptr,
            [](O& o, S s) { return assign(o.filter_failure, read_filter_failure(s)); }},
    // Keys of feed sections that Venus's own themes read (classic_fancy's hackergotchis).
    KeyInfo{"face", k_feed, KeyType::text, "", KeyStatus::for_templates, "", KeyOrigin::section},
    KeyInfo{"facewidth", k_feed, KeyType::text, "", KeyStatus::for_templates, "",
            KeyOrigin::section},
    KeyInfo{"faceheight", k_feed, KeyType::text, "", KeyStatus::for_templates, "",
            KeyOrigin::section},
    // Reading lists (planet/foaf.py).
    KeyInfo{"online_accounts", k_list, KeyType::text, "", KeyStatus::not_honoured,
            "orrery does not map FOAF online accounts to feeds", KeyOrigin::section},
    KeyInfo{"depth", k_list, KeyType::integer, "0", KeyStatus::not_honoured,
            "orrery does not follow foaf:knows to other FOAF files", KeyOrigin::section},
    // orrery's own, read by render/ for htmltmpl themes (docs/theme.md): a template's section,
    // else [Planet].
    KeyInfo{"archives", k_planet | k_template, KeyType::boolean, "no", KeyStatus::honoured, "",
            KeyOrigin::orrery},
    KeyInfo{"fold_after", k_planet | k_template, KeyType::integer, "0", KeyStatus::honoured, "",
            KeyOrigin::orrery},
    KeyInfo{"post_heading_level", k_planet | k_template, KeyType::integer, "0",
            KeyStatus::honoured, "", KeyOrigin::orrery},
    // orrery's own.
    KeyInfo{"allow_private_networks", k_planet, KeyType::boolean, "no", KeyStatus::honoured, "",
            KeyOrigin::orrery,
            [](P& p, S s) { return assign(p.allow_private_networks, read_bool(s)); }},
    KeyInfo{"merge_duplicates", k_planet, KeyType::boolean, "yes", KeyStatus::honoured, "",
            KeyOrigin::orrery,
            [](P& p, S s) { return assign(p.merge_duplicates, read_bool(s)); }},
    KeyInfo{"cache_keep_days", k_planet, KeyType::integer, "0", KeyStatus::honoured, "",
            KeyOrigin::orrery,
            [](P& p, S s) {
              return assign(p.cache_keep_days,
                            read_count_up_to(s, model::limits::k_max_cache_keep_days));
            }},
    KeyInfo{"min_poll_interval", k_planet, KeyType::seconds, "300", KeyStatus::honoured, "",
            KeyOrigin::orrery,
            [](P& p, S s) { return assign(p.min_poll_interval, read_poll_interval(s)); }},
    KeyInfo{"max_poll_interval", k_planet, KeyType::seconds, "86400", KeyStatus::honoured, "",
            KeyOrigin::orrery,
            [](P& p, S s) { return assign(p.max_poll_interval, read_poll_interval(s)); }},
    KeyInfo{"time_zone", k_planet, KeyType::text, "UTC", KeyStatus::honoured, "", KeyOrigin::orrery,
            [](P& p, S s) { return assign(p.time_zone, read_time_zone(s)); }},
    KeyInfo{"render_interval", k_planet, KeyType::seconds, "60", KeyStatus::honoured, "",
            KeyOrigin::orrery,
            [](P& p, S s) -> util::Result<void> {
              auto n = read_count(s);  // 0 allowed: render as soon as something changed
              if (!n) {
                return util::unexpected(n.error().message);
              }
              p.render_interval = std::chrono::seconds{*n};
              return {};
            }},
};

std::uint8_t allowed_scopes(SectionKind kind) {
  switch (kind) {
    case SectionKind::planet:
      return k_planet | k_feed | k_template;  // per-feed and per-template keys: the default
    case SectionKind::feed:
      return k_feed;
    case SectionKind::template_file:
      return k_template;
    case SectionKind::reading_list:
      return k_list | k_feed;  // defaults for the feeds the list names
  }
  return 0;
}

std::string_view section_word(SectionKind kind) {
  switch (kind) {
    case SectionKind::planet:
      return "[Planet]";
    case SectionKind::feed:
      return "a feed section";
    case SectionKind::template_file:
      return "a template section";
    case SectionKind::reading_list:
      return "a reading-list section";
  }
  return "";
}

std::string_view kept_as(SectionKind kind) {
  return kind == SectionKind::feed || kind == SectionKind::reading_list
             ? "kept for templates as channel_"
             : "kept for templates as ";
}

}  // namespace

std::span<const KeyInfo> known_keys() { return k_keys; }

const KeyInfo* find_key(std::string_view name) {
  auto it =
      std::find_if(k_keys.begin(), k_keys.end(), [&](const KeyInfo& k) { return k.name == name; });
  return it == k_keys.end() ? nullptr : &*it;
}

bool is_planet_wide(std::string_view key) {
  const KeyInfo* known = find_key(key);
  return known && known->origin == KeyOrigin::planet_wide;
}

void check_keys(const std::map<std::string, Setting>& values, SectionKind kind,
                std::string_view section, std::set<std::string>& warned,
                std::vector<std::string>& warnings) {
  for (const auto& [key, s] : values) {
    if (!warned.insert(fmt::format("{}:{}:{}", s.file, s.line, key)).second) {
      continue;  // a [DEFAULT] key, or a theme's, already seen
    }
    auto where = fmt::format("{}:{}: [{}] {}", s.file, s.line, section, key);
    const KeyInfo* known = find_key(key);
    if (!known) {
      warnings.push_back(
          fmt::format("{}: not a key orrery knows; {}{}", where, kept_as(kind), key));
      continue;
    }
    if ((known->scopes & allowed_scopes(kind)) == 0) {
      warnings.push_back(fmt::format("{}: has no effect in {}; {}{}", where, section_word(kind),
                                     kept_as(kind), key));
      continue;
    }
    bool is_default = util::iequals(util::trim(s.value), known->default_value);
    if (known->status == KeyStatus::not_honoured && !is_default) {
      warnings.push_back(fmt::format("{}: not honoured: {}", where, known->note));
    }
  }
}

util::Result<void> read_planet_keys(const std::map<std::string, Setting>& values,
                                    PlanetSettings& planet) {
  for (const KeyInfo& known : k_keys) {
    auto it = values.find(std::string(known.name));
    if (it == values.end()) {
      continue;
    }
    if (known.set_planet) {
      if (auto set = known.set_planet(planet, it->second); !set) {
        return set;
      }
    }
    if (known.set_options && known.origin == KeyOrigin::per_feed) {
      if (auto set = known.set_options(planet.feed_defaults, it->second); !set) {
        return set;
      }
    }
  }
  return {};
}

util::Result<void> read_feed_keys(const std::map<std::string, Setting>& values,
                                  FeedOptions& options) {
  for (const KeyInfo& known : k_keys) {
    auto it = values.find(std::string(known.name));
    if (it == values.end() || !known.set_options) {
      continue;
    }
    if (auto set = known.set_options(options, it->second); !set) {
      return set;
    }
  }
  return {};
}

}  // namespace orrery::config
