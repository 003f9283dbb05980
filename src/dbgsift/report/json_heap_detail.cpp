// SPDX-License-Identifier: MIT
// "heap_stats", "heap_filters", "heap_blocks", "heap_usage", "umdh": the follow-up heap commands.
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

boost::json::object frame_json(model::Frame const& f) {
    auto o = object_with_room(7);  // every key below at most once
    o.emplace("address", f.address ? boost::json::value(*f.address, json_storage()) : boost::json::value(nullptr));
    o.emplace("module", f.module);
    o.emplace("function", f.function);
    o.emplace("offset", f.offset ? boost::json::value(*f.offset, json_storage()) : boost::json::value(nullptr));
    if (!f.source_file.empty()) {
        o.emplace("source_file", f.source_file);
        o.emplace("source_line", f.source_line);
    }
    o.emplace("line", f.loc.line);
    return o;
}

} // namespace

boost::json::array stack_json(model::Stack const& s) {
    boost::json::array frames(json_storage());
    frames.reserve(s.frames.size());
    for (auto const& f : s.frames) {
        frames.push_back(frame_json(f));
    }
    return frames;
}

namespace {

boost::json::object entry_json(model::HeapEntry const& e) {
    return {{"entry", e.entry},     {"user_ptr", e.user_ptr}, {"user_size", e.user_size},
            {"busy", e.busy},       {"state", e.state},       {"heap", e.heap},
            {"line", e.loc.line}};
}

} // namespace

void add_heap_detail(boost::json::object& out, model::Snapshot const& s) {
    if (!s.heap_stats.empty()) {
        boost::json::array all(json_storage());
        all.reserve(s.heap_stats.size());
        for (auto const& stat : s.heap_stats) {
            boost::json::array rows(json_storage());
            rows.reserve(stat.rows.size());
            for (auto const& r : stat.rows) {
                rows.push_back(boost::json::object({{"size", r.size}, {"blocks", r.blocks}, {"total", r.total},
                                {"percent", r.percent}, {"line", r.loc.line}}, json_storage()));
            }
            all.push_back(boost::json::object({{"heap", stat.heap}, {"group_by", to_string(stat.group_by)},
                           {"rows", std::move(rows)}, {"line", stat.loc.line}, {"file", stat.loc.file}}, json_storage()));
        }
        out.emplace("heap_stats", std::move(all));
    }
    if (!s.heap_filters.empty()) {
        boost::json::array all(json_storage());
        all.reserve(s.heap_filters.size());
        for (auto const& filter : s.heap_filters) {
            boost::json::array entries(json_storage());
            entries.reserve(filter.entries.size());
            for (auto const& e : filter.entries) {
                entries.push_back(entry_json(e));
            }
            all.push_back(boost::json::object({{"size", filter.size ? boost::json::value(*filter.size, json_storage()) : boost::json::value(nullptr)},
                           {"entries", std::move(entries)}, {"line", filter.loc.line},
                           {"file", filter.loc.file}}, json_storage()));
        }
        out.emplace("heap_filters", std::move(all));
    }
    if (!s.heap_blocks.empty()) {
        boost::json::array all(json_storage());
        all.reserve(s.heap_blocks.size());
        for (auto const& b : s.heap_blocks) {
            all.push_back(boost::json::object({{"address", b.address}, {"heap", b.heap}, {"page_heap", b.page_heap},
                           {"entry", b.entry ? boost::json::value(entry_json(*b.entry), json_storage()) : boost::json::value(nullptr)},
                           {"stack", stack_json(b.stack)}, {"line", b.loc.line}, {"file", b.loc.file}}, json_storage()));
        }
        out.emplace("heap_blocks", std::move(all));
    }
    if (!s.heap_usage.empty()) {
        boost::json::array all(json_storage());
        all.reserve(s.heap_usage.size());
        for (auto const& u : s.heap_usage) {
            all.push_back(boost::json::object({{"heap", u.heap}, {"segments", u.segments}, {"reserved", u.reserved},
                                               {"committed", u.committed}, {"virtual_blocks", u.virtual_blocks},
                                               {"virtual_bytes", u.virtual_bytes}, {"line", u.loc.line},
                                               {"file", u.loc.file}},
                                              json_storage()));
        }
        out.emplace("heap_usage", std::move(all));
    }
    if (!s.heap_leaks.empty()) {
        boost::json::array all(json_storage());
        all.reserve(s.heap_leaks.size());
        for (auto const& scan : s.heap_leaks) {
            boost::json::array leaks(json_storage());
            leaks.reserve(scan.leaks.size());
            for (auto const& l : scan.leaks) {
                boost::json::array flags(json_storage());
                flags.reserve(l.flags.size());
                for (auto const& f : l.flags) {
                    flags.push_back(boost::json::value(f, json_storage()));
                }
                leaks.push_back(boost::json::object({{"entry", l.entry}, {"user", l.user}, {"heap", l.heap},
                                 {"size", l.size}, {"flags", std::move(flags)}, {"line", l.loc.line}}, json_storage()));
            }
            all.push_back(boost::json::object({{"detected", scan.detected ? boost::json::value(*scan.detected, json_storage()) : boost::json::value(nullptr)},
                           {"leaks", std::move(leaks)}, {"line", scan.loc.line}, {"file", scan.loc.file}}, json_storage()));
        }
        out.emplace("heap_leaks", std::move(all));
    }
    if (!s.umdh.empty()) {
        boost::json::array all(json_storage());
        all.reserve(s.umdh.size());
        for (auto const& u : s.umdh) {
            boost::json::array traces(json_storage());
            traces.reserve(u.traces.size());
            for (auto const& t : u.traces) {
                boost::json::object o({{"backtrace", t.backtrace}, {"grew", t.grew},
                                      {"delta", t.delta},         {"after", t.after},
                                      {"before", t.before},       {"line", t.loc.line}}, json_storage());
                o.emplace("allocs", t.allocs ? boost::json::value(*t.allocs, json_storage()) : boost::json::value(nullptr));
                if (t.allocs_delta) {
                    o.emplace("allocs_delta", *t.allocs_delta);
                }
                o.emplace("stack", stack_json(t.stack));
                traces.push_back(std::move(o));
            }
            all.push_back(boost::json::object({{"radix", u.decimal ? 10 : 16}, {"traces", std::move(traces)},
                           {"total", u.total ? boost::json::value(*u.total, json_storage()) : boost::json::value(nullptr)},
                           {"line", u.loc.line}, {"file", u.loc.file}}, json_storage()));
        }
        out.emplace("umdh", std::move(all));
    }
}

} // namespace dbgsift::report
