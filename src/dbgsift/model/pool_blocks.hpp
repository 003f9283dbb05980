// SPDX-License-Identifier: MIT
// `!poolfind TAG` (the blocks carrying one tag) and `!pool ADDR` (the blocks of one page).
#pragma once
#include "source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::model {

struct PoolBlock {
    std::uint64_t address = 0;
    std::uint64_t size = 0;  // bytes
    std::optional<std::uint64_t> previous_size;
    bool allocated = true;
    bool marked = false;  // `!pool`: the block holding the queried address ('*')
    std::string tag;
    std::string pool;     // "nonpaged", "paged", "session"; "" when not printed
    bool protected_tag = false;              // "(Protected)" after the tag
    std::optional<std::uint64_t> process;    // "Process: X": the process the block is charged to
    std::optional<std::string> owner;        // `!pool`'s "Owning component : ..." ("" = unknown to pooltag.txt)
    Loc loc;
};

struct PoolFind {
    std::string tag;  // from the command ("SeSd"); "*" for every tag
    std::vector<PoolBlock> blocks;
    bool interrupted = false;  // "...terminating - searched pool to X"
    Loc loc;
};

// What `!pool` says when a page does not walk. None alone proves corruption: a page freed, or
// paged out of a kernel-only dump, prints the same.
enum class PoolPageTrouble {
    not_large_pool,  // "X is not a valid large pool allocation, checking large session pool..."
    not_valid_pool,  // "X is not valid pool. Checking for freed (or corrupt) pool"
    unreadable,      // "Address X could not be read. It may be a freed, invalid or paged out page"
};
struct PoolPageMessage {
    PoolPageTrouble kind = PoolPageTrouble::not_valid_pool;
    std::uint64_t address = 0;
    Loc loc;
};

struct PoolPage {
    std::optional<std::uint64_t> queried;  // from the command
    std::string pool;                      // "Pool page X region is Nonpaged pool" -> "nonpaged"; "" for Unknown
    std::vector<PoolBlock> blocks;
    std::vector<PoolPageMessage> messages;  // the page did not walk
    Loc loc;
};

} // namespace dbgsift::model
