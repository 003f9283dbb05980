// SPDX-License-Identifier: MIT
// common::byte_run and common::line_end_parser (grammars/common/) read what the X3 forms they
// replace (issue 14) read, as the grammars use them: the same yes or no and the same end, from
// every byte of every corpus line and on the edge cases (non-ASCII bytes, '*' and "**", ':',
// blanks), each form inside a lexeme with the grammars' skipper before it.
#include "grammars/common/common.hpp"
#include "support/files.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace x3 = boost::spirit::x3;
namespace c = dbgsift::grammar::common;

namespace {

// Where `p` stopped reading `text` (-1: it did not read it).
template <typename Parser>
std::ptrdiff_t end_of(Parser const& p, std::string_view text) {
    char const* first = text.data();
    return x3::phrase_parse(first, text.data() + text.size(), x3::lexeme[p], dbgsift::grammar::blank_run,
                            x3::skip_flag::dont_post_skip)
               ? first - text.data()
               : -1;
}

// The same with no skipper: a run of blanks inside a lexeme (a lexeme skips those before it).
template <typename Parser>
std::ptrdiff_t end_of_unskipped(Parser const& p, std::string_view text) {
    char const* first = text.data();
    return x3::parse(first, text.data() + text.size(), p) ? first - text.data() : -1;
}

template <typename Fast, typename Slow>
bool same(char const* name, Fast const& fast, Slow const& slow, std::string_view text) {
    if (end_of(fast, text) == end_of(slow, text)) {
        return true;
    }
    MESSAGE(std::string(name), " differs on \"", std::string(text), "\"");
    return false;
}

template <typename Fast, typename Slow>
bool same_unskipped(char const* name, Fast const& fast, Slow const& slow, std::string_view text) {
    if (end_of_unskipped(fast, text) == end_of_unskipped(slow, text)) {
        return true;
    }
    MESSAGE(std::string(name), " differs on \"", std::string(text), "\"");
    return false;
}

// The sets as the grammars spell them.
struct function_byte {
    static constexpr c::byte_table taken = c::bytes_except("+ \t");
};
struct module_byte {
    static constexpr c::byte_table taken =
        c::bytes_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.$-");
};
struct lm_name_byte {
    static constexpr c::byte_table taken = c::graph_bytes_except("*");
};
struct lm_text_byte {
    static constexpr c::byte_table taken = c::bytes_except("*");
};
struct counter_name_byte {
    static constexpr c::byte_table taken = c::ascii_bytes_except(":");
};
struct name_word_byte {
    static constexpr c::byte_table taken =
        c::bytes_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/_.-");
};
struct xdigit_byte {
    static constexpr c::byte_table taken = c::bytes_of("0123456789abcdefABCDEF");
};
struct blank_byte {
    static constexpr c::byte_table taken = c::bytes_of(" \t");
};
struct not_binary_start_byte {
    static constexpr c::byte_table taken = c::bytes_except("B");
};

// Each form as a grammar spells it (grammars/stack, lm, vm, locks, address, poolused, common),
// beside the X3 form it replaced: every byte_run of the grammars.
bool same_for_all_forms(std::string_view text) {
    bool ok = true;
    // stack: a function name's run of bytes that cannot end it
    ok = same("function bytes", c::byte_run<function_byte>{}, +~x3::char_("+ \t"), text) && ok;
    // stack: a module
    ok = same("module", -c::byte_run<module_byte>{}, *(x3::ascii::alnum | x3::char_("_.$-")), text) && ok;
    // lm: a module name, a timestamp, a path (each stops at "**")
    ok = same("lm module name",
              +(c::byte_run<lm_name_byte>{} | (x3::ascii::graph - x3::lit("**"))),
              +(x3::ascii::graph - x3::lit("**")), text) && ok;
    ok = same("lm path", *(c::byte_run<lm_text_byte>{} | (x3::char_ - x3::lit("**"))),
              *(x3::char_ - x3::lit("**")), text) && ok;
    // vm: a counter name, a name word, an image's word
    ok = same("vm counter name", -c::byte_run<counter_name_byte>{}, *(x3::ascii::char_ - ':'), text) &&
         ok;
    ok = same("vm name word", -c::byte_run<name_word_byte>{}, *(x3::ascii::alnum | x3::ascii::char_("/_.-")), text) && ok;
    ok = same("graph run", c::byte_run<c::graph_byte>{}, +x3::ascii::graph, text) && ok;
    // locks: a symbol up to '(', inside the parentheses, a module up to '!', a name up to '+'
    ok = same("locks symbol", c::byte_run<c::graph_byte_but<'('>>{}, +(x3::ascii::graph - '('), text) && ok;
    ok = same("locks parenthesised", c::byte_run<c::graph_byte_but<')'>>{}, +(x3::ascii::graph - ')'), text) &&
         ok;
    ok = same("locks module", c::byte_run<c::graph_byte_but<'!'>>{}, +(x3::ascii::graph - '!'), text) && ok;
    ok = same("locks name", -c::byte_run<c::graph_byte_but<'+'>>{}, *(x3::ascii::graph - '+'), text) && ok;
    // address: a label's hex digits, the blanks between its words (inside the lexeme: no skip)
    ok = same("address hex digits", c::byte_run<xdigit_byte>{}, +x3::ascii::xdigit, text) && ok;
    ok = same_unskipped("address blanks", c::byte_run<blank_byte>{}, +x3::ascii::blank, text) && ok;
    // poolused: a description up to "Binary:"
    ok = same("poolused description",
              *(c::byte_run<not_binary_start_byte>{} | (x3::char_ - x3::lit("Binary:"))),
              *(x3::char_ - x3::lit("Binary:")), text) && ok;
    // common: the rest of the line
    ok = same("rest of line", c::line_end_parser{}, *x3::char_, text) && ok;
    return ok;
}

} // namespace

