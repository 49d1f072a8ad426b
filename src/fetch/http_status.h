#pragma once
// The one-line error text for an HTTP status that is not a success ("HTTP 410 Gone").

#include <string>
#include <string_view>

namespace orrery::fetch {

// The RFC 9110 §15 reason phrase of `status` ("Not Found"), "" for a code it does not define.
std::string_view standard_reason(int status);

// "HTTP <status> <reason>": the standard phrase when there is one (HTTP/2 sends none, and
// servers' own phrases can be anything), else the server's phrase cut to printable ASCII and
// k_max_reason_length characters, else just "HTTP <status>".
std::string http_status_error(int status, std::string_view server_reason);

}  // namespace orrery::fetch
