#pragma once
// ParseWorkers: parse + normalise on worker threads while the fetch loop keeps downloading.
// parse/ and normalise/ are pure functions of their inputs, so jobs share nothing; results come
// back to the cycle's thread, which alone talks to the store and logs.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "model/feed.h"
#include "model/fetch.h"
#include "normalise/normalise.h"

namespace orrery::app {

struct ParseJob {
  // Input.
  const config::FeedSettings* settings = nullptr;
  model::FetchResult result;
  std::string content_hash;       // the caller's, carried through untouched
  normalise::CleanOptions clean;  // the cycle sets embeds_as_links: the planet's pages
  // Output: the feed when the body was a feed; else `error` (one line, without the feed's URL).
  // `warning` is set when the document needed recovery (bozo).
  std::optional<model::Feed> feed;
  std::string error;
  std::string warning;
  // What Venus keeps per feed (planet:format, planet:bozo): feedparser's version and bozo flag,
  // set with `feed`.
  std::string format;
  bool bozo = false;
};

// Parses and normalises job.result.body into job (the pure part of a feed's cycle).
void run_parse_job(ParseJob& job);

class ParseWorkers {
 public:
  // `threads` workers; 0 runs each job inline in submit(). At most `max_pending` jobs are
  // queued or running at once: submit() waits for a free slot, which holds the fetch loop back
  // instead of piling up bodies in memory.
  ParseWorkers(unsigned threads, std::size_t max_pending);
  ~ParseWorkers();  // finishes queued jobs, then joins
  ParseWorkers(const ParseWorkers&) = delete;
  ParseWorkers& operator=(const ParseWorkers&) = delete;

  void submit(ParseJob job);
  // Jobs finished so far (in completion order); never blocks.
  std::vector<ParseJob> take_finished();
  // Waits until every submitted job has finished and returns those not yet taken.
  std::vector<ParseJob> wait_all();

 private:
  void work();

  std::mutex m_mutex;
  std::condition_variable m_work_cv;  // a job was queued, or stopping
  std::condition_variable m_done_cv;  // a job finished
  std::deque<ParseJob> m_queue;
  std::vector<ParseJob> m_finished;
  std::size_t m_pending = 0;  // queued + running
  std::size_t m_max_pending;
  bool m_stopping = false;
  std::vector<std::thread> m_threads;
};

}  // namespace orrery::app
