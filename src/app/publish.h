#pragma once
// Publishing: what the store holds → the planet's files in output_dir, each written atomically.

#include <filesystem>
#include <vector>

#include "config/config.h"
#include "store/store.h"
#include "util/result.h"
#include "util/time.h"

namespace orrery::app {

// Renders the page's entries (items_per_page, days_per_page, new_feed_items) with the theme's
// templates, writes every output with AtomicFile and copies the theme's bill of materials.
// Returns the files written; a template error is returned as its one-line message. Throws for
// a broken environment (output directory not writable, disk full). A non-empty `debug_splice`
// (Venus's -d) first receives the page's spliced document (document::splice, with its planet:
// elements), the one XSLT templates read; it is not among the files returned.
util::Result<std::vector<std::filesystem::path>> publish(
    const config::Config& config, store::Store& store, util::TimePoint now,
    const std::filesystem::path& debug_splice = {});

}  // namespace orrery::app
