#include "fetch/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "fetch/curl_handles.h"
#include "util/strings.h"

namespace orrery::fetch {

namespace {

struct V4Block {
  std::uint32_t network;
  int prefix;
};

constexpr std::uint32_t ip4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

constexpr std::array<V4Block, 11> k_private_v4 = {{
    {ip4(0, 0, 0, 0), 8},       // "this network"
    {ip4(10, 0, 0, 0), 8},      // RFC 1918
    {ip4(100, 64, 0, 0), 10},   // CGNAT, RFC 6598
    {ip4(127, 0, 0, 0), 8},     // loopback
    {ip4(169, 254, 0, 0), 16},  // link-local
    {ip4(172, 16, 0, 0), 12},   // RFC 1918
    {ip4(192, 0, 0, 0), 24},    // IETF protocol assignments
    {ip4(192, 168, 0, 0), 16},  // RFC 1918
    {ip4(198, 18, 0, 0), 15},   // benchmarking
    {ip4(224, 0, 0, 0), 4},     // multicast
    {ip4(240, 0, 0, 0), 4},     // reserved, and the limited broadcast address
}};

bool is_private_v4(std::uint32_t host_order) {
  for (const auto& block : k_private_v4) {
    const std::uint32_t mask = ~std::uint32_t{0} << (32 - block.prefix);
    if ((host_order & mask) == block.network) {
      return true;
    }
  }
  return false;
}

std::uint32_t v4_at(const std::uint8_t* b) {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         std::uint32_t{b[3]};
}

bool all_zero(const std::uint8_t* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (b[i] != 0) {
      return false;
    }
  }
  return true;
}

bool is_private_v6(const std::uint8_t* b) {
  static constexpr std::uint8_t k_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr std::uint8_t k_nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, k_mapped, 12) == 0 || std::memcmp(b, k_nat64, 12) == 0 ||
      all_zero(b, 12)) {  // IPv4-mapped, NAT64, IPv4-compatible (and ::, ::1)
    return all_zero(b, 16) || is_private_v4(v4_at(b + 12)) || all_zero(b, 15);
  }
  if (b[0] == 0x20 && b[1] == 0x02) {  // 6to4: 2002:V4ADDR::/48
    return is_private_v4(v4_at(b + 2));
  }
  return (b[0] & 0xfe) == 0xfc                       // ULA fc00::/7
         || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)  // link-local fe80::/10
         || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)  // site-local fec0::/10
         || b[0] == 0xff;                            // multicast
}

// One part of an IPv4 literal as libcurl's URL parser reads it (strtoul with base 0): "0x"
// then hex digits, "0" then octal digits, or decimal digits. nullopt when `part` is not one, or
// its value does not fit in 32 bits.
std::optional<std::uint32_t> v4_part(std::string_view part) {
  unsigned base = 10;
  if (part.size() > 1 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    base = 16;
    part.remove_prefix(2);
  } else if (part.size() > 1 && part[0] == '0') {
    base = 8;
    part.remove_prefix(1);
  }
  if (part.empty()) {
    return std::nullopt;  // "0x" alone, or an empty part ("127..1", "10.")
  }
  std::uint64_t value = 0;
  for (char c : part) {
    unsigned digit = 16;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    }
    if (digit >= base) {
      return std::nullopt;
    }
    value = value * base + digit;
    if (value > 0xffffffffu) {
      return std::nullopt;
    }
  }
  return static_cast<std::uint32_t>(value);
}

// An IPv4 literal in host byte order: one to four parts, the last one filling every byte the
// others leave ("127.1" is 127.0.0.1, "10.1.2" is 10.1.0.2). nullopt when `host` is a name.
std::optional<std::uint32_t> v4_literal(std::string_view host) {
  std::uint32_t parts[4] = {};
  std::size_t count = 0;
  for (;;) {
    const std::size_t dot = host.find('.');
    if (count == 4) {
      return std::nullopt;
    }
    const auto part = v4_part(host.substr(0, dot));
    if (!part) {
      return std::nullopt;
    }
    parts[count++] = *part;
    if (dot == std::string_view::npos) {
      break;
    }
    host.remove_prefix(dot + 1);
  }
  std::uint32_t address = 0;
  for (std::size_t i = 0; i + 1 < count; ++i) {
    if (parts[i] > 0xff) {
      return std::nullopt;
    }
    address |= parts[i] << (24 - 8 * i);
  }
  const std::size_t last_bits = 32 - 8 * (count - 1);
  if (last_bits < 32 && parts[count - 1] >> last_bits != 0) {
    return std::nullopt;
  }
  return address | parts[count - 1];
}

bool is_localhost_name(std::string_view host) {
  constexpr std::string_view k_name = "localhost";
  constexpr std::string_view k_suffix = ".localhost";
  return host == k_name ||
         (host.size() > k_suffix.size() && host.substr(host.size() - k_suffix.size()) == k_suffix);
}

}  // namespace

bool is_private_address(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    sockaddr_in v4;
    std::memcpy(&v4, address, sizeof v4);
    return is_private_v4(ntohl(v4.sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 v6;
    std::memcpy(&v6, address, sizeof v6);
    return is_private_v6(v6.sin6_addr.s6_addr);
  }
  return true;
}

std::string address_text(const sockaddr* address) {
  char buf[INET6_ADDRSTRLEN] = "?";
  if (address->sa_family == AF_INET) {
    sockaddr_in v4;
    std::memcpy(&v4, address, sizeof v4);
    ::inet_ntop(AF_INET, &v4.sin_addr, buf, sizeof buf);
  } else if (address->sa_family == AF_INET6) {
    sockaddr_in6 v6;
    std::memcpy(&v6, address, sizeof v6);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, buf, sizeof buf);
  }
  return buf;
}

std::optional<std::string> private_literal_host(std::string_view host) {
  std::string name = util::to_lower(host);
  if (!name.empty() && name.back() == '.') {
    name.pop_back();  // "localhost." and "127.0.0.1." are the same host to a resolver
  }
  if (is_localhost_name(name)) {
    return name;
  }
  if (const auto v4 = v4_literal(name)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(*v4);
    const auto* sa = reinterpret_cast<const sockaddr*>(&address);
    return is_private_address(sa) ? std::optional(address_text(sa)) : std::nullopt;
  }
  std::string_view v6 = name;
  if (v6.size() > 2 && v6.front() == '[' && v6.back() == ']') {
    v6 = v6.substr(1, v6.size() - 2);
  }
  v6 = v6.substr(0, v6.find('%'));  // a zone id ("%25eth0") names an interface, not an address
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  if (v6.find(':') == std::string_view::npos ||
      ::inet_pton(AF_INET6, std::string(v6).c_str(), &address.sin6_addr) != 1) {
    return std::nullopt;
  }
  const auto* sa = reinterpret_cast<const sockaddr*>(&address);
  return is_private_address(sa) ? std::optional(address_text(sa)) : std::nullopt;
}

std::optional<Origin> origin_of(const std::string& url) {
  UrlHandle handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  Origin origin;
  const std::pair<CURLUPart, std::string*> parts[] = {{CURLUPART_SCHEME, &origin.scheme},
                                                      {CURLUPART_HOST, &origin.host},
                                                      {CURLUPART_PORT, &origin.port}};
  for (const auto& [part, out] : parts) {
    char* value = nullptr;
    if (curl_url_get(handle.get(), part, &value, CURLU_DEFAULT_PORT) != CURLUE_OK) {
      return std::nullopt;
    }
    *out = util::to_lower(value);
    curl_free(value);
  }
  return origin;
}

}  // namespace orrery::fetch
