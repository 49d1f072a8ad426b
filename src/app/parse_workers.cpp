#include "app/parse_workers.h"

#include <exception>

#include "normalise/normalise.h"
#include "parse/parse.h"

namespace orrery::app {

void run_parse_job(ParseJob& job) {
  try {
    parse::ParseHints hints;
    const model::FetchResult& r = job.result;
    hints.base_url = r.final_url.empty() ? r.url : r.final_url;
    hints.content_type = r.content_type;
    hints.content_location = r.content_location;
    hints.content_language = r.content_language;
    model::ParsedFeed parsed = parse::parse_document(r.body, hints);
    if (parsed.version.empty()) {
      job.error = parsed.bozo_exception.empty() ? "not a feed" : parsed.bozo_exception;
      return;
    }
    if (parsed.bozo) {
      job.warning = parsed.bozo_exception;
    }
    job.format = parsed.version;
    job.bozo = parsed.bozo;
    job.feed = normalise::normalise(parsed, *job.settings, job.clean);
  } catch (const std::exception& e) {
    // Out of memory and the like: this feed fails, the cycle goes on.
    job.feed.reset();
    job.error = std::string("internal error: ") + e.what();
  }
}

ParseWorkers::ParseWorkers(unsigned threads, std::size_t max_pending)
    : m_max_pending(max_pending == 0 ? 1 : max_pending) {
  for (unsigned i = 0; i < threads; ++i) {
    m_threads.emplace_back([this] { work(); });
  }
}

ParseWorkers::~ParseWorkers() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_work_cv.notify_all();
  for (std::thread& t : m_threads) {
    t.join();
  }
}

void ParseWorkers::submit(ParseJob job) {
  if (m_threads.empty()) {
    run_parse_job(job);
    std::lock_guard lock(m_mutex);
    m_finished.push_back(std::move(job));
    return;
  }
  std::unique_lock lock(m_mutex);
  m_done_cv.wait(lock, [this] { return m_pending < m_max_pending; });
  m_queue.push_back(std::move(job));
  ++m_pending;
  lock.unlock();
  m_work_cv.notify_one();
}

std::vector<ParseJob> ParseWorkers::take_finished() {
  std::lock_guard lock(m_mutex);
  std::vector<ParseJob> out;
  out.swap(m_finished);
  return out;
}

std::vector<ParseJob> ParseWorkers::wait_all() {
  std::unique_lock lock(m_mutex);
  m_done_cv.wait(lock, [this] { return m_pending == 0; });
  std::vector<ParseJob> out;
  out.swap(m_finished);
  return out;
}

void ParseWorkers::work() {
  for (;;) {
    std::unique_lock lock(m_mutex);
    m_work_cv.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
    if (m_queue.empty()) {
      return;  // stopping, and nothing left to do
    }
    ParseJob job = std::move(m_queue.front());
    m_queue.pop_front();
    lock.unlock();
    run_parse_job(job);
    lock.lock();
    m_finished.push_back(std::move(job));
    --m_pending;
    lock.unlock();
    m_done_cv.notify_all();
  }
}

}  // namespace orrery::app
