// SPDX-License-Identifier: MIT
// Row shapes of `!process` / `!sprocess` output, as the text lays them out.
#pragma once
#include "../source.hpp"
#include <cstdint>
#include <optional>
#include <string>

namespace dbgsift::grammar::ast {

// "SessionId: 2  Cid: 1bf4    Peb: 7ffdf000  ParentCid: 1688" (alone on the second line in
// the newer layout, or after the address on the PROCESS line).
struct process_ids : source_span {
    std::optional<std::uint64_t> session_id;  // empty for "none" and for NT4 (no SessionId)
    std::uint64_t cid = 0;
    std::uint64_t peb = 0;
    std::uint64_t parent_cid = 0;
};

// "PROCESS d2b85360  SessionId: 2  Cid: 1bf4 ..." or just "PROCESS ffffe00000d52900".
struct process_header : source_span {
    std::uint64_t address = 0;
    std::optional<process_ids> ids;
};

// "DirBase: 7d778dc0  ObjectTable: e53dda08  HandleCount: 18539."
struct process_tables : source_span {
    std::uint64_t dir_base = 0;
    std::uint64_t object_table = 0;
    std::optional<std::uint64_t> handle_count;  // empty for "<Data Not Accessible>" or nothing
};

// "VadRoot ffffa604f669bf30 Vads 101 Clone 0 Private 349. Modified 11623. Locked 0."
struct process_vad : source_span {
    std::uint64_t vad_root = 0;
    std::optional<std::uint64_t> vads;
    std::uint64_t clone = 0;
    std::uint64_t private_pages = 0;
    std::uint64_t modified = 0;
    std::uint64_t locked = 0;
};

enum class process_time_kind { elapsed, user, kernel };

// "ElapsedTime                       00:00:53.132"
struct process_time : source_span {
    process_time_kind kind = process_time_kind::elapsed;
    std::string text;
};

enum class quota_pool { paged, nonpaged };

// "QuotaPoolUsage[PagedPool]         160120" (bytes)
struct process_quota : source_span {
    quota_pool pool = quota_pool::paged;
    std::uint64_t bytes = 0;
};

// "Working Set Sizes (now,min,max)  (3887, 50, 345) (15548KB, 200KB, 1380KB)"
struct process_working_set : source_span {
    std::uint64_t now_pages = 0;
    std::uint64_t min_pages = 0;
    std::uint64_t max_pages = 0;
    std::optional<std::uint64_t> now_kb;
};

enum class process_size_kind { virtual_size, peak_virtual_size };

// "VirtualSize                       2101375 Mb"
struct process_size : source_span {
    process_size_kind kind = process_size_kind::virtual_size;
    std::uint64_t mb = 0;
};

enum class process_counter_kind { peak_working_set, page_faults, base_priority, commit_charge };

// "CommitCharge                      723" (pages), "PageFaultCount 17047", "BasePriority 13"
struct process_counter : source_span {
    process_counter_kind kind = process_counter_kind::commit_charge;
    std::uint64_t value = 0;
};

} // namespace dbgsift::grammar::ast
