// SPDX-License-Identifier: MIT
// Reads a pooltag.txt-format file line by line with the grammar in grammars/pooltag/.
#include "pooltag_db.hpp"

#include "../../../grammars/parse_line.hpp"
#include "../../../grammars/pooltag/pooltag.hpp"

#include <string>

namespace dbgsift::infer {
namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

std::string trimmed(std::string_view s) {
    auto const first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    auto const last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

// '?' matches one character, '*' any run (also none).
bool wildcard_match(std::string_view pattern, std::string_view text) {
    if (pattern.empty()) {
        return text.empty();
    }
    if (pattern.front() == '*') {
        for (std::size_t skip = 0; skip <= text.size(); ++skip) {
            if (wildcard_match(pattern.substr(1), text.substr(skip))) {
                return true;
            }
        }
        return false;
    }
    if (text.empty()) {
        return false;
    }
    return (pattern.front() == '?' || pattern.front() == text.front()) &&
           wildcard_match(pattern.substr(1), text.substr(1));
}

bool has_wildcard(std::string_view tag) { return tag.find_first_of("?*") != std::string_view::npos; }

} // namespace

PoolTagDb PoolTagDb::load(std::istream& in, std::vector<diagnostic>& diags) {
    PoolTagDb db;
    std::string line;
    std::uint32_t number = 0;
    boost::spirit::x3::unused_type nothing;
    while (std::getline(in, line)) {
        ++number;
        if (line.size() > 4096) {
            diags.push_back({number, 0, "line too long for a pooltag.txt entry"});
            continue;
        }
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (blank(line) || grammar::parse_line(line, number, grammar::pooltag_comment(), nothing, diags)) {
            continue;
        }
        grammar::ast::pooltag_entry e;
        auto const before = diags.size();
        if (!grammar::parse_line(line, number, grammar::pooltag_entry(), e, diags)) {
            if (diags.size() == before) {
                diags.push_back({number, 0, "not a pooltag.txt line (Tag - binary - description)"});
            }
            continue;
        }
        db.add({e.tag, trimmed(e.binary), trimmed(e.description), number});
    }
    return db;
}

PoolTagEntry const* PoolTagDb::find(std::string_view tag) const {
    for (auto const& e : m_entries) {
        if (!has_wildcard(e.tag) && e.tag == tag) {
            return &e;
        }
    }
    for (auto const& e : m_entries) {
        if (has_wildcard(e.tag) && wildcard_match(e.tag, tag)) {
            return &e;
        }
    }
    return nullptr;
}

} // namespace dbgsift::infer
