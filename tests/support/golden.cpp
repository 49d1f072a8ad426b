#include "support/golden.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace orrery::test {

void expect_golden(std::string_view relative, std::string_view actual) {
  std::filesystem::path path = data_path(relative);
  const char* update = std::getenv("ORRERY_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream out(path, std::ios::binary);
    out.write(actual.data(), static_cast<std::streamsize>(actual.size()));
    ASSERT_TRUE(out.good()) << "cannot rewrite golden file " << path;
    return;
  }
  std::string expected = slurp(path);
  EXPECT_EQ(expected, std::string(actual))
      << "golden file " << path << " differs (ORRERY_UPDATE_GOLDEN=1 rewrites it)";
}

}  // namespace orrery::test
