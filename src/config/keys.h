#pragma once
// config-internal: the one table of every key orrery knows (Planet Venus's keys from
// planet/config.py and its docs, plus orrery's own), with where it may be written, its type, its
// default and whether orrery honours it. Reading a key into its typed field goes through the
// table too, so a key cannot be typed in one place and checked in another.

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/values.h"
#include "util/result.h"

namespace orrery::config {

// Where a key has an effect; a key may have several.
enum KeyScope : std::uint8_t {
  k_scope_planet = 1,    // [Planet]
  k_scope_feed = 2,      // a subscription's section ([Planet]'s value is every feed's default)
  k_scope_template = 4,  // a template's section ([index.html.tmpl])
  k_scope_list = 8,      // a reading list's section
};

// The kinds of section keys are checked in.
enum class SectionKind { planet, feed, template_file, reading_list };

// The value's type, for messages and docs/venus.md.
enum class KeyType {
  text,
  integer,
  seconds,
  boolean,
  url,
  path,
  list,
  path_list,
  log_level,
  choice,
  text_type,
  xml_base,
  regexp,
};

enum class KeyStatus {
  honoured,       // orrery does what Venus does with it (docs/venus.md states any difference)
  for_templates,  // no effect of its own: a value themes read (channel_face …)
  not_honoured,   // known, but orrery does not act on it: a warning names it when set
};

// Where a key comes from, which also decides what feeds inherit from [Planet].
enum class KeyOrigin {
  planet_wide,  // Venus's define_planet*: planet-wide, not inherited by feeds
  planet_own,   // a [Planet] key Venus reads with its own function; feeds see it as a raw key
  per_feed,     // Venus's define_tmpl: a section's value, else [Planet]'s
  section,      // a key of feed or reading-list sections that Venus's themes or lists read
  orrery,       // orrery's own key ([Planet]; feeds see it as a raw key)
};

using PlanetSetter = util::Result<void> (*)(PlanetSettings&, const Setting&);
using OptionsSetter = util::Result<void> (*)(FeedOptions&, const Setting&);

struct KeyInfo {
  std::string_view name;
  std::uint8_t scopes = 0;  // KeyScope bits
  KeyType type = KeyType::text;
  std::string_view default_value;  // as written in a config ("" for none)
  KeyStatus status = KeyStatus::honoured;
  // not_honoured: why, as the warning says it. A value equal to default_value is not warned.
  std::string_view note;
  KeyOrigin origin = KeyOrigin::planet_wide;
  PlanetSetter set_planet = nullptr;    // reads the value into PlanetSettings
  OptionsSetter set_options = nullptr;  // reads the value into FeedOptions
};

// Every key orrery knows, in the order docs/venus.md lists them.
std::span<const KeyInfo> known_keys();

// The key called `name` (lower-case), or nullptr.
const KeyInfo* find_key(std::string_view name);

// True for the keys feeds do not inherit from [Planet] (Venus's planet_predefined_options).
bool is_planet_wide(std::string_view key);

// Checks the keys of one section against the table, adding one warning per key (each written
// key warned once, even when [DEFAULT] puts it in every section; `warned` remembers them):
// a key orrery does not know (kept for templates), a key it does not honour, a key with no
// effect in this kind of section. Filter sections are not checked: their keys are the
// filter's options.
void check_keys(const std::map<std::string, Setting>& values, SectionKind kind,
                std::string_view section, std::set<std::string>& warned,
                std::vector<std::string>& warnings);

// Reads every known planet-wide key of `values` into `planet`, and the per-feed keys into
// planet.feed_defaults. Fails on the first malformed value: `file:line: key: reason`.
util::Result<void> read_planet_keys(const std::map<std::string, Setting>& values,
                                    PlanetSettings& planet);

// Reads every per-feed key of `values` into `options` (keys without a FeedOptions field are
// skipped). Fails on the first malformed value.
util::Result<void> read_feed_keys(const std::map<std::string, Setting>& values,
                                  FeedOptions& options);

}  // namespace orrery::config
