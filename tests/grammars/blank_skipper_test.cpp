// SPDX-License-Identifier: MIT
// The grammars' skipper, grammar::blank_run (grammars/config.hpp), skips what x3::ascii::blank,
// which it replaces (issue 14), skipped: from every byte of every corpus line it stops at the
// same place, and a phrase parse with lexemes, literals and numbers reads each line to the same
// tokens and the same end either way.
#include "grammars/common/common.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace x3 = boost::spirit::x3;
namespace grammar = dbgsift::grammar;

namespace {

template <typename Skipper>
std::ptrdiff_t skipped_to(Skipper const& skipper, std::string_view text) {
    char const* first = text.data();
    x3::detail::skip_over(first, text.data() + text.size(), skipper);
    return first - text.data();
}

// Where x3::skip_over stops in the two contexts the grammars parse in: grammars/config.hpp
// specialises it for both, so these skips run that code, not the skipper through X3's forwarders.
struct ContextSkips {
    std::ptrdiff_t phrase = 0;
    std::ptrdiff_t line = 0;
};
ContextSkips skipped_in_contexts(std::string_view text) {
    char const* const last = text.data() + text.size();
    grammar::phrase_context_type const phrase_ctx(grammar::blank_run);
    dbgsift::line_context lc{1, text.data(), nullptr};
    grammar::context_type const line_ctx(lc, phrase_ctx);
    char const* in_phrase = text.data();
    x3::skip_over(in_phrase, last, phrase_ctx);
    char const* in_line = text.data();
    x3::skip_over(in_line, last, line_ctx);
    return {in_phrase - text.data(), in_line - text.data()};
}

// Addresses, the literal "Cid:" and words, each after blanks, until none follows.
struct Read {
    bool ok = false;
    std::vector<std::string> tokens;
    std::ptrdiff_t end = 0;
    bool operator==(Read const&) const = default;
};

template <typename Skipper>
Read read_tokens(Skipper const& skipper, std::string_view text) {
    auto const token = x3::raw[grammar::common::address >> &(x3::ascii::blank | x3::eoi)] |
                       x3::raw[x3::lit("Cid:")] | grammar::common::word;
    Read r;
    char const* first = text.data();
    r.ok = x3::phrase_parse(first, text.data() + text.size(), *token, skipper, r.tokens);
    r.end = first - text.data();
    return r;
}

} // namespace

TEST_SUITE_BEGIN("grammar/blank_skipper");

TEST_CASE("blank_run skips as x3::ascii::blank: edge cases") {
    for (std::string_view const text : {"", " ", "\t", " \t  x", "x", "\r", "\v x", "\f", "\xa0 x",
                                        "  \xc2\xa0", " \n x", "a b"}) {
        CHECK(skipped_to(grammar::blank_run, text) == skipped_to(x3::ascii::blank, text));
        CHECK(read_tokens(grammar::blank_run, text) == read_tokens(x3::ascii::blank, text));
    }
    CHECK(skipped_to(grammar::blank_run, " \t  x") == 4);
    CHECK(skipped_to(grammar::blank_run, "\v x") == 0);
}

TEST_CASE("x3::skip_over in the grammars' contexts skips as x3::ascii::blank") {
    std::size_t tried = 0;
    std::size_t differ = 0;
    auto check = [&](std::string_view rest) {
        ++tried;
        auto const want = skipped_to(x3::ascii::blank, rest);
        auto const got = skipped_in_contexts(rest);
        if (got.phrase != want || got.line != want) {
            MESSAGE("context skip differs on \"", std::string(rest), "\"");
            ++differ;
        }
    };
    for (std::string_view const text : {"", " ", "\t", " \t  x", "x", "\r", "\v x", "\xa0 x", " \n x"}) {
        check(text);
    }
    for (std::string_view const text : dbgsift::test::texts_under(CORPUS_DIR)) {
        for (std::string_view const line : dbgsift::test::lines_of(text)) {
            for (std::size_t i = 0; i <= line.size(); ++i) {
                check(line.substr(i));
            }
        }
    }
    CHECK(tried > 300000);
    CHECK(differ == 0);
}

TEST_CASE("blank_run skips as x3::ascii::blank: every byte of the corpus") {
    std::size_t tried = 0;
    std::size_t differ = 0;
    for (std::string_view const text : dbgsift::test::texts_under(CORPUS_DIR)) {
        for (std::string_view const line : dbgsift::test::lines_of(text)) {
            for (std::size_t i = 0; i <= line.size(); ++i) {
                auto const rest = line.substr(i);
                ++tried;
                if (skipped_to(grammar::blank_run, rest) != skipped_to(x3::ascii::blank, rest)) {
                    MESSAGE("skip differs on \"", std::string(rest), "\"");
                    ++differ;
                }
            }
            if (read_tokens(grammar::blank_run, line) != read_tokens(x3::ascii::blank, line)) {
                MESSAGE("tokens differ on \"", std::string(line), "\"");
                ++differ;
            }
        }
    }
    CHECK(tried > 300000);
    CHECK(differ == 0);
}

TEST_SUITE_END();
