// SPDX-License-Identifier: MIT
// "pool_finds" (!poolfind) and "pool_pages" (!pool).
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void block_json(JsonWriter& w, model::PoolBlock const& b) {
    w.begin_object();
    w.member("address", b.address);
    w.member("size", b.size);
    w.member("allocated", b.allocated);
    w.member("tag", b.tag);
    w.member("pool", b.pool);
    w.member("line", b.loc.line);
    w.member("previous_size", b.previous_size);
    if (b.marked) {
        w.member("marked", true);
    }
    if (b.protected_tag) {
        w.member("protected", true);
    }
    w.member_if("process", b.process);
    if (b.owner) {
        w.text_or_null("owner", *b.owner);
    }
    w.end_object();
}

void message_json(JsonWriter& w, model::PoolPageMessage const& m) {
    std::string_view kind = m.kind == model::PoolPageTrouble::not_large_pool ? "not_large_pool"
                            : m.kind == model::PoolPageTrouble::not_valid_pool ? "not_valid_pool"
                                                                               : "unreadable";
    w.begin_object();
    w.member("kind", kind);
    w.member("address", m.address);
    w.member("line", m.loc.line);
    w.end_object();
}

void find_json(JsonWriter& w, model::PoolFind const& f) {
    w.begin_object();
    w.member("tag", f.tag);
    w.member("interrupted", f.interrupted);
    w.array_member("blocks", f.blocks, block_json);
    put_loc(w, f.loc);
    w.end_object();
}

void page_json(JsonWriter& w, model::PoolPage const& p) {
    w.begin_object();
    w.member("queried", p.queried);
    w.member("pool", p.pool);
    w.array_member("blocks", p.blocks, block_json);
    put_loc(w, p.loc);
    // only when the page did not walk
    w.array_member_if_any("messages", p.messages, message_json);
    w.end_object();
}

} // namespace

void add_pool_blocks(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("pool_finds", s.pool_finds, find_json);
    w.array_member_if_any("pool_pages", s.pool_pages, page_json);
}

} // namespace dbgsift::report
