#include "util/hash.h"

#include <cstdio>

namespace orrery::util {

namespace {

constexpr std::uint64_t k_fnv_offset = 14695981039346656037ULL;
constexpr std::uint64_t k_fnv_prime = 1099511628211ULL;

}  // namespace

std::uint64_t stable_hash(std::initializer_list<std::string_view> parts) {
  std::uint64_t h = k_fnv_offset;
  for (std::string_view part : parts) {
    for (char c : part) {
      h ^= static_cast<unsigned char>(c);
      h *= k_fnv_prime;
    }
    h *= k_fnv_prime;  // the 0 separator: h ^= 0 is a no-op
  }
  return h;
}

std::string stable_hash_hex(std::initializer_list<std::string_view> parts) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(stable_hash(parts)));
  return buf;
}

std::string stable_urn(std::string_view kind, std::initializer_list<std::string_view> parts) {
  std::uint64_t h = 14695981039346656037ULL;
  for (std::string_view part : parts) {
    for (char c : part) {
      h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    h = (h ^ 0xFFU) * 1099511628211ULL;  // separator: ("ab","c") and ("a","bc") differ
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return "urn:orrery:" + std::string(kind) + ":" + hex;
}

}  // namespace orrery::util
