#pragma once
// URL helpers: RFC 3986 reference resolution and the few component queries orrery needs.
// Strings in, strings out: orrery never needs a URL object that outlives one call.

#include <string>
#include <string_view>

namespace orrery::util {

// The scheme of an absolute URL, lower-cased ("https"), or "" when `url` has none.
std::string url_scheme(std::string_view url);

// True when `url` starts with a scheme ("http:", "mailto:", "tag:").
bool is_absolute_url(std::string_view url);

// Resolves `reference` against `base` (RFC 3986 §5.2, with dot-segment removal).
// An absolute reference is returned as is; with an empty or non-absolute base, `reference` is
// returned unchanged. Surrounding whitespace is trimmed from both.
std::string resolve_url(std::string_view base, std::string_view reference);

// The host of an absolute hierarchical URL, lower-cased, without userinfo or port; "" if none.
std::string url_host(std::string_view url);

// scheme://host[:port] of an absolute URL ("" when it has no authority). The port is kept only
// when given; default ports are not added.
std::string url_origin(std::string_view url);

}  // namespace orrery::util
