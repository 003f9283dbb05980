// SPDX-License-Identifier: MIT
// common::lit_any_case(w) reads what x3::no_case[x3::lit(w)], which it replaces (issue 14),
// reads: the same yes or no, the same end, for every literal the grammars spell that way, from
// every token of every corpus line and on the edge cases (both cases, bytes next to the letter
// ranges, non-ASCII bytes).
#include "grammars/common/common.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <string>

namespace x3 = boost::spirit::x3;
namespace common = dbgsift::grammar::common;

namespace {

// Every literal the grammars read with lit_any_case (grammars/*/*_def.hpp).
constexpr char const* k_literals[] = {
    "!address", "!analyze", "!heap", "!htrace", "!mex.mheap", "!pool", "!poolfind", "!poolused",
    "!poolval", "0x", "Commit", "Excessive", "ID", "Memory",
    "No object specific information available", "NonPaged", "Number",
    "Object specific information", "PTE", "Paged", "Pool", "SessionId:", "Summary", "Usage",
    "Virtual", "address", "allocation", "allocations", "attempts", "commit", "committed", "failed",
    "failures", "growth", "handle table at", "have", "id:", "is", "k", "kb", "kdexts.", "kernel",
    "limit", "mex.", "near", "no", "of", "pages", "pool", "pooltag", "rem", "requests", "stack",
    "vm", "yes"};

// Where each way stopped reading `text` (-1: it did not read it).
template <typename Parser>
std::ptrdiff_t end_of(Parser const& p, std::string_view text) {
    char const* first = text.data();
    return x3::parse(first, text.data() + text.size(), p) ? first - text.data() : -1;
}

bool same_for_all_literals(std::string_view text) {
    bool same = true;
    for (char const* literal : k_literals) {
        if (end_of(common::lit_any_case(literal), text) != end_of(x3::no_case[x3::lit(literal)], text)) {
            MESSAGE("\"", literal, "\" differs on \"", std::string(text), "\"");
            same = false;
        }
    }
    return same;
}

} // namespace

TEST_SUITE_BEGIN("grammar/any_case");

TEST_CASE("lit_any_case reads as x3::no_case[x3::lit]: edge cases") {
    for (std::string_view const text :
         {"SessionId: 2", "SESSIONID:", "sessionid:", "sEsSiOnId:", "SessionId", "Session1d:", "", " ",
          "kb", "KB", "Kb", "kB", "k", "K", "0x1f", "0X1F", "0@", "@", "[", "`", "{", "\xc0", "\xe9t",
          "Paged\xa0Pool", "!HEAP", "!Heap -s", "Id:", "ID:", "iD:", "yes", "YES", "no.", "NO"}) {
        CHECK(same_for_all_literals(text));
    }
    CHECK(end_of(common::lit_any_case("SessionId:"), "sessionID: 1") == 10);
    CHECK(end_of(common::lit_any_case("kb"), "Kb)") == 2);
    CHECK(end_of(common::lit_any_case("id:"), "1d:") == -1);
}

TEST_CASE("lit_any_case reads as x3::no_case[x3::lit]: every token of the corpus") {
    auto const starts = dbgsift::test::compare_at_token_starts(CORPUS_DIR, " \t!*", same_for_all_literals);
    CHECK(starts.tried > 50000);
    CHECK(starts.differ == 0);
}

TEST_SUITE_END();
