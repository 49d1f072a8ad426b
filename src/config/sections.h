#pragma once
// config-internal: the sections besides [Planet]: subscriptions (a URL as the section name) and
// template settings (a template file's name as the section name).

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/ini_document.h"
#include "config/theme.h"
#include "util/result.h"

namespace orrery::config {

// The subscription a section describes. A `file:RELATIVE/PATH` URL (no "//") is resolved
// against the config file's directory into an absolute file:/// URL, so a planet can ship feeds
// as files beside its config; absolute file:/// URLs stay as they are. Fails unless the URL is
// http, https or a local file URL, with a host for http(s) and no whitespace.
util::Result<FeedSettings> read_feed(const IniDocument& doc, const IniSection& section);

// What makes two feed URLs the same subscription: scheme and host compare case-insensitively
// (RFC 3986 §6.2.2.1), the rest as written.
std::string feed_identity(const std::string& url);

// Adds every section of `doc` but [Planet] and those named after a template in `layers` to
// `config`: feeds, reading lists and filters in file order, a warning for each section that is
// neither a URL, a template nor a filter. Each feed's raw options are Venus's feed_options():
// [Planet]'s keys that are not planet-wide, overridden by the section's own. Fails on a bad or
// repeated feed URL.
// Each section's keys are checked against the table of known keys (config/keys.h), adding
// warnings to config.warnings (`warned` remembers keys already warned, for [DEFAULT]'s), and
// the per-feed keys are read into each FeedSettings (a reading list's into its options).
util::Result<void> read_subscriptions(const IniDocument& doc, const PlanetLayers& layers,
                                      Config& config, std::set<std::string>& warned);

// One TemplateSettings per template file (config.planet.template_files must be resolved),
// merging the theme's section for it under the operator's. Fails on a bad number in one.
util::Result<void> read_templates(const IniDocument& doc, const PlanetLayers& layers,
                                  Config& config, std::set<std::string>& warned);

}  // namespace orrery::config
