#pragma once
// The sanitiser's bounds, taken from model/limits.h (sanitise/ may not include model/, so its
// Limits defaults mirror these; the static_asserts keep the two copies equal).

#include "model/limits.h"
#include "sanitise/sanitise.h"

namespace orrery::normalise {

static_assert(sanitise::Limits{}.max_depth == model::limits::k_max_html_depth);
static_assert(sanitise::Limits{}.max_input_bytes == model::limits::k_max_html_bytes);
static_assert(sanitise::Limits{}.max_parse_depth == model::limits::k_max_html_parse_depth);
static_assert(sanitise::Limits{}.max_passes == model::limits::k_max_html_sanitise_passes);

// Every sanitise_html / html_to_text call in normalise/ passes these.
inline sanitise::Limits sanitise_limits() {
  sanitise::Limits limits;
  limits.max_depth = model::limits::k_max_html_depth;
  limits.max_input_bytes = model::limits::k_max_html_bytes;
  limits.max_parse_depth = model::limits::k_max_html_parse_depth;
  limits.max_passes = model::limits::k_max_html_sanitise_passes;
  // embeds_as_links stays off here: feedparser's conformance cases (tests/e2e/conformance.sh,
  // whose security mode requires feedparser's exact output) drop iframes without a trace. The
  // planet's store path turns it on for content through CleanOptions (normalise.h).
  return limits;
}

}  // namespace orrery::normalise
