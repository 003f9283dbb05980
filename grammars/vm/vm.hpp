// SPDX-License-Identifier: MIT
// `!vm` (flags 0-f): counters, page files, banners, `!vm 4` sessions, per-process commit.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <array>
#include <optional>
#include <string_view>

namespace dbgsift::grammar {

// "!vm 4" -> the flags (empty when none were typed).
DBGSIFT_RULE(vm_command, std::optional<std::uint64_t>)

// Lines with nothing to keep but what they are: see ast::vm_marker_kind.
DBGSIFT_RULE(vm_marker, ast::vm_marker_kind)
// The words a marker line starts with after its blanks (grammars/vm/vm_def.hpp): the title's
// stars, maybe markdown-escaped, the first word of every other marker, or a debugger error's
// word. An error may instead follow an address ("fffff803`1234: Unable to ..."), and then the
// line holds one of vm_error_words. A parser tries the rule only on a line that does one or the
// other (tests/grammars/rule_starts_test.cpp): most lines of a !vm block are counters.
inline constexpr std::array<std::string_view, 6> vm_marker_openings = {
    "*", "\\*", "Terminal", "Session", "Pid", "Memory"};
inline constexpr std::array<std::string_view, 5> vm_error_words = {
    "Unimplemented", "Unable", "Error", "Incorrect", "ProcessCommitUsage"};

DBGSIFT_RULE(vm_counter, ast::vm_counter)
// True when a counter name is already in its key form: words one ' ' apart, no tab, no blank
// before or after ("NonPagedPool Usage", most names as printed). Such a name is its own key
// (counter_id) and its own tidy form (parse/vm.cpp): neither needs a copy a byte at a time.
inline bool one_blank_between_words(std::string_view name) {
    char previous = ' ';  // a name that starts with a blank is not in key form
    for (char const ch : name) {
        if (ch == '\t' || (ch == ' ' && previous == ' ')) {
            return false;
        }
        previous = ch;
    }
    return previous != ' ';  // an empty name neither
}

DBGSIFT_RULE(vm_bare_counter, ast::vm_bare_counter)
// Its name's words and its number hold no ':', which every other counter line has after its
// name: the parser tries the rule only on a line without one (tests/grammars/rule_starts_test.cpp).
inline constexpr char vm_bare_counter_never = ':';

DBGSIFT_RULE(vm_page_file, ast::vm_page_file)

DBGSIFT_RULE(vm_page_file_sizes, ast::vm_page_file_sizes)

DBGSIFT_RULE(vm_banner, ast::vm_banner)

DBGSIFT_RULE(vm_session_limit, ast::vm_session_limit)

DBGSIFT_RULE(vm_session_header, ast::vm_session_header)

DBGSIFT_RULE(vm_session_usage, ast::vm_session_usage)

DBGSIFT_RULE(vm_process_pages, ast::vm_process_pages)

DBGSIFT_RULE(vm_process_kb, ast::vm_process_kb)

} // namespace dbgsift::grammar
