// SPDX-License-Identifier: MIT
// Row shapes of `!poolfind TAG` (both layouts) and `!pool ADDR`, kept as printed.
#pragma once
#include "../../src/dbgsift/model/pool_blocks.hpp"
#include "../source.hpp"
#include "../text_range.hpp"
#include <boost/optional.hpp>
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

enum class pool_block_state { allocated, free };

// "826fa130 size:   c0 previous size:   40  (Allocated) SeSd"        (!poolfind, old layout)
// "*e1001050 size:   10 previous size:   10  (Allocated) *ObDi"       (!pool, the queried block)
struct pool_block_row : source_span {
    bool marked = false;  // the leading '*' of !pool
    std::uint64_t address = 0;
    std::uint64_t size = 0;           // bytes, hex
    std::uint64_t previous_size = 0;  // bytes, hex
    pool_block_state state = pool_block_state::allocated;
    text_range tag;  // up to four characters, padding dropped: a range into the line (the parser copies it)
    bool protected_tag = false;  // "Even (Protected)": the tag's high bit, object-manager pool
    boost::optional<std::uint64_t> process;  // "Irp  Process: 856afd40": the process charged
};

enum class pool_kind { nonpaged, paged, session, unknown };  // unknown: "region is Unknown"

// "86619000 : tag XPPH, size    0x79e8, Nonpaged pool"                 (!poolfind, newer layout)
struct pool_find_row : source_span {
    std::uint64_t address = 0;
    text_range tag;  // a range into the line, as above
    std::uint64_t size = 0;
    pool_kind pool = pool_kind::nonpaged;
};

// "Pool page 83b45af8 region is Nonpaged pool"
struct pool_page_region : source_span {
    std::uint64_t address = 0;
    pool_kind pool = pool_kind::nonpaged;
};

// What `!pool` prints when the page does not walk (corpus/pool/006.txt:16-19).
struct pool_page_damage : source_span {
    std::uint64_t address = 0;
    model::PoolPageTrouble kind = model::PoolPageTrouble::not_valid_pool;
};

// "Searching NonPaged pool (823b1000 : 82800000) for Tag: SeSd"
struct pool_search : source_span {
    pool_kind pool = pool_kind::nonpaged;
};

} // namespace dbgsift::grammar::ast
