#pragma once
// expunge: Venus's `planet -x`. Removes from the store the feeds no longer in the config and, of
// every feed, the entries beyond cache_keep_entries and older than cache_keep_days. The only
// way entries leave the store (a failed fetch or a truncated feed never removes any).

#include <cstdint>

#include "app/cycle.h"
#include "config/config.h"
#include "store/store.h"
#include "util/result.h"
#include "util/time.h"

namespace orrery::app {

// The retention the config asks for at `now`: the config's feeds stay subscribed;
// cache_keep_entries from [Planet] (default 10; 0 keeps every entry), overridden per feed by
// the feed's section; cache_keep_days from [Planet] (orrery's key; default 0: no age limit):
// entries whose updated date is more than that many days before `now` go. The values were
// checked by config::load (a malformed one stops the load); this does not fail today.
util::Result<store::ExpungePolicy> expunge_policy(const config::Config& config,
                                                  util::TimePoint now);

// Applies expunge_policy(config, now) to the planet's store under the run lock. Errors: the
// lock is held (Kind::locked); a bad value, a broken database (Kind::fatal).
util::Result<store::ExpungeStats, CycleError> run_expunge(const config::Config& config,
                                                          util::TimePoint now);

}  // namespace orrery::app
