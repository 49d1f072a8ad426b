#pragma once
// The one URL policy: which URLs may appear in any output (a page, a feed, `parse --json`).
// Everyone who writes a URL calls it: sanitise/ (href and src in content), normalise/ (every
// URL-valued field), document/ and render/ (every URL they write or hand to a template).
// docs/safety.md explains the choices.

#include <optional>
#include <string>
#include <string_view>

namespace orrery::util {

// Where a URL will be used.
enum class UrlUse {
  link,      // followed by a reader: alternate and related links, author and generator URIs,
             // comments: http, https, ftp, mailto
  resource,  // fetched or resolved against: enclosures, images, icons, logos, xml:base, feed
             // and hub URLs: http, https, ftp
};

// Whether a relative reference (no scheme) passes.
enum class RelativeUrl { reject, keep };

// The scheme a browser would act on, lower-cased: judged after removing ASCII whitespace and
// control characters and decoding character references (`&colon;`, `&#x3a;`, `&Tab;`) and
// percent-escapes before the first ':', so `java&#x09;script&colon;` is "javascript".
// "" for a relative reference (no ':' before the first '/', '?' or '#'); nullopt when the text
// before the colon is not a scheme at all (`&bogus;x:`), which no policy lets through.
std::optional<std::string> effective_scheme(std::string_view url);

// True when `scheme` (lower case, as effective_scheme gives it) is allowed for `use`.
bool is_allowed_scheme(std::string_view scheme, UrlUse use);

// `url` fit for `use`: trimmed, with ASCII tab, CR and LF removed (browsers drop them anywhere
// in a URL), or "" when its effective scheme is not allowed for `use`, or when it is relative and
// `relative` is reject. An accepted URL always has an allowed effective scheme or none.
std::string allowed_url(std::string_view url, UrlUse use,
                        RelativeUrl relative = RelativeUrl::reject);

// An identifier (guid, atom:id: `tag:`, `urn:`, a URL, any text) fit to be written where a reader
// may take it for a URL (rdf:about, a permalink guid): `id` unless its effective scheme cannot be
// read or is one that runs script or carries a document (javascript, vbscript, livescript,
// data); "" then.
std::string safe_identifier(std::string_view id);

// A MIME type fit for a `type` attribute: `type/subtype` (RFC 9110 tokens), lower-cased, its
// parameters and surrounding space dropped; "" when `text` is not one (`"><script>`, `audio`).
std::string media_type(std::string_view text);

}  // namespace orrery::util
