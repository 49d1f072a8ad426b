#pragma once
// Feed: the normalised channel and entries normalise/ makes of a ParsedFeed. Every HTML field is
// already sanitised and its URLs absolute; nothing but normalise/ constructs these, so
// unsanitised HTML cannot reach the store or a page.

#include <optional>
#include <string>
#include <vector>

#include "model/parsed_feed.h"
#include "util/time.h"

namespace orrery::model {

struct Entry {
  std::string key;          // stable identity within the feed: id, else link, else a content hash
  std::string id;           // the document's id ("" if none)
  std::string link;         // absolute alternate link ("" if none)
  std::string title_html;   // sanitised HTML, "" if untitled
  std::string title_plain;  // title as text (markup stripped, entities decoded)
  std::string summary_html;
  std::string content_html;  // full content, sanitised; "" if the feed gives only a summary
  Person author;             // name as text
  std::optional<util::TimePoint> published;
  std::optional<util::TimePoint> updated;  // never absent in a stored entry (store fills it)
  std::vector<std::string> tags;           // category terms as text
  std::vector<Enclosure> enclosures;       // absolute hrefs
  std::string language;
};

struct Channel {
  std::string title_plain;
  std::string link;  // absolute alternate (web page) link
  std::string subtitle_plain;
  std::string id;
  Person author;
  std::string icon;
  std::string logo;
  std::string rights_plain;
  std::optional<util::TimePoint> updated;
  std::string language;
  std::string generator;
};

struct Feed {
  Channel channel;
  std::vector<Entry> entries;
};

}  // namespace orrery::model
