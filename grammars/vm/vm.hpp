// SPDX-License-Identifier: MIT
// `!vm` (flags 0-f): counters, page files, banners, `!vm 4` sessions, per-process commit.
#pragma once
#include "../config.hpp"
#include "../../src/dbgsift/text/ascii.hpp"
#include "../../src/dbgsift/text/byte_table.hpp"
#include "../../src/dbgsift/text/contains.hpp"
#include "../../src/dbgsift/text/trim.hpp"
#include "ast.hpp"
#include <array>
#include <optional>
#include <string_view>

namespace dbgsift::grammar {

// "!vm 4" -> the flags (empty when none were typed).
DBGSIFT_RULE(vm_command, std::optional<std::uint64_t>)

// Lines with nothing to keep but what they are: see ast::vm_marker_kind.
DBGSIFT_RULE(vm_marker, ast::vm_marker_kind)
// The words a marker line starts with after its blanks (grammars/vm/vm_def.hpp): the title's
// stars, maybe markdown-escaped, the first word of every other marker, or a debugger error's
// word. An error may instead follow an address ("fffff803`1234: Unable to ..."), and then the
// line holds one of vm_error_words. A parser tries the rule only on a line that does one or the
// other (tests/grammars/rule_starts_test.cpp): most lines of a !vm block are counters.
inline constexpr std::array<std::string_view, 6> vm_marker_openings = {
    "*", "\\*", "Terminal", "Session", "Pid", "Memory"};
inline constexpr std::array<std::string_view, 5> vm_error_words = {
    "Unimplemented", "Unable", "Error", "Incorrect", "ProcessCommitUsage"};

DBGSIFT_RULE(vm_counter, ast::vm_counter)
// True when a counter name is already in its key form: words one ' ' apart, no tab, no blank
// before or after ("NonPagedPool Usage", most names as printed). Such a name is its own key
// (counter_id) and its own tidy form (parse/vm.cpp): neither needs a copy a byte at a time.
inline bool one_blank_between_words(std::string_view name) {
    char previous = ' ';  // a name that starts with a blank is not in key form
    for (char const ch : name) {
        if (ch == '\t' || (ch == ' ' && previous == ' ')) {
            return false;
        }
        previous = ch;
    }
    return previous != ' ';  // an empty name neither
}

DBGSIFT_RULE(vm_bare_counter, ast::vm_bare_counter)
// Its name's words and its number hold no ':', which every other counter line has after its
// name: the parser tries the rule only on a line without one (tests/grammars/rule_starts_test.cpp).
inline constexpr char vm_bare_counter_never = ':';

DBGSIFT_RULE(vm_page_file, ast::vm_page_file)

DBGSIFT_RULE(vm_page_file_sizes, ast::vm_page_file_sizes)

DBGSIFT_RULE(vm_banner, ast::vm_banner)

DBGSIFT_RULE(vm_session_limit, ast::vm_session_limit)

DBGSIFT_RULE(vm_session_header, ast::vm_session_header)

DBGSIFT_RULE(vm_session_usage, ast::vm_session_usage)

DBGSIFT_RULE(vm_process_pages, ast::vm_process_pages)

DBGSIFT_RULE(vm_process_kb, ast::vm_process_kb)

// Gates: what a line must start with, after its blanks (`rest`), for a rule to have a chance to
// read it. Each asks for the rule's own first words (lit, keyword or lit_any_case as the rule
// has them, any run of blanks or none between two, as the blank skipper allows), and none of
// these rules leaves a diagnostic before its first words are read: a parser may skip a rule
// on a line its gate turns away, and the line reads (or gives up) as if the rule had been
// tried (tests/grammars/rule_starts_test.cpp). Most lines of a !vm block are counters, which
// every rule before vm_counter would otherwise be tried on. Bytes are compared in plain loops:
// most words differ at their first byte, where a compare call would cost more than the loop.
namespace vm_gate {

using text::is_blank_byte;
inline bool is_hex(char c) { return text::is_ascii_digit(c) || (text::ascii_lower(c) >= 'a' && text::ascii_lower(c) <= 'f'); }

// The index of the first byte at or after `i` that is not a blank.
inline std::size_t skip_blanks(std::string_view line, std::size_t i) { return i + text::first_non_blank(line.substr(i)); }

inline bool starts_with(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) {
        return false;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (text[i] != word[i]) {
            return false;
        }
    }
    return true;
}

// `rest` starts with `first`, then (after blanks, or none) `second`: lit(first) >> lit(second).
inline bool starts_with_words(std::string_view rest, std::string_view first, std::string_view second) {
    return starts_with(rest, first) && starts_with(rest.substr(skip_blanks(rest, first.size())), second);
}

// `rest` starts with `word` in any letter case as a whole word: keyword(lit_any_case(word)),
// `word` given in lower case.
inline bool starts_with_keyword_any_case(std::string_view rest, std::string_view word) {
    if (rest.size() < word.size()) {
        return false;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (text::ascii_lower(rest[i]) != word[i]) {
            return false;
        }
    }
    if (rest.size() == word.size()) {
        return true;
    }
    char const next = rest[word.size()];
    return !text::is_ascii_alpha(next) && !text::is_ascii_digit(next) && next != '_';
}

// The length of the run of hex digits `text` starts with.
inline std::size_t hex_run(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && is_hex(text[i])) {
        ++i;
    }
    return i;
}

} // namespace vm_gate

