#pragma once
// Reading lists (Venus planet/config.py reading_lists()): a subscription list in OPML, FOAF, CSV
// or ini form, named by a config section whose content_type says which. Parsing is pure: the
// caller (app/) fetches and caches the list bytes and logs what these functions report.
//
// Formats, as Venus reads them:
//  - OPML (planet/opml.py): every <outline> with an xmlUrl attribute (any case of the name, as
//    feeds in the wild misspell it) and, when it has a type, type rss or atom (type="link"
//    without url, WordPress's link manager, counts as rss); the name is text, else title.
//  - FOAF (planet/foaf.py), RDF/XML: for every foaf:weblog of a person or group member, the
//    rdfs:seeAlso of the weblog document (an rss:channel rdf:about, or an rdf:resource); the
//    name is the person's foaf:name, else the document's dc:title. Descriptions of the same
//    node elsewhere in the file (rdf:about) are merged; online_accounts mappings are not read.
//  - CSV (planet/csv_config.py): a header row of option names, then one row per feed whose first
//    column is the feed URL and whose other non-empty cells are that feed's options.
//  - config: an ini file whose sections are feed URLs and their options.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "util/result.h"

namespace orrery::config {

// One feed as a reading list names it: the URL as written (trimmed) and the options the list
// gives it (lower-case keys; "name" when the list names the feed).
struct ListedFeed {
  std::string url;
  std::map<std::string, std::string> options;
};

// The format a content_type value names: the first of "opml", "foaf", "csv", "config" it
// contains (case-insensitive), as Venus tries them; nullopt when it names none.
std::optional<ReadingListFormat> reading_list_format(std::string_view content_type);

// "opml", "foaf", "csv" or "config".
std::string_view format_name(ReadingListFormat format);

// The feeds `body` names, in document order, repeats removed (the first occurrence wins).
// Fails with one line (no list name: the caller adds it) on a body that is not well-formed XML
// (OPML, FOAF), an unterminated quoted CSV field, an ini syntax error, or a list that names no
// feed at all (Venus, too, keeps the cached copy rather than an empty list).
util::Result<std::vector<ListedFeed>> parse_reading_list(std::string_view body,
                                                         ReadingListFormat format);

// Format parsers behind parse_reading_list, for tests; they return an empty vector, not an
// error, for a well-formed list without feeds.
util::Result<std::vector<ListedFeed>> parse_opml(std::string_view body);
util::Result<std::vector<ListedFeed>> parse_foaf(std::string_view body);
util::Result<std::vector<ListedFeed>> parse_csv(std::string_view body);
util::Result<std::vector<ListedFeed>> parse_config_list(std::string_view body);

// Adds the feeds `list` names to config.feeds, after those already there. Each new feed's raw
// options are its own from the list over list.raw, its typed options (FeedOptions) its own over
// list.options (a malformed one keeps the list's value, with a warning), its name the list's
// "name" option, its line the list's, and reading_list the list's URL. A relative URL is resolved
// against the list's URL. Left out, with one warning line each naming the list and the feed: URLs
// that are not http or https (a listed feed may not read local files) or have no host. Left out
// silently: a feed already in config.feeds (a feed written in the config keeps its own section; the
// first list naming a feed wins). At most model::limits::k_max_reading_list_feeds are added per
// list; one warning says how many more were left out. Returns the warnings.
std::vector<std::string> add_listed_feeds(Config& config, const ReadingListSettings& list,
                                          const std::vector<ListedFeed>& feeds);

}  // namespace orrery::config
