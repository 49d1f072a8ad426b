#include "app/parse_command.h"

#include <iostream>
#include <iterator>

#include "app/version.h"
#include "config/config.h"
#include "fetch/fetcher.h"
#include "model/limits.h"
#include "normalise/as_stored.h"
#include "normalise/normalise.h"
#include "normalise/scrub.h"
#include "parse/feedparser_json.h"
#include "parse/parse.h"
#include "util/atomic_file.h"
#include "util/url.h"

namespace orrery::app {

namespace {

struct Document {
  std::string bytes;
  parse::ParseHints hints;
};

util::Result<std::string> read_stdin() {
  std::string bytes;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (bytes.size() > model::limits::k_max_document_bytes) {
      return util::unexpected("stdin: larger than the limit of " +
                              std::to_string(model::limits::k_max_document_bytes) + " bytes");
    }
  }
  return bytes;
}

util::Result<Document> fetch_document(const std::string& url) {
  fetch::FetcherOptions options;
  options.user_agent = std::string("orrery/") + k_version;
  fetch::Fetcher fetcher(options);
  model::FetchRequest request;
  request.url = url;
  request.allow_file = true;  // the user typed this URL
  std::optional<model::FetchResult> got;
  fetcher.run({request}, [&](model::FetchResult&& result) { got = std::move(result); });
  if (!got) {
    return util::unexpected(url + ": fetch: no result");
  }
  if (!got->ok()) {
    return util::unexpected(url + ": fetch: " + got->error);
  }
  Document doc;
  doc.bytes = std::move(got->body);
  doc.hints.base_url = got->final_url.empty() ? url : got->final_url;
  doc.hints.content_type = got->content_type;
  doc.hints.content_location = got->content_location;
  doc.hints.content_language = got->content_language;
  return doc;
}

util::Result<Document> load(const ParseCommandOptions& options) {
  std::string scheme = util::url_scheme(options.input);
  if (scheme == "http" || scheme == "https" || scheme == "file") {
    return fetch_document(options.input);
  }
  Document doc;
  if (options.input == "-") {
    auto bytes = read_stdin();
    if (!bytes) {
      return util::unexpected(bytes.error().message);
    }
    doc.bytes = std::move(*bytes);
  } else {
    auto bytes = util::read_file(options.input, model::limits::k_max_document_bytes);
    if (!bytes) {
      return util::unexpected(bytes.error().message);
    }
    doc.bytes = std::move(*bytes);
  }
  return doc;
}

// The settings `orrery run` stores the input's feed with: its subscription's in the config, or
// for a URL outside any config, the URL alone.
util::Result<config::FeedSettings> subscription_settings(const ParseCommandOptions& options) {
  config::FeedSettings settings;
  std::string scheme = util::url_scheme(options.input);
  if (scheme == "http" || scheme == "https" || scheme == "file") {
    settings.url = options.input;
  }
  if (options.config.empty()) {
    return settings;
  }
  auto loaded = config::load(options.config);
  if (!loaded) {
    return util::unexpected(loaded.error().message);
  }
  for (const config::FeedSettings& feed : loaded->feeds) {
    if (feed.url == options.input) {
      return feed;
    }
  }
  return util::unexpected(options.config + ": " + options.input +
                          " is no feed of this config (a feed is named by its URL as written)");
}

// The contract's answer for a document that could not be read at all (too large, missing,
// a failed fetch): not a feed, bozo, the reason as the exception, so that stdout always holds
// one JSON object. A document over the size bound names the bound.
model::ParsedFeed unreadable(const std::string& message) {
  model::ParsedFeed feed;
  feed.bozo = true;
  const bool too_large = message.find("larger than") != std::string::npos;
  feed.bozo_exception = too_large ? "DocumentTooLarge: " + message + " (k_max_document_bytes)"
                                  : "DocumentUnreadable: " + message;
  return feed;
}

}  // namespace

int run_parse_command(const ParseCommandOptions& options, std::ostream& out, std::ostream& err) {
  auto settings = subscription_settings(options);
  if (!settings) {
    err << "orrery: " << settings.error().message << '\n';
    return k_parse_not_feed;
  }
  auto doc = load(options);
  if (!doc) {
    err << "orrery: " << doc.error().message << '\n';
    out << parse::to_feedparser_json(unreadable(doc.error().message)) << '\n';
    return k_parse_not_feed;
  }
  if (!options.base.empty()) {
    doc->hints.base_url = options.base;
  }
  doc->hints.forced_encoding = options.encoding;
  model::ParsedFeed parsed = parse::parse_document(doc->bytes, doc->hints);
  if (options.as_stored) {
    parsed = normalise::as_stored(normalise::clean(normalise::scrub(std::move(parsed), *settings)),
                                  *settings);
  } else {
    parsed = normalise::clean(std::move(parsed));
  }
  out << parse::to_feedparser_json(parsed) << '\n';
  return parsed.version.empty() ? k_parse_not_feed : k_parse_is_feed;
}

}  // namespace orrery::app
