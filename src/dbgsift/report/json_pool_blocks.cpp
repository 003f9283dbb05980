// SPDX-License-Identifier: MIT
// "pool_finds" (!poolfind) and "pool_pages" (!pool).
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void block_json(JsonWriter& w, model::PoolBlock const& b) {
    JsonWriter::ObjectRun run(w, 11, b.tag.size() + b.pool.size() + (b.owner ? b.owner->size() : 0));
    run.member("address", b.address);
    run.member("size", b.size);
    run.member("allocated", b.allocated);
    run.text("tag", b.tag);
    run.text("pool", b.pool);
    run.member("line", b.loc.line);
    run.member("previous_size", b.previous_size);
    if (b.marked) {
        run.member("marked", true);
    }
    if (b.protected_tag) {
        run.member("protected", true);
    }
    run.member_if("process", b.process);
    if (b.owner) {
        run.text_or_null("owner", *b.owner);
    }
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
