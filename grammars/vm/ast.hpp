// SPDX-License-Identifier: MIT
// Row shapes of `!vm` output, as the text has them; parse/vm.cpp gives them meaning.
#pragma once
#include "../source.hpp"
#include "../text_range.hpp"
#include "../../src/dbgsift/model/vm.hpp"  // VmCounterId: the closed set, named once in the model
#include <cstdint>
#include <optional>
#include <string>

namespace dbgsift::grammar::ast {

// What a line with nothing else to keep is (vm_marker).
enum class vm_marker_kind {
    title,            // "*** Virtual Memory Usage ***"
    sessions,         // "Terminal Server Memory Usage By Session:"
    session_summary,  // "Session Summary"
    process_table,    // "Pid ImageName Commit SharedCommit Debt"
    thread_stacks,    // "Memory Management Thread Stacks:" (flag 2)
    debugger_error,   // "Unimplemented error for MiSystemVaTypeCount"
};
enum class page_file_sizes_kind { current_and_free, minimum_and_maximum };
enum class banner_kind {
    failed_allocations,  // "********** 429 pool allocations have failed **********"
    session_failures,    // "*** 7837 Pool Allocation Failures ***"
    excessive_nonpaged,  // "********** Excessive NonPaged Pool Usage *****"
    excessive_paged,     // "********** Excessive Paged Pool Usage *****"
    commit_near_limit,   // "********** Number of committed pages is near limit ********"
    stack_pte_failures,  // "******* 67968 kernel stack PTE allocations have failed ******"
    stack_growth_failures,  // "******* 459598336 kernel stack growth attempts have failed ******"
    commit_failures,     // "******* 48000 commit requests have failed ******"
    other,               // any other banner
};
enum class session_limit_kind { paged_pool, view_space };
enum class session_usage_kind { paged_pool, nonpaged, commit };

// "NonPagedPool Usage:   13183 (   52732 Kb)"; the name keeps inner blanks, trimmed later,
// a range into the line: a known counter is named by its id, only another one by its text.
// `id` is which counter the name is (other when dbgsift has no use for it), set by the rule.
struct vm_counter : source_span {
    text_range name;
    std::uint64_t pages = 0;
    std::uint64_t kb = 0;
    model::VmCounterId id = model::VmCounterId::other;
    bool name_tidy = false;  // the name is in key form already (grammar::one_blank_between_words)
};

// "Syspart SharedCommit 0": a counter printed without the (Kb) part.
struct vm_bare_counter : source_span {
    text_range name;
    std::uint64_t value = 0;
    model::VmCounterId id = model::VmCounterId::other;
    bool name_tidy = false;  // as vm_counter's
};

// "Page File: \??\C:\pagefile.sys", or "No Name for Paging File" (path left empty).
struct vm_page_file : source_span {
    bool named = true;
    std::string path;
};

// "Current:   4193784 Kb  Free Space:   4193780 Kb" or "Minimum:     98304Kb Maximum:       196608Kb".
struct vm_page_file_sizes : source_span {
    page_file_sizes_kind kind = page_file_sizes_kind::current_and_free;
    std::uint64_t first_kb = 0;
    std::uint64_t second_kb = 0;
};

// "********** 429 pool allocations have failed **********", "*** 7837 Pool Allocation Failures ***", ...
struct vm_banner : source_span {
    banner_kind kind = banner_kind::other;
    std::optional<std::uint64_t> count;
    std::string text;  // between the stars, trimmed later
};

// "Session Paged Pool Maximum is 32768K", "Session View Space Maximum is 20480K".
struct vm_session_limit : source_span {
    session_limit_kind kind = session_limit_kind::paged_pool;
    std::uint64_t kb = 0;
};

// "Session ID 9 @ f79b5000:" (the debugger prints the id in hex).
struct vm_session_header : source_span {
    std::uint64_t id = 0;
    std::uint64_t address = 0;
};

// "Paged Pool Usage:    32552K", "NonPaged Usage:  316 Kb", "Commit Usage: 33652K".
struct vm_session_usage : source_span {
    session_usage_kind kind = session_usage_kind::paged_pool;
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
