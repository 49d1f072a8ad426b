#pragma once
// Every bound orrery puts on hostile input, in one place. Each has a name, a default and a test.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace orrery::model::limits {

using namespace std::chrono_literals;

// fetch/
inline constexpr std::size_t k_max_body_bytes = 16 * 1024 * 1024;  // after decompression
inline constexpr std::chrono::seconds k_connect_timeout = 10s;
inline constexpr std::chrono::seconds k_feed_timeout = 30s;  // Venus feed_timeout default
inline constexpr int k_max_redirects = 5;
inline constexpr std::size_t k_max_header_bytes = 64 * 1024;  // all headers of one response
inline constexpr int k_default_max_concurrency = 16;          // transfers in flight
inline constexpr int k_default_max_per_host = 4;
// Stacked Content-Encoding codings of one response ("gzip, gzip, ..."): each holds a decoder.
inline constexpr std::size_t k_max_content_codings = 5;
// One cycle's fetching as a whole: what is unfinished then is abandoned and reported, so a run
// from cron every 30 minutes never overlaps the next.
inline constexpr std::chrono::seconds k_cycle_deadline = 10min;
// A transfer slower than k_low_speed_bytes_per_second for k_low_speed_time is aborted (slowloris).
inline constexpr long k_low_speed_bytes_per_second = 256;
inline constexpr std::chrono::seconds k_low_speed_time = 15s;

// A PubSubHubbub hub's answer to a ping (204 No Content when all is well; app/hub_ping.cpp).
inline constexpr std::size_t k_max_hub_response_bytes = 64 * 1024;

// schedule/
// A Retry-After longer than this (or than max_poll_interval, if longer) is read as this: one
// server cannot switch a feed off.
inline constexpr std::chrono::hours k_max_retry_after{48};
// [Planet] min_poll_interval / max_poll_interval: defaults and the range a config may give.
inline constexpr std::chrono::seconds k_default_min_poll_interval{300};
inline constexpr std::chrono::seconds k_default_max_poll_interval{86400};
inline constexpr std::chrono::seconds k_min_poll_interval_floor{1};
inline constexpr std::chrono::seconds k_max_poll_interval_ceiling{30 * 86400};
// A feed that gives no hint (no max-age, Expires, ttl, sy:update*, posting rhythm) is polled
// this often (then clamped to the configured bounds).
inline constexpr std::chrono::seconds k_default_poll_interval{3600};
// A 410 Gone feed is polled every max_poll_interval times this.
inline constexpr int k_gone_factor = 7;
// The posting rhythm is read from at most this many of the feed's newest dated entries.
inline constexpr std::size_t k_rhythm_entries = 20;
// A feed that stays down is reported again (at warning level) at its first poll this long
// after the last report: about once a day, also when its backoff (at most max_poll_interval,
// jittered down by up to 10 %) polls it a little more often than daily.
inline constexpr std::chrono::hours k_failure_renotify{20};

// parse/
inline constexpr std::size_t k_max_document_bytes = k_max_body_bytes;
inline constexpr std::size_t k_max_entries_per_feed = 2000;
inline constexpr std::size_t k_max_xml_depth = 512;  // element nesting honoured by the parser
inline constexpr std::size_t k_max_field_bytes = 2 * 1024 * 1024;  // one text field
inline constexpr std::size_t k_max_attributes_per_element = 256;
// Namespace declarations (xmlns, xmlns:p) in one document; later ones are dropped.
inline constexpr std::size_t k_max_namespace_declarations = 1024;
inline constexpr std::size_t k_max_json_depth = 512;  // deeper JSON is refused before parsing
inline constexpr std::size_t k_max_date_bytes = 256;  // longer date text is not parsed
// A document that declares no encoding its bytes decode in: the charset detector (libuchardet)
// reads at most this many bytes of it.
inline constexpr std::size_t k_max_charset_detection_bytes = 256 * 1024;
// normalise/: each entry keeps a copy of its feed's metadata (its source, as Venus kept it), so
// a feed with huge metadata would be stored once per entry. A source keeps what fits in this
// many bytes of text (see normalise/as_stored.h for the order); the rest is left out.
inline constexpr std::size_t k_max_source_bytes = 16 * 1024;
// Pre-repair of broken XML (HTML entities mapped, bare & escaped) may grow the document by at
// most this factor; beyond it the document is parsed as it is.
inline constexpr std::size_t k_max_repair_growth = 4;
// Entities a document's internal DTD subset declares with a plain value are expanded (external
// ones never): at most this many declarations, producing this many bytes in all.
inline constexpr std::size_t k_max_entity_declarations = 1024;
inline constexpr std::size_t k_max_entity_expansion_bytes = 1024 * 1024;

