#pragma once
// config-internal: Python 2 ConfigParser's value interpolation, which Venus's parser.get()
// applies. A value holding "%(" has each `%(key)s` replaced by the raw value of that key in the
// same section (or [DEFAULT]) and each `%%` by `%`, again while "%(" remains. Values without
// "%(" are left alone, so strftime formats such as `%B %d, %Y` need no escaping.

#include "config/ini_document.h"
#include "util/result.h"

namespace orrery::config {

// Interpolates every value of every section in place, except log_format (Venus reads it raw:
// it holds Python logging's own %(levelname)s fields). Fails on a key that names no key of its
// section, or on nesting deeper than model::limits::k_max_config_interpolation_depth.
util::Result<void> interpolate(IniDocument& doc);

}  // namespace orrery::config
