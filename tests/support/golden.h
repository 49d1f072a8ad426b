#pragma once
// Golden files: compare output with tests/data/<module>/<name>, or rewrite the golden file when
// ORRERY_UPDATE_GOLDEN=1 is set (then review the diff before committing).

#include <string_view>

namespace orrery::test {

// EXPECTs that `actual` equals the golden file tests/data/<relative>; rewrites it instead when
// ORRERY_UPDATE_GOLDEN=1.
void expect_golden(std::string_view relative, std::string_view actual);

}  // namespace orrery::test
