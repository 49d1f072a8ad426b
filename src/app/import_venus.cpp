#include "app/import_venus.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <system_error>
#include <vector>

#include "app/planet_store.h"
#include "model/limits.h"
#include "normalise/normalise.h"
#include "parse/parse.h"
#include "store/store.h"
#include "util/atomic_file.h"
#include "util/md5.h"

namespace orrery::app {

namespace {

// spider.filename(): names up to this many bytes are kept whole; a longer one keeps its
// leading comma-separated parts while they are shorter than k_venus_kept_prefix bytes.
constexpr std::size_t k_venus_max_name = 250;
constexpr std::size_t k_venus_kept_prefix = 220;

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The length of Venus's re_url_scheme match, ^\w+:/*(\w+:|www\.)?, at the start of `s`.
std::size_t scheme_prefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_word(s[i])) ++i;
  if (i == 0 || i == s.size() || s[i] != ':') return 0;
  ++i;
  while (i < s.size() && s[i] == '/') ++i;
  std::size_t j = i;
  while (j < s.size() && is_word(s[j])) ++j;
  if (j > i && j < s.size() && s[j] == ':') return j + 1;
  return s.substr(i, 4) == "www." ? i + 4 : i;
}

std::string truncated(const std::string& name) {
  std::vector<std::size_t> commas;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == ',') commas.push_back(i);
  }
  // parts[:i] joined is name.substr(0, commas[i-1]) for i < number of parts.
  for (std::size_t i = commas.size(); i > 0; --i) {
    if (commas[i - 1] < k_venus_kept_prefix) {
      return name.substr(0, commas[i - 1]) + "," + util::md5_hex(name.substr(commas[i - 1] + 1));
    }
  }
  return name;
}

// Where Venus kept `feed_url`'s channel metadata, if it did. Venus named a feed given as a
// relative path by that path ("tests/data/feed.atom"), which orrery's config resolves to an
// absolute file: URL; for file: URLs the name's trailing parts are tried too, longest first.
std::optional<std::filesystem::path> venus_source_file(const std::filesystem::path& sources,
                                                       const std::string& feed_url) {
  std::string name = venus_cache_name(feed_url);
  bool file_url = feed_url.rfind("file:", 0) == 0;
  while (!name.empty()) {
    std::error_code ec;
    std::filesystem::path path = sources / name;
    if (std::filesystem::is_regular_file(path, ec)) return path;
    std::size_t comma = name.find(',');
    if (!file_url || comma == std::string::npos) break;
    name.erase(0, comma + 1);
  }
  return std::nullopt;
}

// Venus writes each entry as a standalone Atom <entry> document in UTF-8; the parser reads
// feeds, so the entry is wrapped in an Atom <feed>. nullopt when the root is not an entry.
std::optional<std::string> as_feed_document(std::string_view bytes) {
  std::size_t pos = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (;;) {
    pos = bytes.find_first_not_of(" \t\r\n", pos);
    if (pos == std::string_view::npos) return std::nullopt;
    std::string_view rest = bytes.substr(pos);
    std::string_view close = rest.substr(0, 4) == "<!--" ? "-->"
                             : rest.substr(0, 2) == "<?" ? "?>"
                             : rest.substr(0, 2) == "<!" ? ">"
                                                         : "";
    if (close.empty()) break;
    std::size_t end = bytes.find(close, pos);
    if (end == std::string_view::npos) return std::nullopt;
    pos = end + close.size();
  }
  std::size_t name_end = bytes.find_first_of(" \t\r\n/>", pos);
  if (bytes[pos] != '<' || name_end == std::string_view::npos) return std::nullopt;
  std::string_view name = bytes.substr(pos + 1, name_end - pos - 1);
  std::size_t colon = name.find(':');
  if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) != "entry") {
    return std::nullopt;
  }
  std::string wrapped = "<feed xmlns=\"http://www.w3.org/2005/Atom\">";
  wrapped.append(bytes.substr(pos));
  wrapped.append("</feed>");
  return wrapped;
}