TEST_SUITE_BEGIN("grammar/byte_run");

TEST_CASE("byte runs read as the X3 forms they replace: edge cases") {
    for (std::string_view const text :
         {"", " ", "\t", "  ", "a", "ntdll!Rtl+0x1a", "  kernel32!Create Event+0x0", "a*b", "a**b", "*", "**",
          "***x", "Sat Nov 20 10:19:07 2010 (4CE7A1AB)**", "NonPagedPool Usage: 1", ":", "a:b", "\x7f", "\x80",
          "ab\xc3\xa9", "\xff" "abc", "x/y_z.w-v$u", "a b\tc", "~", "!", "0x1f\x01z", "(nt!Cm+0x0)", "nt!x",
          "+24e750", "fffff801`1f 12", " \t x", "\t", "Mm areas , Binary: nt!mm", "BBinary:", "B", "Binar"}) {
        CHECK(same_for_all_forms(text));
    }
    CHECK(end_of(c::byte_run<function_byte>{}, "  Rtl+0x1") == 5);
    CHECK(end_of(c::line_end_parser{}, "  a b ") == 6);
    CHECK(end_of_unskipped(c::byte_run<blank_byte>{}, " \t x") == 3);  // the blanks are read, not skipped
}

// byte_run reads sixteen bytes a step where sixteen are left (wide.hpp): any byte at any place
// of a run that spans one, two or three steps, and the line ending right after or inside a step,
// stops it where the X3 form stops (a run of 'a', a byte of every set but the blanks', and one
// of blanks). The text sits in a buffer of its own size (a load past it is one past the
// allocation, which ASan reports).
TEST_CASE("byte runs read as the X3 forms they replace: any byte at any place of a long run") {
    std::size_t differ = 0;
    for (char const fill : {'a', ' '}) {
        for (std::size_t size : {15U, 16U, 17U, 31U, 32U, 33U, 47U}) {
            for (std::size_t at = 0; at < size; ++at) {
                for (int b = 0; b < 256; ++b) {
                    std::string line(size, fill);
                    line[at] = static_cast<char>(b);
                    std::vector<char> const copy(line.begin(), line.end());
                    differ += same_for_all_forms(std::string_view(copy.data(), copy.size())) ? 0 : 1;
                }
            }
        }
    }
    CHECK(differ == 0);
}

TEST_CASE("byte runs read as the X3 forms they replace: every byte of the corpus") {
    std::size_t tried = 0;
    std::size_t differ = 0;
    for (std::string_view const text : dbgsift::test::texts_under(CORPUS_DIR)) {
        for (std::string_view const line : dbgsift::test::lines_of(text)) {
            for (std::size_t i = 0; i <= line.size(); ++i) {
                ++tried;
                differ += same_for_all_forms(line.substr(i)) ? 0 : 1;
            }
        }
    }
    CHECK(tried > 300000);
    CHECK(differ == 0);
}

TEST_SUITE_END();
