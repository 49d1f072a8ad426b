#pragma once
// import-venus: reads a Planet Venus cache directory into the store, so operators switching
// from Venus keep their history. Venus's layout (planet/spider.py): one Atom <entry> document
// per entry at CACHE/NAME, NAME being venus_cache_name(entry id), its mtime the entry's date;
// CACHE/sources/NAME(feed URL) holds each subscription's channel metadata, an Atom <feed>
// without entries. Every entry carries its feed's <source>, whose <id> is that feed's id.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "app/cycle.h"
#include "config/config.h"
#include "util/result.h"

namespace orrery::app {

struct VenusImportReport {
  int files = 0;         // entry files read
  int added = 0;         // entries new to the store
  int updated = 0;       // stored entries changed in place (a newer copy)
  int unchanged = 0;     // already stored (a second import adds nothing)
  int unattributed = 0;  // of those read, entries of feeds not in the config (kept, see below)
  int unreadable = 0;    // files that are not an Atom entry (left out; each logged as a warning)
};

// The file name Venus gives an entry id or feed URL in its cache (spider.filename()): the
// scheme (with its slashes and a following "www." or "user:") removed, each run of ? / : |
// turned into a comma, leading and trailing commas and dots removed; in a name longer than 250
// bytes the comma-separated parts after the first 220 bytes are replaced by their MD5. Non-ASCII
// hosts are not IDNA-encoded (Venus does): such feeds are matched by their <source> link.
std::string venus_cache_name(std::string_view id);

// Imports every entry of `cache_dir`, each attributed to its subscription (by the <source> id
// of the feed's sources/ file, else by the <source>'s self link or Venus's planet:http_location
// equal to the feed URL). An entry of a feed no longer in the config is kept too, as Venus kept
// it until expunged: stored under its <source>'s self link (else planet:http_location, else its
// id), hidden from the page unless that feed is subscribed again, removed by expunge. Each entry
// goes through normalise() as a fetched one does, keeping its <source> and planet: metadata,
// with first-seen = the entry's updated date, else published, else the file's mtime (never
// later than now). Takes the run
// lock and stores everything in one batch. Idempotent: importing twice adds nothing. Errors:
// the lock is held (Kind::locked); the directory is unreadable, the database broken (fatal).
util::Result<VenusImportReport, CycleError> import_venus(const config::Config& config,
                                                         const std::filesystem::path& cache_dir);

}  // namespace orrery::app
