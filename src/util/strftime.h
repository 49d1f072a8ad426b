#pragma once
// The one strftime call of orrery: format_strftime (util/time.h, UTC) and its zoned twin
// (util/time_zone.h) fill a broken-down time and share this.

#include <ctime>
#include <string>

namespace orrery::util {

// strftime with the C locale of a broken-down time the caller filled (UTC or a zone's wall
// clock). The buffer grows as the output needs, up to 256 bytes per format character plus
// 4 KiB; empty when the output is empty or longer than that.
std::string format_strftime_tm(const std::tm& tm, const std::string& format);

}  // namespace orrery::util
