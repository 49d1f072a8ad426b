#pragma once
// Owning handles for libcurl's C objects (internal to fetch/: includes <curl/curl.h>).

#include <curl/curl.h>

#include <memory>

namespace orrery::fetch {

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

// Makes sure curl_global_init has run exactly once for the process, and that
// curl_global_cleanup runs at exit (after every Fetcher is gone: the guard is a function-local
// static built before the first of them). Throws std::runtime_error when initialisation failed.
void ensure_curl_global();

// Appends `line` to `list` (which may be empty); throws std::bad_alloc when libcurl cannot.
void slist_append(Slist& list, const char* line);

}  // namespace orrery::fetch
