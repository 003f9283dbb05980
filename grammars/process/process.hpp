// SPDX-License-Identifier: MIT
// `!process 0 0` / `0 1` / `0 7` and `!sprocess` rows: the PROCESS header lines, the
// detail rows of the richer flags, the THREAD lines (counted), and rows known to carry
// nothing dbgsift models (skipped without a diagnostic).
#pragma once
#include "../config.hpp"
#include "../text_range.hpp"
#include "ast.hpp"

#include <string_view>

namespace dbgsift::grammar {

// Each rule below reads a line only when its first byte after the blanks is one of its
// *_starts (tests/grammars/rule_starts_test.cpp): the !process and !handle parsers try it on
// no other line (LineAttempts::may_start).
DBGSIFT_RULE(process_header, ast::process_header)
inline constexpr std::string_view process_header_starts = "P";  // PROCESS

DBGSIFT_RULE(process_ids, ast::process_ids)
inline constexpr std::string_view process_ids_starts = "SsC";  // SessionId (any case), Cid

DBGSIFT_RULE(process_tables, ast::process_tables)
inline constexpr std::string_view process_tables_starts = "D";  // DirBase

// "Image: AppB.exe" -> "AppB.exe", as a range into the line (blanks at the end are the
// caller's to trim: it copies the name once, trimmed, into the Process).
DBGSIFT_RULE(process_image, text_range)
inline constexpr std::string_view process_image_starts = "I";  // Image

DBGSIFT_RULE(process_vad, ast::process_vad)

DBGSIFT_RULE(process_time, ast::process_time)

DBGSIFT_RULE(process_quota, ast::process_quota)

DBGSIFT_RULE(process_working_set, ast::process_working_set)

DBGSIFT_RULE(process_size, ast::process_size)

DBGSIFT_RULE(process_counter, ast::process_counter)

// "THREAD fb667780 Cid 2.1 Teb: ..." -> the ETHREAD address.
DBGSIFT_RULE(thread_line, std::uint64_t)

// Rows dbgsift does not model ("DeviceMap ...", "Token ...", "DeepFreeze", the
// "**** NT ACTIVE PROCESS DUMP ****" banner, `!sprocess` session lines): the keyword.
DBGSIFT_RULE(process_unmodelled, std::string)

} // namespace dbgsift::grammar
