// SPDX-License-Identifier: MIT
// common::lit_fixed<"text"> reads what x3::lit("text"), which it replaces (issue 14), reads:
// the same yes or no and the same end, with and without the grammars' skipper, for every
// literal the grammars spell that way, from every token of every corpus line and on the edge
// cases; and a diagnostic names it as it named x3::lit.
#include "grammars/common/common.hpp"
#include "grammars/common/fixed_literal.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <string>

namespace x3 = boost::spirit::x3;
namespace common = dbgsift::grammar::common;

namespace {

// Where `p` stopped reading `text` (-1: it did not read it), without and with blanks skipped.
template <typename Parser>
std::pair<std::ptrdiff_t, std::ptrdiff_t> ends_of(Parser const& p, std::string_view text) {
    char const* first = text.data();
    char const* const last = text.data() + text.size();
    std::ptrdiff_t const bare = x3::parse(first, last, p) ? first - text.data() : -1;
    first = text.data();
    std::ptrdiff_t const skipping =
        x3::phrase_parse(first, last, p, dbgsift::grammar::blank_run, x3::skip_flag::dont_post_skip)
            ? first - text.data()
            : -1;
    return {bare, skipping};
}

template <common::fixed_text Text>
bool same_as_lit(std::string_view text) {
    bool const same = ends_of(common::lit_fixed<Text>, text) == ends_of(x3::lit(Text.chars), text) &&
                      x3::what(common::lit_fixed<Text>) == x3::what(x3::lit(Text.chars));
    if (!same) {
        MESSAGE("\"", Text.chars, "\" differs on \"", std::string(text), "\"");
    }
    return same;
}

// Each of Texts read both ways; every one is tried, each difference reported.
template <common::fixed_text... Texts>
bool same_for(std::string_view text) {
    bool same = true;
    ((same = same_as_lit<Texts>(text) && same), ...);
    return same;
}

// Every literal the grammars read with lit_fixed (grammars/*/*_def.hpp).
bool same_for_all_literals(std::string_view text) {
    return same_for<"none", "<Data Not Accessible>", "Cid:", "Peb:", "ParentCid:", "PROCESS",
                    "DirBase:", "ObjectTable:", "HandleCount:", "TableSize:", "Image:", "VadRoot",
                    "Vads", "Clone", "Private", "Modified", "Locked", "QuotaPoolUsage[",
                    "Working Set Sizes", "(now,min,max)", "THREAD", "****",
                    "NT ACTIVE PROCESS DUMP", "Searching for Process with Cid", "Dumping Session",
                    "MutantState", "DeepFreeze", "DeviceMap", "Token", "MemoryPriority",
                    "_MM_SESSION_SPACE", "_MMSESSION", "Job", "Not impersonating">(text);
}

// lit_fixed_any_case against the lit_any_case it replaces in grammars/process/process_def.hpp.
bool same_as_any_case(std::string_view text) {
    bool const same = ends_of(common::lit_fixed_any_case<"SessionId:">, text) ==
                      ends_of(common::lit_any_case("SessionId:"), text);
    if (!same) {
        MESSAGE("\"SessionId:\" in any case differs on \"", std::string(text), "\"");
    }
    return same;
}

} // namespace

TEST_SUITE_BEGIN("grammar/fixed_literal");

TEST_CASE("lit_fixed reads as x3::lit: edge cases") {
    for (std::string_view const text :
         {"", " ", "\t", "C", "Ci", "Cid", "Cid:", "  Cid: 0910", "cid:", "Cid :", "CidX", "DirBase: 1",
          "DirBase", "\tObjectTable: e1000f88", "HandleCount:", "TableSize: 112.", "Image: a b",
          "PROCESS d2b85360", "PROCES", "Job", "Jo", "****", "***", "Working Set Sizes (now,min,max)",
          "Working  Set Sizes", "\xc0" "Cid:", "Cid:\xc0"}) {
        CHECK(same_for_all_literals(text));
    }
    CHECK(ends_of(common::lit_fixed<"Cid:">, "  Cid: 0910") == std::pair<std::ptrdiff_t, std::ptrdiff_t>{-1, 6});
    CHECK(x3::what(common::lit_fixed<"ObjectTable:">) == "\"ObjectTable:\"");
    // Texts of one length stay apart (each instantiation compares its own text).
    CHECK(ends_of(common::lit_fixed<"Cid:">, "Peb:").first == -1);
    CHECK(ends_of(common::lit_fixed<"Peb:">, "Peb:").first == 4);
}

TEST_CASE("lit_fixed reads as x3::lit: every token of the corpus") {
    auto const starts = dbgsift::test::compare_at_token_starts(CORPUS_DIR, " \t*", same_for_all_literals);
    CHECK(starts.tried > 50000);
    CHECK(starts.differ == 0);
}

TEST_CASE("lit_fixed_any_case reads as lit_any_case: edge cases and every token of the corpus") {
    // corpus/process/*: "SessionId: 1  Cid: 0910 ..."; "sessionid:" and "SESSIONID:" as typed
    for (std::string_view const text :
         {"", " ", "S", "SessionId", "SessionId:", "  SessionId: 2", "sessionid: 0", "SESSIONID:none",
          "SessionID:", "SessionId :", "SessionIdX", "Sessionld:", "\xc0SessionId:", "SessionId:\xc0",
          "\tSessionId:", "[essionId:"}) {
        CHECK(same_as_any_case(text));
    }
    CHECK(ends_of(common::lit_fixed_any_case<"SessionId:">, "  sessionID: 2") ==
          std::pair<std::ptrdiff_t, std::ptrdiff_t>{-1, 12});
    auto const starts = dbgsift::test::compare_at_token_starts(CORPUS_DIR, " \t*", same_as_any_case);
    CHECK(starts.tried > 50000);
    CHECK(starts.differ == 0);
}

TEST_SUITE_END();
