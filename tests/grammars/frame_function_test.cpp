// SPDX-License-Identifier: MIT
// The stack grammar's function name takes a byte that is neither '+' nor a blank without
// trying function_end (grammars/stack/stack_def.hpp): such a byte cannot begin it. Here both
// forms of the rule, over the same function_end, read every symbol of every corpus line (the
// text after each '!') to the same end.
#include "grammars/config.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <string>

namespace x3 = boost::spirit::x3;

namespace {

// As grammars/stack/stack_def.hpp spells it.
auto const blank = x3::ascii::blank;
auto const paren_source_ahead = x3::lit('(') >> +(x3::char_ - ',' - ')') >> ',' >> *blank >> x3::uint32 >>
                                *blank >> ')';
auto const function_end = (x3::lit('+') >> -(x3::lit("0x") | "0X") >> x3::ascii::xdigit) |
                          (+blank >> (x3::lit('[') | paren_source_ahead)) | (*blank >> x3::eoi);

auto const slow = x3::raw[x3::lexeme[+(x3::char_ - function_end)]];
auto const fast = x3::raw[x3::lexeme[+(~x3::char_("+ \t") | (x3::char_ - function_end))]];

template <typename Parser>
std::ptrdiff_t end_of(Parser const& p, std::string_view text) {
    char const* first = text.data();
    std::string out;
    if (!x3::phrase_parse(first, text.data() + text.size(), p, x3::ascii::blank, out)) {
        return -1;
    }
    return first - text.data();
}

} // namespace

TEST_SUITE_BEGIN("grammar/frame_function");

TEST_CASE("a function name reads to the same end with and without its fast path") {
    std::size_t tried = 0;
    std::size_t differ = 0;
    for (auto const& text : dbgsift::test::texts_under(CORPUS_DIR)) {
        for (auto bang = text.find('!'); bang != std::string::npos; bang = text.find('!', bang + 1)) {
            auto const end = text.find('\n', bang);
            std::string_view symbol(text.data() + bang + 1,
                                    (end == std::string::npos ? text.size() : end) - bang - 1);
            if (!symbol.empty() && symbol.back() == '\r') {
                symbol.remove_suffix(1);
            }
            ++tried;
            if (end_of(slow, symbol) != end_of(fast, symbol)) {
                MESSAGE("differs on \"", std::string(symbol), "\"");
                ++differ;
            }
        }
    }
    CHECK(tried > 1000);
    CHECK(differ == 0);
    // As corpus/htrace/004.txt:454 (a blank and a parenthesis inside the name), a source added
    std::string_view const templ = "thread_start<unsigned int (__stdcall*)(void *),1>+0x14 (f:\\dd\\thread.c, 98)";
    CHECK(end_of(fast, templ) == end_of(slow, templ));
    CHECK(end_of(fast, templ) == static_cast<std::ptrdiff_t>(templ.find('+')));
}

TEST_SUITE_END();
