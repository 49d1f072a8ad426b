#include "fetch/http_status.h"

#include <array>
#include <utility>

namespace orrery::fetch {

namespace {

constexpr std::size_t k_max_reason_length = 64;

constexpr std::array<std::pair<int, std::string_view>, 45> k_reasons = {{
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {305, "Use Proxy"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {418, "I'm a teapot"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Content"},
    {423, "Locked"},
    {425, "Too Early"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {451, "Unavailable For Legal Reasons"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
    {507, "Insufficient Storage"},
    {508, "Loop Detected"},
    {511, "Network Authentication Required"},
}};

}  // namespace

std::string_view standard_reason(int status) {
  for (const auto& [code, reason] : k_reasons) {
    if (code == status) {
      return reason;
    }
  }
  return "";
}

std::string http_status_error(int status, std::string_view server_reason) {
  std::string out = "HTTP " + std::to_string(status);
  std::string_view reason = standard_reason(status);
  std::string cleaned;
  if (reason.empty()) {
    for (char c : server_reason) {
      if (cleaned.size() == k_max_reason_length) {
        break;
      }
      cleaned.push_back(c >= 0x20 && c < 0x7f ? c : '?');
    }
    reason = cleaned;
  }
  if (!reason.empty()) {
    out.append(" ").append(reason);
  }
  return out;
}

}  // namespace orrery::fetch
