#include "fetch/curl_handles.h"

#include <new>
#include <stdexcept>

namespace orrery::fetch {

namespace {

class CurlGlobal {
 public:
  CurlGlobal() : m_code(curl_global_init(CURL_GLOBAL_DEFAULT)) {}
  ~CurlGlobal() {
    if (m_code == CURLE_OK) {
      curl_global_cleanup();
    }
  }
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
  CURLcode code() const { return m_code; }

 private:
  CURLcode m_code;
};

}  // namespace

void ensure_curl_global() {
  static const CurlGlobal guard;
  if (guard.code() != CURLE_OK) {
    throw std::runtime_error(std::string("fetch: curl_global_init failed: ") +
                             curl_easy_strerror(guard.code()));
  }
}

void slist_append(Slist& list, const char* line) {
  curl_slist* grown = curl_slist_append(list.get(), line);
  if (grown == nullptr) {
    throw std::bad_alloc();
  }
  (void)
      list.release();  // curl_slist_append returned the same head (or a new one for an empty list)
  list.reset(grown);
}

}  // namespace orrery::fetch