// The bytes that vm_marker's opening and error words start with, for vm_marker_may_start: a
// line led by none of them (most counters) is spared the two searches, which cost more than
// the rest of the gate.
inline constexpr text::ByteTable vm_marker_word_firsts =
    text::either(text::first_bytes_of(vm_marker_openings), text::first_bytes_of(vm_error_words));
// Their second bytes: most counters a first byte lets through ("PagedPool", "Physical Memory",
// "Modified Pages") differ from every word at the second. (Only "*" has no second byte.)
inline constexpr text::ByteTable vm_marker_word_seconds =
    text::either(text::bytes_at(vm_marker_openings, 1), text::bytes_at(vm_error_words, 1));

// vm_marker: a line that starts with an opening or an error's word, or with the address an error
// may follow: hex digits (a '`' and more of them), a ':' and then an error's word. That address
// form is what the rule reads, so a counter led by a hex letter ("Available Pages: ...") is
// turned away at once.
inline bool vm_marker_may_start(std::string_view rest) {
    std::string_view const lead = rest.substr(text::first_non_blank(rest));
    if (!lead.empty() && vm_marker_word_firsts[static_cast<unsigned char>(lead.front())] &&
        (lead.front() == '*' || (lead.size() > 1 && vm_marker_word_seconds[static_cast<unsigned char>(lead[1])])) &&
        (text::starts_with_any(lead, vm_marker_openings) || text::starts_with_any(lead, vm_error_words))) {
        return true;
    }
    std::size_t i = vm_gate::hex_run(rest);
    if (i == 0) {
        return false;
    }
    if (i + 1 < rest.size() && rest[i] == '`' && vm_gate::is_hex(rest[i + 1])) {
        i += 1 + vm_gate::hex_run(rest.substr(i + 1));
    }
    i = vm_gate::skip_blanks(rest, i);
    if (i == rest.size() || rest[i] != ':') {
        return false;
    }
    return text::starts_with_any(rest.substr(vm_gate::skip_blanks(rest, i + 1)), vm_error_words);
}

// vm_session_limit, vm_session_header: "Session Paged Pool Maximum is ...", "Session ID 9 @ ...:"
inline bool vm_session_may_start(std::string_view rest) { return vm_gate::starts_with(rest, "Session"); }

// vm_session_usage: "Paged Pool Usage:", "NonPaged Usage:", "Commit Usage:" (words in any case)
inline bool vm_session_usage_may_start(std::string_view rest) {
    return vm_gate::starts_with_keyword_any_case(rest, "paged") ||
           vm_gate::starts_with_keyword_any_case(rest, "nonpaged") ||
           vm_gate::starts_with_keyword_any_case(rest, "commit");
}

// vm_page_file: "Page File:", "No Name for Paging File", "Paging File Name paged out"
inline bool vm_page_file_may_start(std::string_view rest) {
    return vm_gate::starts_with_words(rest, "Page", "File") || vm_gate::starts_with_words(rest, "No", "Name") ||
           vm_gate::starts_with_words(rest, "Paging", "File");
}

// vm_page_file_sizes: "Current: ...", "Minimum: ..."
inline bool vm_page_file_sizes_may_start(std::string_view rest) {
    return vm_gate::starts_with(rest, "Current") || vm_gate::starts_with(rest, "Minimum");
}

// vm_process_kb, vm_process_pages: a row starts at its pid, hex digits ended by a blank.
inline bool vm_process_row_may_start(std::string_view rest) {
    std::size_t const i = vm_gate::hex_run(rest);
    return i > 0 && i < rest.size() && vm_gate::is_blank_byte(rest[i]);
}

} // namespace dbgsift::grammar
