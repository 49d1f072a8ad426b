#pragma once
// filters: what one run of one filter over one document comes to.

#include <string>

namespace orrery::filters {

struct Outcome {
  enum class Kind {
    output,   // `text` replaces the document
    drop,     // the filter printed nothing (or exited 1 without output): drop the entry
    failure,  // the filter failed: `reason` says how; the caller decides what happens
  };
  Kind kind = Kind::output;
  std::string text;
  std::string reason;
  std::string stderr_text;  // what the filter wrote to stderr, reported even on success
  bool timed_out = false;   // a failure at the time limit (the caller may stop running it)

  static Outcome output(std::string text) { return {Kind::output, std::move(text), {}, {}}; }
  static Outcome drop() { return {Kind::drop, {}, {}, {}}; }
  static Outcome failure(std::string reason) { return {Kind::failure, {}, std::move(reason), {}}; }
};

}  // namespace orrery::filters
