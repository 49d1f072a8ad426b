#pragma once
// filters: `.xslt` filters through libxslt, in process (Venus's xslt shell). The stylesheet may
// read files (xsl:include, document()) but never write files, create directories or use the
// network, the same rules as an XSLT theme.

#include <filesystem>
#include <memory>
#include <string_view>

#include "filters/outcome.h"
#include "filters/spec.h"
#include "util/result.h"

namespace orrery::filters {

class Stylesheet {
 public:
  // Compiles the stylesheet at `path`. Fails with one line naming the file and libxslt's first
  // complaint.
  static util::Result<std::shared_ptr<const Stylesheet>> load(const std::filesystem::path& path);

  // Applies the stylesheet to `input` with every option as a string parameter ($key). The
  // serialised result replaces the input; an empty result drops it. Fails when the input is not
  // well-formed XML or the transformation reports an error. Safe to call from several threads.
  Outcome apply(std::string_view input, const Options& params) const;

  ~Stylesheet();
  Stylesheet(const Stylesheet&) = delete;
  Stylesheet& operator=(const Stylesheet&) = delete;

 private:
  struct Impl;
  explicit Stylesheet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace orrery::filters
