// The whole pre-store pipeline: parse_document then normalise::normalise (sanitising every HTML
// field, resolving URLs, identity keys) over the generated 1,000-feed corpus and the 52 real
// feeds: what one refresh cycle spends on CPU between the fetcher and the store. Figures and
// how to reproduce them: docs/performance.md.
//
//   cmake --build build/h-bench --target orrery_pipeline_bench
//   build/h-bench/bench/orrery_pipeline_bench --corpus=build/corpus --real=/work/shared/bench/real
//
// The directories may also come from ORRERY_BENCH_CORPUS and ORRERY_BENCH_REAL; a set that is
// not given skips with a message.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "config/config.h"
#include "normalise/normalise.h"
#include "parse/parse.h"
#include "util/time.h"

namespace {

using orrery::bench::DocumentSet;

void BM_ParseAndNormalise(benchmark::State& state, const DocumentSet* set) {
  if (set->empty()) {
    state.SkipWithError(set->missing_message().c_str());
    return;
  }
  std::vector<orrery::config::FeedSettings> settings(set->documents.size());
  for (std::size_t i = 0; i < settings.size(); ++i) {
    settings[i].url = set->documents[i].base_url;
  }
  std::size_t entries = 0;
  for (auto _ : state) {
    entries = 0;
    for (std::size_t i = 0; i < set->documents.size(); ++i) {
      orrery::parse::ParseHints hints;
      hints.base_url = set->documents[i].base_url;
      const orrery::model::Feed feed = orrery::normalise::normalise(
          orrery::parse::parse_document(set->documents[i].bytes, hints), settings[i]);
      entries += feed.entries.size();
      benchmark::DoNotOptimize(feed.entries.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * set->total_bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * set->documents.size()));
  state.counters["entries"] = static_cast<double>(entries);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  static const std::vector<DocumentSet> sets = orrery::bench::load_both(argc, argv);
  for (const DocumentSet& set : sets) {
    benchmark::RegisterBenchmark(("BM_ParseAndNormalise/" + set.label).c_str(),
                                 BM_ParseAndNormalise, &set)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
