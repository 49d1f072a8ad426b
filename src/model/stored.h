#pragma once
// What the store hands the renderer.

#include <cstdint>
#include <string>

#include "model/feed.h"
#include "model/feed_state.h"
#include "util/time.h"

namespace orrery::model {

struct StoredEntry {
  std::int64_t feed_id = 0;
  std::string feed_url;  // the subscription URL as in the config
  Entry entry;           // entry.updated is always set here
  util::TimePoint first_seen{};
};

struct ChannelStatus {
  FeedState state;
  Channel channel;  // the channel metadata last stored ("" fields if never fetched)
  std::int64_t entry_count = 0;
};

}  // namespace orrery::model
