// SPDX-License-Identifier: MIT
// "pool_finds" (!poolfind) and "pool_pages" (!pool).
#include "json_sections.hpp"

namespace dbgsift::report {
namespace {

boost::json::array blocks_json(std::vector<model::PoolBlock> const& blocks) {
    boost::json::array out(json_storage());
    out.reserve(blocks.size());
    for (auto const& b : blocks) {
        boost::json::object o({{"address", b.address}, {"size", b.size},   {"allocated", b.allocated},
                              {"tag", b.tag},         {"pool", b.pool},   {"line", b.loc.line}}, json_storage());
        o.emplace("previous_size", b.previous_size ? boost::json::value(*b.previous_size, json_storage()) : boost::json::value(nullptr));
        if (b.marked) {
            o.emplace("marked", true);
        }
        if (b.protected_tag) {
            o.emplace("protected", true);
        }
        if (b.process) {
            o.emplace("process", *b.process);
        }
        if (b.owner) {
            o.emplace("owner", b.owner->empty() ? boost::json::value(nullptr) : boost::json::value(*b.owner, json_storage()));
        }
        out.push_back(std::move(o));
    }
    return out;
}

boost::json::array messages_json(std::vector<model::PoolPageMessage> const& messages) {
    boost::json::array out(json_storage());
    for (auto const& m : messages) {
        std::string_view kind = m.kind == model::PoolPageTrouble::not_large_pool ? "not_large_pool"
                                : m.kind == model::PoolPageTrouble::not_valid_pool ? "not_valid_pool"
                                                                                   : "unreadable";
        out.push_back(boost::json::object({{"kind", kind}, {"address", m.address}, {"line", m.loc.line}}, json_storage()));
    }
    return out;
}

} // namespace

void add_pool_blocks(boost::json::object& out, model::Snapshot const& s) {
    if (!s.pool_finds.empty()) {
        boost::json::array all(json_storage());
        all.reserve(s.pool_finds.size());
        for (auto const& f : s.pool_finds) {
            all.push_back(boost::json::object({{"tag", f.tag}, {"interrupted", f.interrupted},
                           {"blocks", blocks_json(f.blocks)}, {"line", f.loc.line}, {"file", f.loc.file}}, json_storage()));
        }
        out.emplace("pool_finds", std::move(all));
    }
    if (!s.pool_pages.empty()) {
        boost::json::array all(json_storage());
        all.reserve(s.pool_pages.size());
        for (auto const& p : s.pool_pages) {
            boost::json::object page({{"queried", p.queried ? boost::json::value(*p.queried, json_storage()) : boost::json::value(nullptr)},
                           {"pool", p.pool}, {"blocks", blocks_json(p.blocks)}, {"line", p.loc.line},
                           {"file", p.loc.file}}, json_storage());
            if (!p.messages.empty()) {
                page.emplace("messages", messages_json(p.messages));  // only when the page did not walk
            }
            all.push_back(std::move(page));
        }
        out.emplace("pool_pages", std::move(all));
    }
}

} // namespace dbgsift::report