struct EntryFile {
  std::filesystem::path path;
  util::TimePoint mtime;
};

util::TimePoint file_mtime(const std::filesystem::path& path) {
  std::error_code ec;
  auto written = std::filesystem::last_write_time(path, ec);
  if (ec) return util::now();
  auto system = std::chrono::file_clock::to_sys(written);
  return std::chrono::floor<std::chrono::seconds>(system);
}

// The entry files of a Venus cache, oldest first: every regular file at the top level except
// hidden ones and orrery's own database and lock (when the directories coincide).
util::Result<std::vector<EntryFile>> entry_files(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return util::unexpected(dir.string() + ": cannot read Venus cache: " + ec.message());
  std::vector<EntryFile> files;
  for (const auto& item : it) {
    std::string name = item.path().filename().string();
    if (name.front() == '.' || name.rfind("orrery.", 0) == 0 || !item.is_regular_file(ec)) {
      continue;
    }
    files.push_back(EntryFile{item.path(), file_mtime(item.path())});
  }
  std::sort(files.begin(), files.end(), [](const EntryFile& a, const EntryFile& b) {
    return a.mtime != b.mtime ? a.mtime < b.mtime : a.path < b.path;
  });
  return files;
}

struct Subscription {
  const config::FeedSettings* settings = nullptr;  // for a feed not in the config, its own
  model::FeedState state;
  std::optional<model::ParsedFeed> source;  // Venus's sources/ file, parsed
  std::optional<model::Channel> stored;     // the channel orrery already stored, if any
};

class Importer {
 public:
  Importer(const config::Config& config, store::Store& store, std::filesystem::path dir)
      : m_config(config), m_store(store), m_dir(std::move(dir)), m_now(util::now()) {}

  void load_subscriptions();
  void import_file(const EntryFile& file, VenusImportReport& report);

 private:
  Subscription* attribute(const model::ParsedEntry& entry);
  Subscription* unsubscribed(const model::ParsedEntry& entry);

  const config::Config& m_config;
  store::Store& m_store;
  std::filesystem::path m_dir;
  util::TimePoint m_now;
  std::vector<Subscription> m_subscriptions;
  std::map<std::string, std::size_t> m_by_source_id;
  std::map<std::string, std::size_t> m_by_url;
  // Feeds no longer in the config, by the URL they are stored under (deques: stable addresses).
  std::deque<config::FeedSettings> m_unsubscribed_settings;
  std::deque<Subscription> m_unsubscribed;
  std::map<std::string, Subscription*> m_unsubscribed_by_url;
};

void Importer::load_subscriptions() {
  std::map<std::string, model::Channel> stored;
  for (model::ChannelStatus& status : m_store.channels()) {
    if (status.state.last_success) stored[status.state.url] = std::move(status.channel);
  }
  for (const config::FeedSettings& feed : m_config.feeds) {
    Subscription sub{&feed, m_store.ensure_feed(feed.url), std::nullopt, std::nullopt};
    if (auto it = stored.find(feed.url); it != stored.end()) sub.stored = it->second;
    if (auto path = venus_source_file(m_dir / "sources", feed.url)) {
      auto bytes = util::read_file(*path, model::limits::k_max_document_bytes);
      if (bytes) {
        model::ParsedFeed parsed = parse::parse_document(*bytes, parse::ParseHints{});
        if (!parsed.version.empty()) sub.source = std::move(parsed);
      }
      if (!sub.source) spdlog::warn("{}: not a Venus source file: ignored", path->string());
    }
    std::size_t index = m_subscriptions.size();
    if (sub.source && !sub.source->feed.id.empty()) {
      m_by_source_id.emplace(sub.source->feed.id, index);
    }
    m_by_url.emplace(feed.url, index);
    m_subscriptions.push_back(std::move(sub));
  }
}

