// parse_document throughput over the generated 1,000-feed corpus and the 52 real feeds, beside
// pugixml's bare DOM parse of the same bytes (the floor: no feed can be parsed faster than its
// XML). Figures and how to reproduce them: docs/performance.md.
//
//   python3 /work/shared/bench/make_corpus.py --n 1000 --seed 42 --out build/corpus
//       --base-url http://127.0.0.1:8480/   (one command line)
//   cmake -S . -B build/h-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DORRERY_BUILD_BENCH=ON
//   cmake --build build/h-bench --target orrery_parse_bench
//   build/h-bench/bench/orrery_parse_bench --corpus=build/corpus --real=/work/shared/bench/real
//
// The directories may also come from ORRERY_BENCH_CORPUS and ORRERY_BENCH_REAL; a set that is
// not given skips with a message.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "parse/parse.h"

namespace {

using orrery::bench::DocumentSet;

// Every document of the set through parse_document, as app/ would call it for a fetched body.
void BM_ParseDocument(benchmark::State& state, const DocumentSet* set) {
  if (set->empty()) {
    state.SkipWithError(set->missing_message().c_str());
    return;
  }
  std::size_t entries = 0;
  std::size_t bozo = 0;
  for (auto _ : state) {
    entries = 0;
    bozo = 0;
    for (const auto& doc : set->documents) {
      orrery::parse::ParseHints hints;
      hints.base_url = doc.base_url;
      const orrery::model::ParsedFeed feed = orrery::parse::parse_document(doc.bytes, hints);
      entries += feed.entries.size();
      bozo += feed.bozo ? 1 : 0;
      benchmark::DoNotOptimize(feed.entries.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * set->total_bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * set->documents.size()));
  state.counters["entries"] = static_cast<double>(entries);
  state.counters["bozo"] = static_cast<double>(bozo);
}

// The floor: pugixml's DOM parse of the same bytes with its default options (no feed mapping,
// no encoding conversion beyond pugixml's own, no recovery). Ill-formed documents stop early.
void BM_PugixmlFloor(benchmark::State& state, const DocumentSet* set) {
  if (set->empty()) {
    state.SkipWithError(set->missing_message().c_str());
    return;
  }
  std::size_t failed = 0;
  for (auto _ : state) {
    failed = 0;
    for (const auto& doc : set->documents) {
      pugi::xml_document xml;
      const pugi::xml_parse_result result = xml.load_buffer(doc.bytes.data(), doc.bytes.size());
      failed += result ? 0 : 1;
      benchmark::DoNotOptimize(xml.first_child());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * set->total_bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * set->documents.size()));
  state.counters["ill_formed"] = static_cast<double>(failed);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  static const std::vector<DocumentSet> sets = orrery::bench::load_both(argc, argv);
  for (const DocumentSet& set : sets) {
    benchmark::RegisterBenchmark(("BM_ParseDocument/" + set.label).c_str(), BM_ParseDocument, &set)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_PugixmlFloor/" + set.label).c_str(), BM_PugixmlFloor, &set)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
