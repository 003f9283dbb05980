// SPDX-License-Identifier: MIT
// The debugger's "Debug session time:" text as a moment: the one date reading shared by the
// snapshot book (rates per hour) and by case ordering (cases/identity.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace dbgsift::segment {

// "Thu Jan 17 10:58:58.567 2019 (UTC + 9:00)" -> milliseconds since 1970-01-01 UTC, the
// printed offset applied; nullopt when the text is not a valid date.
std::optional<std::int64_t> session_time_utc_ms(std::string_view text);

} // namespace dbgsift::segment