Subscription* Importer::attribute(const model::ParsedEntry& entry) {
  if (!entry.source) return nullptr;
  const model::ParsedChannel& source = *entry.source;
  if (auto it = m_by_source_id.find(source.id); it != m_by_source_id.end()) {
    return &m_subscriptions[it->second];
  }
  std::vector<std::string> urls{source.href};
  for (const model::Link& link : source.links) {
    if (link.rel == "self") urls.push_back(link.href);
  }
  for (const auto& [key, value] : source.extensions) {
    if (key == "planet_http_location") urls.push_back(value);
  }
  for (const std::string& url : urls) {
    if (auto it = m_by_url.find(url); it != m_by_url.end()) return &m_subscriptions[it->second];
  }
  return nullptr;
}

// A feed that is not in the config: Venus kept its entries (hidden from the page) until an
// expunge, so they are stored under the feed's address — its <source>'s self link, else
// Venus's planet:http_location, else the RSS source URL, else the source's id — named by its
// planet:name. expunge removes them, as Venus's did; subscribing to that address shows them.
Subscription* Importer::unsubscribed(const model::ParsedEntry& entry) {
  if (!entry.source) return nullptr;
  const model::ParsedChannel& source = *entry.source;
  std::string url;
  std::string name;
  for (const model::Link& link : source.links) {
    if (url.empty() && link.rel == "self") url = link.href;
  }
  for (const auto& [key, value] : source.extensions) {
    if (url.empty() && key == "planet_http_location") url = value;
    if (key == "planet_name") name = value;
  }
  if (url.empty()) url = !source.href.empty() ? source.href : source.id;
  if (url.empty()) return nullptr;
  if (auto it = m_unsubscribed_by_url.find(url); it != m_unsubscribed_by_url.end()) {
    return it->second;
  }
  config::FeedSettings& settings = m_unsubscribed_settings.emplace_back();
  settings.url = url;
  settings.name = name;
  Subscription& sub = m_unsubscribed.emplace_back(
      Subscription{&settings, m_store.ensure_feed(url), std::nullopt, std::nullopt});
  m_unsubscribed_by_url.emplace(url, &sub);
  return &sub;
}

// The file parsed as a one-entry feed; nullopt (with a warning) when it is not a Venus entry.
std::optional<model::ParsedFeed> read_entry_file(const EntryFile& file) {
  auto bytes = util::read_file(file.path, model::limits::k_max_document_bytes);
  if (!bytes) {
    spdlog::warn("{}: skipped", bytes.error().message);  // names the file and the reason
    return std::nullopt;
  }
  std::optional<std::string> wrapped = as_feed_document(*bytes);
  model::ParsedFeed parsed;
  if (wrapped) parsed = parse::parse_document(*wrapped, parse::ParseHints{});
  if (parsed.entries.size() != 1) {
    spdlog::warn("{}: not a Venus cache entry (an Atom <entry>): skipped", file.path.string());
    return std::nullopt;
  }
  return parsed;
}

