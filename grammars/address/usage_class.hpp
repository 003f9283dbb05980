// SPDX-License-Identifier: MIT
// Which model::UsageClass a `!address` usage word names, for the region list and the summary
// tables alike. Header-only: parse/address.cpp is its one user.
#pragma once
#include "../config.hpp"
#include "../../src/dbgsift/model/address.hpp"
#include <string_view>

namespace dbgsift::grammar {
namespace usage_detail {

using model::UsageClass;

// Whole words, old debuggers and new.
struct exact_usage_table : x3::symbols<UsageClass> {
    exact_usage_table() {
        add("<unknown>", UsageClass::unknown)("Free", UsageClass::free)("RegionUsageFree", UsageClass::free)(
            "RegionUsageHeap", UsageClass::heap)("Image", UsageClass::image)("RegionUsageImage", UsageClass::image)(
            "MappedFile", UsageClass::mapped_file)("Other", UsageClass::other)("PageHeap", UsageClass::page_heap)(
            "RegionUsagePageHeap", UsageClass::page_heap)("RegionUsageStack", UsageClass::stack)(
            "RegionUsageTeb", UsageClass::teb_peb)("RegionUsagePeb", UsageClass::teb_peb)(
            "RegionUsageProcessParametrs", UsageClass::teb_peb)("RegionUsageEnvironmentBlock", UsageClass::teb_peb)(
            "RegionUsageIsVAD", UsageClass::virtual_alloc);
    }
};

// Families the new debuggers suffix with the bitness: "Heap32", "Stack64", "TEB32", "PEB64".
struct usage_family_table : x3::symbols<UsageClass> {
    usage_family_table() {
        add("Heap", UsageClass::heap)("Stack", UsageClass::stack)("TEB", UsageClass::teb_peb)(
            "PEB", UsageClass::teb_peb);
    }
};

} // namespace usage_detail

// "Heap64" -> heap, "RegionUsageIsVAD" -> virtual_alloc, "" -> unknown (a web page ate
// "<unknown>"), a word of neither table -> unlisted. A region whose details mark the
// +ust stack trace database ("[Stack Trace Database]") belongs to that, whatever its usage.
inline model::UsageClass usage_class_of(std::string_view usage, std::string_view details = {}) {
    static usage_detail::exact_usage_table const exact;
    static usage_detail::usage_family_table const family;
    {
        char const* first = details.data();
        char const* const last = first + details.size();
        if (x3::parse(first, last, x3::seek[x3::lit("Stack Trace Database")])) {
            return model::UsageClass::stack_trace_database;
        }
    }
    if (usage.empty()) {
        return model::UsageClass::unknown;
    }
    auto result = model::UsageClass::unlisted;
    char const* first = usage.data();
    char const* const last = first + usage.size();
    if (x3::parse(first, last, exact >> x3::eoi, result)) {
        return result;
    }
    first = usage.data();
    if (x3::parse(first, last, family, result)) {
        return result;
    }
    return model::UsageClass::unlisted;
}

} // namespace dbgsift::grammar
