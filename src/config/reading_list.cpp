#include "config/reading_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "config/ini_document.h"
#include "config/keys.h"
#include "config/sections.h"
#include "model/limits.h"
#include "util/strings.h"
#include "util/url.h"

namespace orrery::config {

namespace {

// One CSV record per call, RFC 4180 as Python's csv module reads it by default (the "excel"
// dialect): comma-separated, fields in double quotes may hold commas, line breaks and "" for a
// quote; CRLF or LF ends a record.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : m_text(text) {}

  // The next record into `fields`; false at the end of the text. An unterminated quoted field
  // sets `error`.
  bool next(std::vector<std::string>& fields, std::string& error) {
    fields.clear();
    if (m_pos >= m_text.size()) {
      return false;
    }
    std::string field;
    bool quoted = false;
    while (m_pos < m_text.size()) {
      char c = m_text[m_pos++];
      if (quoted) {
        if (c != '"') {
          field += c;
        } else if (m_pos < m_text.size() && m_text[m_pos] == '"') {
          field += '"';
          ++m_pos;
        } else {
          quoted = false;
        }
      } else if (c == '"' && field.empty()) {
        quoted = true;
      } else if (c == ',') {
        fields.push_back(std::move(field));
        field.clear();
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && m_pos < m_text.size() && m_text[m_pos] == '\n') {
          ++m_pos;
        }
        break;
      } else {
        field += c;
      }
    }
    if (quoted) {
      error = "unterminated quoted field";
      return false;
    }
    fields.push_back(std::move(field));
    return true;
  }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

bool is_blank_record(const std::vector<std::string>& fields) {
  return fields.size() == 1 && fields[0].empty();
}

// A listed URL for a message: one line, and not a page of it.
std::string printable(std::string_view url) {
  constexpr std::size_t k_max = 200;
  std::string out;
  for (char c : url.substr(0, k_max)) {
    out += static_cast<unsigned char>(c) < ' ' || c == '\x7f' ? '?' : c;
  }
  return url.size() > k_max ? out + "..." : out;
}

std::string check_listed_url(const std::string& url) {
  if (url.empty()) {
    return "empty URL";
  }
  if (std::any_of(url.begin(), url.end(),
                  [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == '\x7f'; })) {
    return "URL contains whitespace or a control character";
  }
  std::string scheme = util::url_scheme(url);
  if (scheme != "http" && scheme != "https") {
    return fmt::format("scheme \"{}\" is not http or https", scheme);
  }
  return util::url_host(url).empty() ? "URL has no host" : "";
}

}  // namespace

std::optional<ReadingListFormat> reading_list_format(std::string_view content_type) {
  std::string type = util::to_lower(content_type);
  for (ReadingListFormat format : {ReadingListFormat::opml, ReadingListFormat::foaf,
                                   ReadingListFormat::csv, ReadingListFormat::config}) {
    if (type.find(format_name(format)) != std::string::npos) {
      return format;
    }
  }
  return std::nullopt;
}

std::string_view format_name(ReadingListFormat format) {
  switch (format) {
    case ReadingListFormat::opml:
      return "opml";
    case ReadingListFormat::foaf:
      return "foaf";
    case ReadingListFormat::csv:
      return "csv";
    case ReadingListFormat::config:
      return "config";
  }
  return "?";
}

util::Result<std::vector<ListedFeed>> parse_csv(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);  // a UTF-8 BOM, as spreadsheets write it
  }
  CsvReader reader(body);
  std::vector<std::string> header;
  std::string error;
  while (reader.next(header, error) && is_blank_record(header)) {
  }
  if (!error.empty()) {
    return util::unexpected("CSV: " + error);
  }
  for (std::string& name : header) {
    name = util::to_lower(util::trim(name));  // ConfigParser lower-cases option names
  }
  std::vector<ListedFeed> feeds;
  std::set<std::string> seen;
  std::vector<std::string> row;
  for (int record = 2; reader.next(row, error); ++record) {
    if (is_blank_record(row)) {
      continue;
    }
    ListedFeed feed;
    feed.url = std::string(util::trim(row[0]));
    if (feed.url.empty() || !seen.insert(feed.url).second) {
      continue;
    }
    // Cells beyond the header have no option name; missing cells give no option.
    for (std::size_t i = 1; i < row.size() && i < header.size(); ++i) {
      if (!row[i].empty() && !header[i].empty()) {
        feed.options.emplace(header[i], row[i]);
      }
    }
    feeds.push_back(std::move(feed));
  }
  if (!error.empty()) {
    return util::unexpected("CSV: " + error);
  }
  return feeds;
}

