// SPDX-License-Identifier: MIT
// Which model::UsageClass a `!address` usage word names, for the region list and the summary
// tables alike. Header-only: parse/address.cpp is its one user.
#pragma once
#include "../config.hpp"
#include "../../src/dbgsift/model/address.hpp"
#include <array>
#include <string_view>

namespace dbgsift::grammar {
namespace usage_detail {

using model::UsageClass;

struct usage_word {
    std::string_view word;
    UsageClass usage;
};

// Whole words, old debuggers and new. Compared whole, sizes first (most differ there): a
// usage word is a few bytes, looked up once a row, where a ternary tree (x3::symbols) walked
// it a node a byte.
inline constexpr std::array<usage_word, 16> exact_usages{{
    {"<unknown>", UsageClass::unknown},
    {"Free", UsageClass::free},
    {"RegionUsageFree", UsageClass::free},
    {"RegionUsageHeap", UsageClass::heap},
    {"Image", UsageClass::image},
    {"RegionUsageImage", UsageClass::image},
    {"MappedFile", UsageClass::mapped_file},
    {"Other", UsageClass::other},
    {"PageHeap", UsageClass::page_heap},
    {"RegionUsagePageHeap", UsageClass::page_heap},
    {"RegionUsageStack", UsageClass::stack},
    {"RegionUsageTeb", UsageClass::teb_peb},
    {"RegionUsagePeb", UsageClass::teb_peb},
    {"RegionUsageProcessParametrs", UsageClass::teb_peb},
    {"RegionUsageEnvironmentBlock", UsageClass::teb_peb},
    {"RegionUsageIsVAD", UsageClass::virtual_alloc},
}};

// Families the new debuggers suffix with the bitness: "Heap32", "Stack64", "TEB32", "PEB64"
// (a word that starts with the family's name; no name starts another).
inline constexpr std::array<usage_word, 4> usage_families{{
    {"Heap", UsageClass::heap},
    {"Stack", UsageClass::stack},
    {"TEB", UsageClass::teb_peb},
    {"PEB", UsageClass::teb_peb},
}};

} // namespace usage_detail

// "Heap64" -> heap, "RegionUsageIsVAD" -> virtual_alloc, "" -> unknown (a web page ate
// "<unknown>"), a word of neither table -> unlisted. A region whose details mark the
// +ust stack trace database ("[Stack Trace Database]") belongs to that, whatever its usage.
inline model::UsageClass usage_class_of(std::string_view usage, std::string_view details = {}) {
    if (details.find("Stack Trace Database") != std::string_view::npos) {
        return model::UsageClass::stack_trace_database;
    }
    if (usage.empty()) {
        return model::UsageClass::unknown;
    }
    for (auto const& e : usage_detail::exact_usages) {
        if (usage == e.word) {
            return e.usage;
        }
    }
    for (auto const& f : usage_detail::usage_families) {
        if (usage.starts_with(f.word)) {
            return f.usage;
        }
    }
    return model::UsageClass::unlisted;
}

} // namespace dbgsift::grammar
