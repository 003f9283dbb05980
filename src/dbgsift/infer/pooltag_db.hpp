// SPDX-License-Identifier: MIT
// A pooltag.txt-format file: "Tag - binary.sys - description", wildcards such as "Afd?".
#pragma once
#include "../../../grammars/source.hpp"
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::infer {

struct PoolTagEntry {
    std::string tag;          // may hold '?' and '*' wildcards
    std::string binary;       // "afd.sys", "nt!mm"
    std::string description;
    std::uint32_t line = 0;
};

class PoolTagDb {
public:
    // Reads the file; malformed lines become diagnostics, the rest are kept.
    static PoolTagDb load(std::istream& in, std::vector<diagnostic>& diags);
    // Exact tags first, then the first wildcard entry that matches.
    PoolTagEntry const* find(std::string_view tag) const;
    std::size_t size() const { return m_entries.size(); }
    void add(PoolTagEntry e) { m_entries.push_back(std::move(e)); }

private:
    std::vector<PoolTagEntry> m_entries;
};

} // namespace dbgsift::infer
