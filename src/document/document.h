#pragma once
// document: the planet as one Atom document, the way Planet Venus builds it. Venus caches each
// entry as an Atom <entry> carrying an atom:source with planet: elements (the subscription's
// config keys and fetch state), and "splices" the page's entries into one Atom <feed> with a
// planet:source per subscription. XSLT themes and filters read these documents; atom.xml is the
// spliced document without its planet: nodes. Pure: strings in, strings out.
//
// Namespaces: Atom (default), planet = http://planet.intertwingly.net/, and XHTML inside
// type="xhtml" text constructs.

#include <span>
#include <string>
#include <vector>

#include "config/config.h"
#include "model/feed.h"
#include "model/stored.h"
#include "util/time.h"

namespace orrery::document {

inline constexpr const char* k_atom_ns = "http://www.w3.org/2005/Atom";
inline constexpr const char* k_planet_ns = "http://planet.intertwingly.net/";
inline constexpr const char* k_xhtml_ns = "http://www.w3.org/1999/xhtml";
inline constexpr const char* k_geo_ns = "http://www.w3.org/2003/01/geo/wgs84_pos#";

// The subscription an entry came from. Both pointers may be null: settings for a feed no longer
// in the config, status for a feed the store knows nothing of yet.
struct Source {
  const config::FeedSettings* settings = nullptr;
  const model::ChannelStatus* status = nullptr;
  std::string url;  // the subscription URL as in the config
};

// One entry as Venus caches it: `<?xml …?>` then an Atom <entry> (UTF-8, namespaces declared on
// it) with, in Venus's order, id, links (alternate, enclosures), title, summary, content,
// updated and published (with @planet:format, the date in config.planet.date_format), category,
// author, and an atom:source describing `source` with its planet: elements. xml:lang is the
// entry's language, else its channel's. An entry without id or link gets a stable
// urn:orrery:entry:… id made from `source.url` and entry.key. HTML that is well-formed XML
// becomes type="xhtml" (one xhtml:div), other HTML type="html"; plain titles are plain text.
// Characters XML 1.0 cannot carry are dropped. `now` stands in for a missing updated date
// (entry: published, else now; source: now), as Venus does. Never fails.
std::string entry_xml(const model::Entry& entry, const Source& source, const config::Config& config,
                      util::TimePoint now);

// What splice() leaves in or out.
enum class PlanetElements {
  keep,  // Venus's spliced document: planet:source per subscription, planet: children
  drop,  // atom.xml: no planet:source, no planet:* element or attribute
};

// Which instant the feed's <updated> says.
enum class FeedUpdated {
  now,           // Venus: the splice time
  newest_entry,  // the newest entry's updated (now when there is none): stable output
};

struct SpliceInput {
  const config::Config* config = nullptr;
  std::span<const model::StoredEntry> entries;     // the page, newest first
  std::span<const model::ChannelStatus> channels;  // every subscription the store knows
  util::TimePoint now{};
  std::string generator = "orrery";  // <generator> text unless [Planet] generator is set
  PlanetElements planet_elements = PlanetElements::keep;
  FeedUpdated feed_updated = FeedUpdated::now;
};

// The spliced document: `<?xml …?>` then an Atom <feed> whose children are, in Venus's order,
// title, updated (@planet:format), generator (@uri from [Planet] generator_uri), author
// (owner_name, else the planet's name; owner_email), id and link rel=self (the [Planet] feed
// key, else link + "atom.xml"; a stable urn:orrery:planet:… id without a link), link rel=hub
// (pubsubhubbub_hub), link rel=alternate (link), one planet:source per subscription the store
// knows (config order), then one <entry> per input entry, in input order, as entry_xml() writes
// it. Indented by two spaces, except inside xhtml content. Precondition: input.config set.
std::string splice(const SpliceInput& input);

// Venus's duplicate subscriptions (planet/spider.py): walking config.feeds in order, a
// subscription whose stored feed has the id of an earlier one, or whose address (its
// planet:http_location, else its config URL) is an earlier one's, gets that earlier
// subscription's URL in duplicate_of (planet:message "duplicate subscription: <url>"); every
// other channel's duplicate_of is cleared. Returns one line per duplicate, naming both.
std::vector<std::string> mark_duplicate_subscriptions(const config::Config& config,
                                                      std::span<model::ChannelStatus> channels);

// Warnings about what the documents could not carry: a subscription config key that is not an
// XML name cannot become a planet:<key> element. One line each, naming the feed and the key.
std::vector<std::string> splice_warnings(const config::Config& config);

}  // namespace orrery::document
