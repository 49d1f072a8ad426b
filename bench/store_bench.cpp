// The store under a planet's load: the 1,000-feed corpus's shape (20 entries a feed, about
// 95 MB of HTML in all) stored new, re-checked unchanged, and read back for a page.
//
//   cmake -B build/bench -DORRERY_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release
//   cmake --build build/bench --target orrery_store_bench && build/bench/bench/orrery_store_bench
//
// Measured on the shared 2-core project machine (Release, WAL, synchronous=FULL), 2026-12-01,
// while other engineers were building (load average 5-9, so wall times are pessimistic; CPU
// time of this process in brackets):
//   20,000 new entries, a transaction per feed   1.7-6.6 s  (510-630 ms; 1,000 fsyncs)
//   20,000 new entries, one batch                 0.6-1.3 s  (470 ms)
//   20,000 unchanged entries, one batch           118-131 ms (46 ms)
//   latest 60 of 1,000 subscribed feeds           4.5 ms     (1.9 ms); per-feed cap 5: 18 ms CPU

#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/store.h"

namespace {

using orrery::model::Entry;
using orrery::model::FeedUpdate;

constexpr int k_feeds = 1000;
constexpr int k_entries_per_feed = 20;
constexpr std::size_t k_content_bytes = 4750;  // 20,000 entries x 4.75 KB = 95 MB
constexpr std::int64_t k_now = 1'790'000'000;

// A directory under $TMPDIR removed with its content on destruction.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "orrery-bench-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed for " + tmpl);
    }
    m_path = tmpl;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::filesystem::path db() const { return m_path / "planet.db"; }

 private:
  std::filesystem::path m_path;
};

// Deterministic HTML of about k_content_bytes, different for every entry.
std::string content(int feed, int item) {
  std::string html;
  html.reserve(k_content_bytes + 64);
  int paragraph = 0;
  while (html.size() < k_content_bytes) {
    html += "<p>Feed " + std::to_string(feed) + ", post " + std::to_string(item) + ", paragraph " +
            std::to_string(paragraph++) +
            ": the quick brown fox jumps over the lazy dog <a href=\"https://example.org/\">"
            "link</a>.</p>\n";
  }
  return html;
}

std::vector<FeedUpdate> corpus() {
  std::vector<FeedUpdate> updates;
  updates.reserve(k_feeds);
  for (int f = 0; f < k_feeds; ++f) {
    FeedUpdate update;
    update.state.url = "https://feed" + std::to_string(f) + ".example/atom.xml";
    update.state.last_status = 200;
    update.now = orrery::util::from_unix(k_now);
    update.feed.emplace();
    update.feed->channel.title_plain = "Feed " + std::to_string(f);
    for (int i = 0; i < k_entries_per_feed; ++i) {
      Entry e;
      e.link = "https://feed" + std::to_string(f) + ".example/post/" + std::to_string(i);
      e.id = e.link;
      e.key = e.id;
      e.title_plain = e.title_html = "Post " + std::to_string(i);
      e.content_html = content(f, i);
      e.author.name = "Author " + std::to_string(f);
      e.updated = orrery::util::from_unix(k_now - (f * k_entries_per_feed + i) * 60);
      e.tags = {"planet", "feed" + std::to_string(f)};
      update.feed->entries.push_back(std::move(e));
    }
    updates.push_back(std::move(update));
  }
  return updates;
}

const std::vector<FeedUpdate>& shared_corpus() {
  static const std::vector<FeedUpdate> updates = corpus();
  return updates;
}

enum class Commit { per_feed, one_batch };

// One cycle: every feed's update, each in its own transaction or all in one batch.
void apply_all(orrery::store::Store& store, Commit commit) {
  std::optional<orrery::store::StoreBatch> batch;
  if (commit == Commit::one_batch) {
    batch.emplace(store);
  }
  for (const FeedUpdate& update : shared_corpus()) {
    benchmark::DoNotOptimize(store.apply(update));
  }
  if (batch) {
    batch->commit();
  }
}

Commit commit_of(const benchmark::State& state) {
  return state.range(0) == 0 ? Commit::per_feed : Commit::one_batch;
}

// One cycle storing 20,000 new entries into an empty database. Arg 0: a transaction (and an
// fsync) per feed; 1: one batch.
void BM_StoreNewEntries(benchmark::State& state) {
  shared_corpus();
  for (auto _ : state) {
    state.PauseTiming();
    {
      ScratchDir dir;
      orrery::store::Store store(dir.db());
      state.ResumeTiming();
      apply_all(store, commit_of(state));
      state.PauseTiming();
    }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * k_feeds * k_entries_per_feed);
}
BENCHMARK(BM_StoreNewEntries)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

// The same 20,000 entries again, unchanged (a 200 whose content did not change).
void BM_StoreUnchangedEntries(benchmark::State& state) {
  ScratchDir dir;
  orrery::store::Store store(dir.db());
  apply_all(store, Commit::one_batch);
  for (auto _ : state) {
    apply_all(store, commit_of(state));
  }
  state.SetItemsProcessed(state.iterations() * k_feeds * k_entries_per_feed);
}
BENCHMARK(BM_StoreUnchangedEntries)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// The front page: the 60 newest entries across 1,000 feeds, with and without a per-feed cap.
void BM_LatestPage(benchmark::State& state) {
  ScratchDir dir;
  orrery::store::Store store(dir.db());
  apply_all(store, Commit::one_batch);
  orrery::store::LatestQuery query;
  query.per_feed_cap = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(store.latest(query));
  }
}
BENCHMARK(BM_LatestPage)->Arg(0)->Arg(5)->Unit(benchmark::kMillisecond)->UseRealTime();

// The page as app/ asks for it: only the 1,000 subscribed feeds; arg: the per-feed cap.
void BM_LatestPageOfSubscribedFeeds(benchmark::State& state) {
  ScratchDir dir;
  orrery::store::Store store(dir.db());
  apply_all(store, Commit::one_batch);
  orrery::store::LatestQuery query;
  query.per_feed_cap = static_cast<std::size_t>(state.range(0));
  for (const FeedUpdate& update : shared_corpus()) {
    query.feed_urls.push_back(update.state.url);
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(store.latest(query));
  }
}
BENCHMARK(BM_LatestPageOfSubscribedFeeds)
    ->Arg(0)
    ->Arg(5)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