// sanitise/
inline constexpr std::size_t k_max_html_depth = 256;  // deeper elements are flattened
inline constexpr std::size_t k_max_html_bytes = k_max_field_bytes;
// Nesting the pre-parse pass lets reach gumbo, whose parse time grows with depth squared.
inline constexpr std::size_t k_max_html_parse_depth = 2 * k_max_html_depth;
// Sanitising passes until the output is a fixed point; output still changing is kept as text.
inline constexpr std::size_t k_max_html_sanitise_passes = 4;

// config/
inline constexpr std::size_t k_max_config_bytes = 4 * 1024 * 1024;
// One physical line of an ini file.
inline constexpr std::size_t k_max_config_line_bytes = 64 * 1024;
// Rounds of ConfigParser %(key)s interpolation (Python 2's MAX_INTERPOLATION_DEPTH).
inline constexpr int k_max_config_interpolation_depth = 10;
inline constexpr std::size_t k_max_template_bytes = 4 * 1024 * 1024;
inline constexpr int k_max_template_include_depth = 16;
// A reading list (OPML, FOAF, CSV or ini subscription list named in the config): its body as
// fetched, and the feeds taken from it (later ones are left out with a warning).
inline constexpr std::size_t k_max_reading_list_bytes = 4 * 1024 * 1024;
inline constexpr std::size_t k_max_reading_list_feeds = 10'000;

// render/
// TMPL_IF / TMPL_UNLESS / TMPL_LOOP blocks open at once in one template file: the parser and the
// renderer recurse once per level, so a hostile or broken theme cannot exhaust the stack.
inline constexpr int k_max_template_nesting = 64;
// Archive pages (render/, docs/theme.md): the stored entries they are made of, newest first;
// older ones stay in the store and leave the pages. Bounds the pages one run writes.
inline constexpr std::size_t k_max_archive_entries = 20'000;
// A month page of the archive holds at most this many entries; a busier month continues on
// archive/YYYY/MM-2.html, MM-3.html … (counted from the month's oldest entry, so new entries
// change only its last part). Bounds the memory of one page.
inline constexpr std::size_t k_max_month_page_entries = 250;
// A feed's page shows its newest entries, at most this many; its older ones are on the month
// pages.
inline constexpr std::size_t k_max_feed_page_entries = 100;
// Fold a long post after this many bytes of text at most (the `fold_after` option).
inline constexpr std::size_t k_max_fold_after = 1'000'000;
// XSLT themes: nested template instantiations (xsl:apply-templates / xsl:call-template depth,
// libxslt's maxTemplateDepth) and live variables (maxTemplateVars), so a recursive stylesheet
// stops with an error instead of exhausting the stack or memory.
inline constexpr int k_max_xslt_template_depth = 1000;
inline constexpr int k_max_xslt_template_vars = 15'000;

// filters/ (one run of one filter over one entry or one output file)
// A filter process still running after this long is killed (its whole process group) and the
// run fails. Venus had no bound: one hung filter stopped the planet.
inline constexpr std::chrono::seconds k_filter_timeout = 30s;
// A filter's stdout beyond this many bytes: the process is killed and the run fails.
inline constexpr std::size_t k_max_filter_output_bytes = k_max_body_bytes;
// A filter's stderr is kept up to this many bytes for the report; the rest is read and dropped.
inline constexpr std::size_t k_max_filter_stderr_bytes = 64 * 1024;
// PCRE2's match limit for the regexp sifter (`filter`, `exclude`, regexp_sifter.py): a pattern
// that backtracks more than this on one entry fails the run instead of hanging it.
inline constexpr std::uint32_t k_max_filter_regex_match_steps = 10'000'000;
// Filters in one chain (Planet's, the sifters and a feed's own): a longer list is a config error.
inline constexpr std::size_t k_max_filters_per_chain = 64;

// app/ retention (expunge): the largest cache_keep_entries and cache_keep_days accepted, so a
// typo cannot overflow the age arithmetic (a million entries per feed, about 2,700 years).
inline constexpr std::size_t k_max_cache_keep_entries = 1'000'000;
inline constexpr std::size_t k_max_cache_keep_days = 1'000'000;

}  // namespace orrery::model::limits
