#pragma once
// Which addresses count as private networks, and URL origins, for the check libcurl's
// open-socket callback makes on every resolved address (issue 5, "Private networks").

#include <optional>
#include <string>

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
