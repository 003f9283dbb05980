// SPDX-License-Identifier: MIT
// Row shapes of `!vm` output, as the text has them; parse/vm.cpp gives them meaning.
#pragma once
#include "../source.hpp"
#include <cstdint>
#include <optional>
#include <string>

namespace dbgsift::grammar::ast {

// "NonPagedPool Usage:   13183 (   52732 Kb)"; the name keeps inner blanks, trimmed later.
struct vm_counter : source_span {
    std::string name;
    std::uint64_t pages = 0;
    std::uint64_t kb = 0;
};

// "Syspart SharedCommit 0": a counter printed without the (Kb) part.
struct vm_bare_counter : source_span {
    std::string name;
    std::uint64_t value = 0;
};

// "Page File: \??\C:\pagefile.sys", or "No Name for Paging File" (path left empty).
struct vm_page_file : source_span {
    bool named = true;
    std::string path;
};

// "Current:   4193784 Kb  Free Space:   4193780 Kb" (kind 'c') or
// "Minimum:     98304Kb Maximum:       196608Kb" (kind 'm').
struct vm_page_file_sizes : source_span {
    char kind = 'c';
    std::uint64_t first_kb = 0;
    std::uint64_t second_kb = 0;
};

// "********** 429 pool allocations have failed **********" (kind 'f'),
// "*** 7837 Pool Allocation Failures ***" (kind 's'),
// "********** Excessive NonPaged Pool Usage *****" ('n'), "... Excessive Paged Pool Usage ..." ('p'),
// "... Number of committed pages is near limit ..." ('c'), "N kernel stack PTE allocations have
// failed" ('k'), "N kernel stack growth attempts have failed" ('g'), "N commit requests have
// failed" ('r'), any other banner ('w').
struct vm_banner : source_span {
    char kind = 'w';
    std::optional<std::uint64_t> count;
    std::string text;  // between the stars, trimmed later
};

// "Session Paged Pool Maximum is 32768K" (kind 'p'), "Session View Space Maximum is 20480K" ('v').
struct vm_session_limit : source_span {
    char kind = 'p';
    std::uint64_t kb = 0;
};

// "Session ID 9 @ f79b5000:" (the debugger prints the id in hex).
struct vm_session_header : source_span {
    std::uint64_t id = 0;
    std::uint64_t address = 0;
};

// "Paged Pool Usage:    32552K" ('p'), "NonPaged Usage:  316 Kb" ('n'), "Commit Usage: 33652K" ('c').
struct vm_session_usage : source_span {
    char kind = 'p';
    std::uint64_t kb = 0;
};

// "         0a6c svchost.exe     12345 (   49380 Kb)": per-process commit, older `!vm`.
struct vm_process_pages : source_span {
    std::uint64_t pid = 0;
    std::string image;
    std::uint64_t pages = 0;
    std::uint64_t kb = 0;
};

// "  81c MsMpEng.exe        112764 Kb        7400 Kb        0 Kb": newer `!vm` table
// with the "Pid ImageName Commit SharedCommit Debt" header.
struct vm_process_kb : source_span {
    std::uint64_t pid = 0;
    std::string image;
    std::uint64_t commit_kb = 0;
    std::uint64_t shared_commit_kb = 0;
    std::uint64_t debt_kb = 0;
};

} // namespace dbgsift::grammar::ast
