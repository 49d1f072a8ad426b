#pragma once
// A stable, non-cryptographic hash for identity keys (FNV-1a, 64 bits). Stable across builds,
// platforms and versions: stored keys depend on it, so it must never change.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace orrery::util {

// FNV-1a 64 of the concatenation of `parts`, each followed by a 0 byte so that moving text
// from one part to the next changes the hash.
std::uint64_t stable_hash(std::initializer_list<std::string_view> parts);

// The hash as 16 lower-case hex digits.
std::string stable_hash_hex(std::initializer_list<std::string_view> parts);

// An id for something published with neither id nor link (a planet without `link`, an entry
// without id): urn:orrery:KIND:<FNV-1a 64 of the parts, each followed by a 0xFF byte>, as 16 hex
// digits. Feed readers keep these ids: the rule must never change.
std::string stable_urn(std::string_view kind, std::initializer_list<std::string_view> parts);

}  // namespace orrery::util
