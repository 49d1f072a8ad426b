#include "app/reading_lists.h"

#include <spdlog/spdlog.h>

#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include "config/reading_list.h"
#include "model/limits.h"
#include "util/atomic_file.h"
#include "util/hash.h"
#include "util/strings.h"

namespace orrery::app {

namespace {

// The cache file: a few header lines (the URL, for people looking into the directory, and the
// validators for the next conditional GET), an empty line, then the list's bytes as fetched.
constexpr std::string_view k_cache_magic = "orrery reading list 1";

struct CachedList {
  model::HttpValidators validators;
  std::string body;
};

std::optional<CachedList> read_cache(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return std::nullopt;
  }
  auto text = util::read_file(
      path, model::limits::k_max_reading_list_bytes + model::limits::k_max_header_bytes);
  if (!text) {
    spdlog::warn("{}: cannot read the cached reading list: {}", path.string(),
                 text.error().message);
    return std::nullopt;
  }
  std::string_view rest = *text;
  std::size_t end = rest.find("\n\n");
  if (!util::istarts_with(rest, k_cache_magic) || end == std::string_view::npos) {
    spdlog::warn("{}: not an orrery reading list cache file: ignored", path.string());
    return std::nullopt;
  }
  CachedList cached;
  cached.body = std::string(rest.substr(end + 2));
  std::string_view header = rest.substr(0, end);
  while (!header.empty()) {
    std::size_t eol = header.find('\n');
    std::string_view line = header.substr(0, eol);
    header = eol == std::string_view::npos ? "" : header.substr(eol + 1);
    if (util::istarts_with(line, "etag ")) {
      cached.validators.etag = std::string(line.substr(5));
    } else if (util::istarts_with(line, "last-modified ")) {
      cached.validators.last_modified = std::string(line.substr(14));
    }
  }
  return cached;
}

// A header value stays on its line (libcurl never hands over a line break, but the cache file
// format depends on it).
std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return out;
}

void write_cache(const std::filesystem::path& path, const std::string& url,
                 const model::FetchResult& result) {
  std::string text = std::string(k_cache_magic) + "\nurl " + one_line(url) + "\n";
  if (!result.validators.etag.empty()) {
    text += "etag " + one_line(result.validators.etag) + "\n";
  }
  if (!result.validators.last_modified.empty()) {
    text += "last-modified " + one_line(result.validators.last_modified) + "\n";
  }
  text += "\n" + result.body;
  try {
    std::filesystem::create_directories(path.parent_path());
    util::write_file_atomically(path, text);
  } catch (const std::exception& e) {
    // The list is used all the same; the next run fetches it again in full.
    spdlog::warn("{}: cannot cache the reading list: {}", path.string(), e.what());
  }
}

class ListReader {
 public:
  ListReader(config::Config& config, ListsOutcome& outcome) : m_config(config), m_out(outcome) {}

  // Uses a freshly fetched copy, else the cached one. `result` is nullptr in cache-only mode.
  void read(const config::ReadingListSettings& list, const model::FetchResult* result,
            const std::optional<CachedList>& cached) {
    const std::filesystem::path cache = reading_list_cache_path(m_config.planet, list.url);
    std::string why_cached;
    if (result != nullptr && !result->ok()) {
      why_cached = "fetch: " + result->error;
    } else if (result != nullptr && result->not_modified && !cached) {
      why_cached = "fetch: 304 Not Modified but no cached copy";
    } else if (result != nullptr && !result->not_modified) {
      auto feeds = config::parse_reading_list(result->body, list.format);
      if (feeds) {
        write_cache(cache, list.url, *result);
        add(list, *feeds);
        return;
      }
      why_cached = "parse: " + feeds.error().message;
    }
    if (!cached) {
      spdlog::error("reading list {}: {}no cached copy: its feeds are left out this time", list.url,
                    why_cached.empty() ? "" : why_cached + "; ");
      m_out.unavailable++;
      return;
    }
    if (!why_cached.empty()) {
      spdlog::warn("reading list {}: {}; using the cached copy", list.url, why_cached);
    }
    auto feeds = config::parse_reading_list(cached->body, list.format);
    if (!feeds) {
      spdlog::error("reading list {}: cached copy: parse: {}; its feeds are left out this time",
                    list.url, feeds.error().message);
      m_out.unavailable++;
      return;
    }
    m_out.from_cache++;
    add(list, *feeds);
  }

 private:
  void add(const config::ReadingListSettings& list, const std::vector<config::ListedFeed>& feeds) {
    std::size_t before = m_config.feeds.size();
    for (const std::string& warning : config::add_listed_feeds(m_config, list, feeds)) {
      spdlog::warn("{}", warning);
    }
    std::size_t added = m_config.feeds.size() - before;
    m_out.feeds_added += static_cast<int>(added);
    spdlog::debug("reading list {}: {} feeds named, {} added", list.url, feeds.size(), added);
  }

  config::Config& m_config;
  ListsOutcome& m_out;
};

}  // namespace

std::filesystem::path reading_list_cache_path(const config::PlanetSettings& planet,
                                              const std::string& url) {
  std::filesystem::path dir = planet.cache_lists_directory.empty()
                                  ? planet.cache_directory / "lists"
                                  : planet.cache_lists_directory;
  return dir / (util::stable_hash_hex({"reading list", url}) + ".list");
}

ListsOutcome add_reading_list_feeds(config::Config& config, ListSource source,
                                    const fetch::FetcherOptions& options) {
  ListsOutcome outcome;
  outcome.lists = static_cast<int>(config.reading_lists.size());
  if (config.reading_lists.empty()) {
    return outcome;
  }
  // Copied: adding feeds to `config` must not move the settings being read.
  const std::vector<config::ReadingListSettings> lists = config.reading_lists;
  std::vector<std::optional<CachedList>> cached;
  std::vector<model::FetchRequest> requests;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    cached.push_back(read_cache(reading_list_cache_path(config.planet, lists[i].url)));
    model::FetchRequest request;
    request.feed_id = static_cast<std::int64_t>(i);
    request.url = lists[i].url;
    if (cached.back()) {
      request.validators = cached.back()->validators;
    }
    request.limits.max_body_bytes = model::limits::k_max_reading_list_bytes;
    request.limits.total_timeout = config.planet.feed_timeout;
    request.allow_file = true;  // written in the config
    request.private_networks = config.planet.allow_private_networks
                                   ? model::PrivateNetworks::allow
                                   : model::PrivateNetworks::trust_origin;
    requests.push_back(std::move(request));
  }
  std::vector<std::optional<model::FetchResult>> results(lists.size());
  if (source == ListSource::fetch) {
    fetch::Fetcher fetcher(options);
    fetcher.run(requests, [&](model::FetchResult&& result) {
      auto i = static_cast<std::size_t>(result.feed_id);
      results.at(i) = std::move(result);
    });
  }
  // In config order, so the first list naming a feed wins whatever order the fetches end in.
  ListReader reader(config, outcome);
  for (std::size_t i = 0; i < lists.size(); ++i) {
    reader.read(lists[i], results[i] ? &*results[i] : nullptr, cached[i]);
  }
  return outcome;
}

}  // namespace orrery::app
