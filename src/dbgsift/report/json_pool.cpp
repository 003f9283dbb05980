// SPDX-License-Identifier: MIT
// "pool": one object per !poolused table; absent columns are left out, never written as 0.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {
namespace json = boost::json;

json::object columns_json(model::PoolColumns const& c) {
    auto o = object_with_room(4);  // the four columns at most
    auto put = [&](char const* key, std::optional<std::uint64_t> const& v) {
        if (v) {
            o.emplace(key, *v);
        }
    };
    put("allocs", c.allocs);
    put("frees", c.frees);
    put("diff", c.diff);
    put("used", c.used);
    return o;
}

json::object tag_json(model::PoolUsedTable const& t, model::PoolTag const& tag) {
    auto o = object_with_room(8);  // every key below at most once
    o.emplace("tag", tag.tag);
    if (t.has_nonpaged) {
        o.emplace("nonpaged", columns_json(tag.nonpaged));
    }
    if (t.has_paged) {
        o.emplace("paged", columns_json(tag.paged));
    }
    if (!tag.description.empty()) {
        o.emplace("description", tag.description);
    }
    if (!tag.binary.empty()) {
        o.emplace("binary", tag.binary);
    }
    o.emplace("unknown", tag.unknown);
    o.emplace("line", tag.loc.line);
    o.emplace("file", tag.loc.file);
    return o;
}

char const* pool_name(model::PoolKind k) {
    switch (k) {
    case model::PoolKind::nonpaged: return "nonpaged";
    case model::PoolKind::paged: return "paged";
    default: return "session";
    }
}

} // namespace

void add_pool(boost::json::object& out, model::Snapshot const& s) {
    if (s.pool.empty()) {
        return;
    }
    json::array tables(json_storage());
    tables.reserve(s.pool.size());
    for (auto const& t : s.pool) {
        json::object o(json_storage());
        o.emplace("sorted_by", t.sorted_by.empty() ? json::value(nullptr) : json::value(t.sorted_by, json_storage()));
        o.emplace("sorted_pool", t.sorted_pool ? json::value(pool_name(*t.sorted_pool), json_storage()) : json::value(nullptr));
        o["layout"] = json::object({{"nonpaged", t.has_nonpaged}, {"paged", t.has_paged},
                                   {"frees", t.has_frees},       {"diff", t.has_diff},
                                   {"used", t.has_used},         {"guessed", t.layout_guessed}}, json_storage());
        json::array tags(json_storage());
        tags.reserve(t.tags.size());
        for (auto const& tag : t.tags) {
            tags.push_back(tag_json(t, tag));
        }
        o.emplace("tags", std::move(tags));
        o.emplace("total", t.total ? json::value(tag_json(t, *t.total), json_storage()) : json::value(nullptr));
        o.emplace("line", t.loc.line);
        o.emplace("file", t.loc.file);
        tables.push_back(std::move(o));
    }
    out.emplace("pool", std::move(tables));
}

} // namespace dbgsift::report
