#pragma once
// `orrery status`: every subscription's health read from the planet's store, beside a running
// daemon or cron job: the database is opened read-only (WAL readers never block the writer),
// the run lock is not taken and nothing is migrated.

#include <string>

#include "app/cycle.h"
#include "config/config.h"
#include "util/result.h"
#include "util/time.h"

namespace orrery::app {

enum class StatusFormat { text, json };

// The report for `config`'s subscriptions (with the feeds of its reading lists, from their
// cached copies) at `now`: text (a summary line, then one block per feed, worst first) or the
// JSON object docs/status.md describes (health.json's shape, with the operator's fields).
// Errors (CycleError::Kind::fatal, one line naming the database): no database yet, a schema
// older or newer than this build's, an unreadable file.
util::Result<std::string, CycleError> planet_status(const config::Config& config,
                                                    StatusFormat format, util::TimePoint now);

}  // namespace orrery::app
