#pragma once
// Which addresses count as private networks, and URL origins, for the check libcurl's
// open-socket callback makes on every resolved address (issue 5, "Private networks").

#include <optional>
#include <string>
#include <string_view>

struct sockaddr;

namespace orrery::fetch {

// True for addresses no public feed has: loopback (127/8, ::1), "this network" (0/8, ::),
// RFC 1918 (10/8, 172.16/12, 192.168/16), CGNAT (100.64/10, RFC 6598), link-local
// (169.254/16, fe80::/10), IETF protocol assignments (192.0.0/24), benchmarking (198.18/15),
// multicast and reserved (224/4, 240/4, ff00::/8), ULA (fc00::/7), site-local (fec0::/10), and
// every IPv6 form that embeds an IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-compatible
// ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) when the embedded address is private. Address
// families other than IPv4 and IPv6 count as private.
bool is_private_address(const sockaddr* address);

// The numeric text of an IPv4 or IPv6 address ("10.0.0.1", "::1"), "?" for other families.
std::string address_text(const sockaddr* address);

// What a URL's host says about its address without resolving it, for a transfer through a
// proxy (the socket then goes to the proxy, which resolves the name itself). Returns the
// address as numeric text ("127.0.0.1", "::ffff:127.0.0.1") when `host` is an IP literal that
// is_private_address refuses, in any spelling libcurl's URL parser reads as one: dotted quads,
// the short forms "127.1" and "10.1.2" (the last part fills the remaining bytes), one 32-bit
// number ("2130706433"), hexadecimal ("0x7f000001") and octal ("0177.0.0.1") parts; IPv6 with
// or without brackets, with or without a zone id ("[fe80::1%25eth0]"). Returns `host` in lower
// case for "localhost" and names under ".localhost" (RFC 6761 §6.3). One trailing dot and case
// are ignored. nullopt for a public literal and for every other name: only a resolver can tell
// where a name points, and none is called here (getaddrinfo would block the multi loop).
std::optional<std::string> private_literal_host(std::string_view host);

// RFC 6454 origin: lower-case scheme and host, and the port (the scheme's default if absent).
struct Origin {
  std::string scheme;
  std::string host;
  std::string port;
  bool operator==(const Origin&) const = default;
};

// The origin of an absolute URL; nullopt when libcurl cannot parse it.
std::optional<Origin> origin_of(const std::string& url);

}  // namespace orrery::fetch