util::Result<std::vector<ListedFeed>> parse_config_list(std::string_view body) {
  auto doc = parse_ini(body, "line");
  if (!doc) {
    return util::unexpected(doc.error().message);
  }
  std::vector<ListedFeed> feeds;
  for (const IniSection& section : doc->sections) {
    // [Planet] and other sections that name no feed; a list inside a list is not followed.
    auto type = section.values.find("content_type");
    if (!util::is_absolute_url(section.name) ||
        (type != section.values.end() && reading_list_format(type->second.value))) {
      continue;
    }
    ListedFeed feed;
    feed.url = section.name;
    for (const auto& [key, value] : section.values) {
      feed.options.emplace(key, value.value);
    }
    feeds.push_back(std::move(feed));
  }
  return feeds;
}

util::Result<std::vector<ListedFeed>> parse_reading_list(std::string_view body,
                                                         ReadingListFormat format) {
  util::Result<std::vector<ListedFeed>> feeds = [&] {
    switch (format) {
      case ReadingListFormat::opml:
        return parse_opml(body);
      case ReadingListFormat::foaf:
        return parse_foaf(body);
      case ReadingListFormat::csv:
        return parse_csv(body);
      case ReadingListFormat::config:
        break;
    }
    return parse_config_list(body);
  }();
  if (feeds && feeds->empty()) {
    return util::unexpected(fmt::format("no feeds found in it as {}", format_name(format)));
  }
  return feeds;
}

std::vector<std::string> add_listed_feeds(Config& config, const ReadingListSettings& list,
                                          const std::vector<ListedFeed>& feeds) {
  std::vector<std::string> warnings;
  std::set<std::string> known;
  for (const FeedSettings& feed : config.feeds) {
    known.insert(feed_identity(feed.url));
  }
  std::size_t added = 0;
  std::size_t over = 0;
  for (const ListedFeed& listed : feeds) {
    std::string url =
        util::is_absolute_url(listed.url) ? listed.url : util::resolve_url(list.url, listed.url);
    if (std::string problem = check_listed_url(url); !problem.empty()) {
      warnings.push_back(fmt::format("reading list {}: feed {}: {}: left out", list.url,
                                     printable(listed.url), problem));
      continue;
    }
    if (!known.insert(feed_identity(url)).second) {
      continue;
    }
    if (added == model::limits::k_max_reading_list_feeds) {
      ++over;
      continue;
    }
    FeedSettings feed;
    static_cast<FeedOptions&>(feed) = list.options;
    // The feed's own options from the list, typed; a malformed one keeps the list's value.
    for (const auto& [key, value] : listed.options) {
      Setting setting{key, value, fmt::format("reading list {}: feed {}", list.url, url), {}, 0};
      if (auto read = read_feed_keys({{key, setting}}, feed); !read) {
        warnings.push_back(fmt::format("reading list {}: feed {}: {}: \"{}\" is not valid; "
                                       "using the list's value",
                                       list.url, printable(url), key, printable(value)));
      }
    }
    feed.url = std::move(url);
    feed.line = list.line;
    feed.reading_list = list.url;
    feed.raw = listed.options;
    for (const auto& [key, value] : list.raw) {
      feed.raw.emplace(key, value);  // keeps the feed's own value
    }
    if (auto it = feed.raw.find("name"); it != feed.raw.end()) {
      feed.name = it->second;
    }
    config.feeds.push_back(std::move(feed));
    ++added;
  }
  if (over > 0) {
    warnings.push_back(fmt::format("reading list {}: names more than {} feeds; {} left out",
                                   list.url, model::limits::k_max_reading_list_feeds, over));
  }
  return warnings;
}

}  // namespace orrery::config
