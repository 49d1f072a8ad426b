#pragma once
// The sanitiser's bounds, taken from model/limits.h (sanitise/ may not include model/).

#include "model/limits.h"
#include "sanitise/sanitise.h"

namespace orrery::normalise {

inline sanitise::Limits sanitise_limits() {
  sanitise::Limits limits;
  limits.max_depth = model::limits::k_max_html_depth;
  limits.max_input_bytes = model::limits::k_max_html_bytes;
  return limits;
}

}  // namespace orrery::normalise