void Importer::import_file(const EntryFile& file, VenusImportReport& report) {
  report.files++;
  std::optional<model::ParsedFeed> parsed = read_entry_file(file);
  if (!parsed) {
    report.unreadable++;
    return;
  }
  Subscription* sub = attribute(parsed->entries.front());
  if (sub == nullptr) {
    sub = unsubscribed(parsed->entries.front());
    if (sub == nullptr) {
      spdlog::warn("{}: the entry has no <source> naming its feed: skipped", file.path.string());
      report.unreadable++;
      return;
    }
    spdlog::debug("{}: of {}, a feed not in the config: kept", file.path.string(),
                  sub->settings->url);
    report.unattributed++;
  }
  // Venus dated every entry it cached (its file's mtime when the feed gave no date); a file
  // without <updated> or <published> takes that date rather than its feed's.
  model::ParsedEntry& cached = parsed->entries.front();
  bool dated =
      (cached.updated && cached.updated->parsed) || (cached.published && cached.published->parsed);
  if (!dated) cached.updated = model::Date{"", file.mtime};
  model::ParsedFeed document;
  if (sub->source) {
    document = *sub->source;
  } else {
    document.version = parsed->version;
    document.feed = *parsed->entries.front().source;
  }
  // Venus's cache is Atom whatever the feed was: the format and bozo flag it recorded are the
  // feed's (the rest of the entry's planet: metadata is kept as written).
  for (const auto& [key, value] :
       cached.source ? cached.source->extensions : decltype(cached.extensions){}) {
    if (key == "planet_format" && !value.empty()) document.version = value;
    if (key == "planet_bozo") document.bozo = value == "true";
  }
  // What Venus's sources/ file kept per feed, for a feed orrery has not read itself yet.
  if (sub->state.format.empty()) {
    sub->state.format = document.version;
    sub->state.bozo = document.bozo;
    for (const auto& [key, value] : document.feed.extensions) {
      if (key == "planet_format" && !value.empty()) sub->state.format = value;
      if (key == "planet_bozo") sub->state.bozo = value == "true";
      if (key == "planet_http_location") sub->state.http_location = value;
    }
  }
  document.entries = std::move(parsed->entries);
  model::Feed feed = normalise::normalise(document, *sub->settings);
  if (sub->stored) feed.channel = *sub->stored;  // orrery's own copy is newer than Venus's
  if (feed.entries.size() != 1) {
    spdlog::warn("{}: the entry has no identity (id, link or content): skipped",
                 file.path.string());
    report.unreadable++;
    return;
  }
  // First seen: the entry's own date, else the file's mtime (Venus's date for it); never later
  // than now, so a future-dated entry does not count as seen in the future.
  const model::Entry& entry = feed.entries.front();
  util::TimePoint first_seen = entry.updated.value_or(entry.published.value_or(file.mtime));
  model::FeedUpdate update{sub->state, std::move(feed), std::min(first_seen, m_now)};
  store::ApplyStats stats = m_store.apply(update);
  report.added += stats.added;
  report.updated += stats.updated;
  report.unchanged += stats.unchanged;
}

}  // namespace

std::string venus_cache_name(std::string_view id) {
  id.remove_prefix(scheme_prefix(id));
  std::string name;
  for (std::size_t i = 0; i < id.size(); ++i) {
    bool separator = id[i] == '?' || id[i] == '/' || id[i] == ':' || id[i] == '|';
    if (!separator) {
      name.push_back(id[i]);
    } else if (i == 0 ||
               !(id[i - 1] == '?' || id[i - 1] == '/' || id[i - 1] == ':' || id[i - 1] == '|')) {
      name.push_back(',');
    }
  }
  std::size_t first = name.find_first_not_of(",.");
  if (first == std::string::npos) return "";
  name.erase(0, first);
  name.erase(name.find_last_not_of(",.") + 1);
  return name.size() > k_venus_max_name ? truncated(name) : name;
}

util::Result<VenusImportReport, CycleError> import_venus(const config::Config& config,
                                                         const std::filesystem::path& cache_dir) {
  auto fatal = [](std::string message) {
    return util::Unexpected<CycleError>(CycleError{CycleError::Kind::fatal, std::move(message)});
  };
  auto files = entry_files(cache_dir);
  if (!files) return fatal(files.error().message);
  auto planet = PlanetStore::open(config.planet);
  if (!planet) return util::Unexpected<CycleError>(planet.error());
  VenusImportReport report;
  try {
    Importer importer(config, planet->store(), cache_dir);
    store::StoreBatch batch(planet->store());
    importer.load_subscriptions();
    for (const EntryFile& file : *files) {
      importer.import_file(file, report);
    }
    batch.commit();
  } catch (const std::exception& e) {
    return fatal(e.what());
  }
  return report;
}

}  // namespace orrery::app
