// SPDX-License-Identifier: MIT
// "pool": one object per !poolused table; absent columns are left out, never written as 0.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

void columns_json(JsonWriter& w, model::PoolColumns const& c) {
    JsonWriter::ObjectRun run(w, 4);
    run.member_if("allocs", c.allocs);
    run.member_if("frees", c.frees);
    run.member_if("diff", c.diff);
    run.member_if("used", c.used);
}

void tag_json(JsonWriter& w, model::PoolUsedTable const& t, model::PoolTag const& tag) {
    w.begin_object();
    w.member("tag", tag.tag);
    if (t.has_nonpaged) {
        w.key("nonpaged");
        columns_json(w, tag.nonpaged);
    }
    if (t.has_paged) {
        w.key("paged");
        columns_json(w, tag.paged);
    }
    {
        JsonWriter::MemberRun run(w, 5, tag.description.size() + tag.binary.size());
        run.text_if("description", tag.description);
        run.text_if("binary", tag.binary);
        run.member("unknown", tag.unknown);
        loc_members(run, tag.loc);
    }
    w.end_object();
}

char const* pool_name(model::PoolKind k) {
    switch (k) {
    case model::PoolKind::nonpaged: return "nonpaged";
    case model::PoolKind::paged: return "paged";
    default: return "session";
    }
}

void table_json(JsonWriter& w, model::PoolUsedTable const& t) {
    w.begin_object();
    w.text_or_null("sorted_by", t.sorted_by);
    w.key("sorted_pool");
    w.value_or_null(t.sorted_pool, [](JsonWriter& w, model::PoolKind k) { w.value(pool_name(k)); });
    w.key("layout");
    {
        JsonWriter::ObjectRun run(w, 6);
        run.member("nonpaged", t.has_nonpaged);
        run.member("paged", t.has_paged);
        run.member("frees", t.has_frees);
        run.member("diff", t.has_diff);
        run.member("used", t.has_used);
        run.member("guessed", t.layout_guessed);
    }
    auto const tag_of_table = [&t](JsonWriter& w, model::PoolTag const& tag) { tag_json(w, t, tag); };
    w.array_member("tags", t.tags, tag_of_table);
    w.key("total");
    w.value_or_null(t.total, tag_of_table);
    put_loc(w, t.loc);
    w.end_object();
}

} // namespace

void add_pool(JsonWriter& w, model::Snapshot const& s) {
    w.array_member_if_any("pool", s.pool, table_json);
}

} // namespace dbgsift::report
