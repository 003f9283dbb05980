// SPDX-License-Identifier: MIT
// The first-byte gates in front of grammar rules (grammar::*_starts, parse::LineAttempts::
// may_start) and the reader's session-marker gate (grammar::session_marker_openings) only ever
// turn away lines the rule could not read: on every line of every corpus transcript, a rule
// that reads the line, or leaves a diagnostic on it, does so only on a line its gate passes.
// So a parser that skips a rule on a gated line reads (or gives up on) the line exactly as if
// it had tried the rule.
#include "grammars/handle/handle.hpp"
#include "grammars/heap/heap.hpp"
#include "grammars/heap_leak/heap_leak.hpp"
#include "grammars/heap_entry/heap_entry.hpp"
#include "grammars/heap_stat/heap_stat.hpp"
#include "grammars/heap_failure/heap_failure.hpp"
#include "grammars/address/address.hpp"
#include "grammars/bugcheck/bugcheck.hpp"
#include "grammars/common/common.hpp"
#include "grammars/htrace/htrace.hpp"
#include "grammars/lm/lm.hpp"
#include "grammars/locks/locks.hpp"
#include "grammars/stack/stack.hpp"
#include "grammars/vm/vm.hpp"
#include "grammars/poolused/poolused.hpp"
#include "grammars/poolfind/poolfind.hpp"
#include "grammars/poolmon/poolmon.hpp"
#include "grammars/prompt/prompt.hpp"
#include "grammars/process/process.hpp"
#include "dbgsift/parse/block_parser.hpp"
#include "dbgsift/parse/line_attempts.hpp"
#include "dbgsift/text/contains.hpp"
#include "support/files.hpp"
#include "support/parse_line.hpp"
#include "dbgsift/text/trim.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace g = dbgsift::grammar;

namespace {

// Every line of every file under corpus/ (raw bytes split at '\n', a '\r' dropped: the gates
// must hold on any bytes, so a UTF-16 file's lines are as good a test as any).
std::vector<std::string> const& corpus_lines() {
    static auto const lines = [] {
        std::vector<std::string> out;
        for (auto const& text : dbgsift::test::texts_under(CORPUS_DIR)) {
            for (auto const line : dbgsift::test::lines_of(text)) {
                out.emplace_back(line);
            }
        }
        return out;
    }();
    return lines;
}

char lead_of(std::string_view line) {
    auto const i = dbgsift::text::first_non_blank(line);
    return i < line.size() ? line[i] : '\0';
}

// Whether a line (after its blanks) passes the reader's gate of CommandSpec::header_after_number
// `after`: not led by a digit, or its first byte after its digits and their blanks ('\0' at the
// end) is one of `after`. Written out here as a walk of its own, apart from the reader's.
bool passes_after_number(std::string_view rest, std::string_view after) {
    if (rest.empty() || rest.front() < '0' || rest.front() > '9') {
        return true;
    }
    auto const digits_end = rest.find_first_not_of("0123456789");
    auto const next = digits_end == std::string_view::npos ? digits_end : rest.find_first_not_of(" \t", digits_end);
    char const byte = next == std::string_view::npos ? '\0' : rest[next];
    return after.find(byte) != std::string_view::npos;
}

// Lines `rule` reads or leaves a diagnostic on that `passes` (given the line after its blanks)
// turns away (none allowed); `read` counts the lines it reads, so a test can tell the gate was
// exercised.
template <typename Rule, typename Gate>
std::size_t gated_wrongly(Rule const& rule, Gate const& passes, std::size_t& read) {
    std::size_t wrong = 0;
    read = 0;
    for (auto const& line : corpus_lines()) {
        typename Rule::attribute_type attr{};
        std::vector<dbgsift::diagnostic> diags;
        bool const ok = g::parse_line(line, 1, rule, attr, diags);
        read += ok ? 1 : 0;
        std::string_view rest = line;
        rest.remove_prefix(dbgsift::text::first_non_blank(rest));
        if ((ok || !diags.empty()) && !passes(rest)) {
            MESSAGE("turned away but read or diagnosed: \"", line, "\"");
            ++wrong;
        }
    }
    return wrong;
}

// What the corpus must show of a gated rule: that it reads some line (so the gate was
// exercised), or, for a rule the corpus has no line of, only that no line is turned away.
enum class Corpus { reads, may_not_read };

// A gate that looks at the line's first words (`may_start`, given the line after its blanks).
template <typename Rule, typename Gate>
void check_word_gate(Rule const& rule, Gate const& may_start, Corpus corpus = Corpus::reads) {
    std::size_t read = 0;
    CHECK(gated_wrongly(rule, may_start, read) == 0);
    if (corpus == Corpus::reads) {
        CHECK(read > 0);
    }
}

// A gate on the line's first byte after its blanks: one of `starts`.
template <typename Rule>
void check_gate(Rule const& rule, std::string_view starts, Corpus corpus = Corpus::reads) {
    INFO("the gate \"", starts, "\"");
    auto const first_byte_in_starts = [starts](std::string_view rest) {
        return !rest.empty() && rest.front() != '\0' && starts.find(rest.front()) != std::string_view::npos;
    };
    check_word_gate(rule, first_byte_in_starts, corpus);
}

} // namespace

TEST_SUITE_BEGIN("grammar/rule_starts");

TEST_CASE("the corpus is there to test the gates on") {
    CHECK(corpus_lines().size() > 5000);
}

TEST_CASE("!htrace rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::htrace_entry(), g::htrace_entry_starts);
    check_gate(g::htrace_thread(), g::htrace_thread_starts);
    check_gate(g::htrace_note(), g::htrace_note_starts);
    check_gate(g::htrace_chatter(), g::htrace_chatter_starts);
}

// HtraceParser tries the note rule on a line led by '0' only when it ends with "snapshot." (a
// frame line, "0x7c809543: kernel32!...", has that lead too): no such note is turned away.
TEST_CASE("!htrace notes: a note led by a digit ends with \"snapshot.\"") {
    std::size_t digit_led = 0;
    std::size_t other_end = 0;
    for (auto const& line : corpus_lines()) {
        g::ast::htrace_note note;
        std::vector<dbgsift::diagnostic> diags;
        if (lead_of(line) == '0' && g::parse_line(line, 1, g::htrace_note(), note, diags)) {
            ++digit_led;
            if (!dbgsift::text::ends_with_any(line, {"snapshot."})) {
                MESSAGE("a note ending otherwise: \"", line, "\"");
                ++other_end;
            }
        }
    }
    CHECK(digit_led > 0);
    CHECK(other_end == 0);
}

TEST_CASE("!locks rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::resource_header(), g::resource_header_starts);
    check_gate(g::critsec_header(), g::critsec_header_starts);
    check_gate(g::locks_summary(), g::locks_summary_starts);
    check_gate(g::locks_aside(), g::locks_aside_starts);
    check_gate(g::resource_counter(), g::resource_counter_starts);
    check_gate(g::critsec_field(), g::critsec_field_starts);
    check_gate(g::thread_list(), g::thread_list_starts);
    check_gate(g::resource_flags(), g::resource_flags_starts);
    check_gate(g::old_owner(), g::old_owner_starts);
    check_gate(g::thread_detail(), g::thread_detail_starts);
    check_gate(g::owning_process(), g::owning_process_starts);
    // LocksParser asks these past the first byte: a `!cs` field shares it with them.
    check_word_gate(g::critsec_header(), g::critsec_header_may_start);
    check_word_gate(g::locks_summary(), g::locks_summary_may_start);
    check_word_gate(g::locks_aside(), g::locks_aside_may_start);
}

// The first words locks_aside_may_start lets past the mark bytes: each a line the rule reads
// (shared/corpus/locks/013 `!cs -s` and `!cs -o`), so a word dropped from the gate is caught
// here even where the corpus run has too few such lines to tell.
TEST_CASE("locks_aside's gate passes its Stack, No and OwningThread lines") {
    for (std::string_view const line : {"Stack trace for DebugInfo = 0x6A261EE0:", "No stack trace saved",
                                        "OwningThread DbgId = ~0s", "OwningThread Stack ="}) {
        CAPTURE(line);
        CHECK(g::locks_aside_may_start(line));
        std::vector<dbgsift::diagnostic> diags;
        g::ast::locks_aside_kind kind{};
        CHECK(g::parse_line(line, 1, g::locks_aside(), kind, diags));
    }
}

// HeapDetailParser tries the !heap -stat row only on a line with a '-' and no '[' before its
// first one (a HEAP_ENTRY row has its "[00]" flags there): no other line is read or diagnosed.
TEST_CASE("!heap -stat rows: a line with '[' before its first '-' is never one the row reads or diagnoses") {
    std::size_t rows = 0;
    std::size_t turned_away = 0;
    for (auto const& line : corpus_lines()) {
        g::ast::heap_stat_row row;
        std::vector<dbgsift::diagnostic> diags;
        bool const ok = g::parse_line(line, 1, g::heap_stat_row(), row, diags);
        rows += ok ? 1 : 0;
        auto const dash = line.find('-');
        if (dash == std::string::npos || line.substr(0, dash).find('[') != std::string::npos) {
            ++turned_away;
            CHECK_MESSAGE(!(ok || !diags.empty()), line);
        }
    }
    CHECK(rows > 0);
    CHECK(turned_away > 1000);
}

// HeapDetailParser tries the block content symbol under a HEAP_ENTRY row only on a line
// holding '!' (its module!symbol): no line without one is read or diagnosed.
TEST_CASE("HEAP_ENTRY hints: a line without '!' is never one the rule reads or diagnoses") {
    std::size_t hints = 0;
    for (auto const& line : corpus_lines()) {
        boost::spirit::x3::unused_type none;
        std::vector<dbgsift::diagnostic> diags;
        bool const ok = g::parse_line(line, 1, g::heap_entry_hint(), none, diags);
        hints += ok ? 1 : 0;
        if (line.find('!') == std::string::npos) {
            CHECK_MESSAGE(!(ok || !diags.empty()), line);
        }
    }
    CHECK(hints > 0);
}

// HeapDetailParser tries the !heap -l total only on a line without '!' (a stack frame's
// module!symbol): no line holding one is read by it (it leaves no diagnostic anywhere).
TEST_CASE("!heap -l total: a line holding '!' is never one it reads or diagnoses") {
    std::size_t totals = 0;
    std::size_t with_bang = 0;
    for (auto const& line : corpus_lines()) {
        std::uint64_t total = 0;
        std::vector<dbgsift::diagnostic> diags;
        bool const ok = g::parse_line(line, 1, g::heap_leak_total(), total, diags);
        totals += ok ? 1 : 0;
        if (line.find('!') != std::string::npos) {
            ++with_bang;
            CHECK_MESSAGE(!(ok || !diags.empty()), line);
        }
    }
    CHECK(totals > 0);
    CHECK(with_bang > 500);
}

TEST_CASE("heap failure rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::heap_message(), g::heap_message_starts);
    check_gate(g::heap_failure_field(), g::heap_failure_field_starts, Corpus::may_not_read);
    check_gate(g::heap_error_banner(), g::heap_error_banner_starts);
    check_gate(g::verifier_stop(), g::verifier_stop_starts, Corpus::may_not_read);
    check_gate(g::verifier_frame(), g::verifier_frame_starts, Corpus::may_not_read);
}

TEST_CASE("!heap -s rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::heap_separator(), g::heap_separator_starts);
    check_gate(g::heap_header(), g::heap_header_starts);
    check_gate(g::heap_preamble(), g::heap_preamble_starts);
    check_gate(g::heap_fragmentation(), g::heap_fragmentation_starts);
    check_gate(g::heap_virtual_block(), g::heap_virtual_block_starts);
    check_gate(g::heap_fast_continuation(), g::heap_fast_continuation_starts);
}

// HeapParser tries the NT heap row before the segment heap row. The order cannot matter: on
// no line do both read or leave a diagnostic (the NT row refuses "ddeeddee" after the address,
// the segment row requires it, both before any expectation point).
TEST_CASE("!heap -s rows: the NT and the segment heap row never both read or diagnose a line") {
    // corpus/heap/016.txt:4 holds its segment heap rows only as an HTML table, which the raw
    // corpus lines do not undress: its first rows as dbgsift reads them, and a broken one.
    std::vector<std::string> lines = corpus_lines();
    lines.insert(lines.end(), {"    2531eb90000       ddeeddee       0         1          8276        6832",
                               "    2531eb10000       ddeeddee       0         3          1108          16",
                               "    2531eb10000       ddeeddee       0         3",
                               "-------2531eb10000       ddeeddee       0         3          1108          16"});
    std::size_t nt = 0;
    std::size_t segment = 0;
    for (auto const& line : lines) {
        g::ast::heap_row row;
        g::ast::segment_heap_row seg;
        std::vector<dbgsift::diagnostic> row_diags;
        std::vector<dbgsift::diagnostic> seg_diags;
        bool const row_ok = g::parse_line(line, 1, g::heap_row(), row, row_diags);
        bool const seg_ok = g::parse_line(line, 1, g::segment_heap_row(), seg, seg_diags);
        nt += row_ok ? 1 : 0;
        segment += seg_ok ? 1 : 0;
        bool const row_took = row_ok || !row_diags.empty();
        bool const seg_took = seg_ok || !seg_diags.empty();
        CHECK_MESSAGE(!(row_took && seg_took), line);
    }
    CHECK(nt > 100);
    CHECK(segment == 2);
}

// common::heap_address takes its digits in one piece (x3::raw) as hex16 reads them; before, a
// repeat of xdigit appended them one at a time. Both forms read the same text.
namespace heap_address_before {
namespace x3 = boost::spirit::x3;
auto const digit_by_digit = x3::rule<struct old_heap_address_class, std::string>{"heap address"} =
    x3::lexeme[x3::repeat(1, 16)[x3::ascii::xdigit] >> !x3::ascii::graph];
} // namespace heap_address_before

TEST_CASE("!heap -s rows: common::heap_address reads what the digit-by-digit form read") {
    using heap_address_before::digit_by_digit;
    std::size_t rows = 0;
    for (auto const& line : corpus_lines()) {
        g::ast::heap_row row;
        std::vector<dbgsift::diagnostic> diags;
        if (!g::parse_line(line, 1, g::heap_row(), row, diags)) {
            continue;
        }
        ++rows;
        std::string_view rest = dbgsift::text::trim(line);
        while (rest.starts_with('-')) {  // "-------63830000 00001001 ..." (a blog's highlight)
            rest.remove_prefix(1);
        }
        std::string address, before;
        CHECK(g::parse_line(rest, 1, g::common::heap_address, address, diags, g::whole::prefix));
        CHECK(g::parse_line(rest, 1, digit_by_digit, before, diags, g::whole::prefix));
        CHECK_MESSAGE(address == before, line);
        CHECK_MESSAGE(address == row.address, line);
    }
    CHECK(rows > 100);
}

TEST_CASE("common::heap_address reads what the digit-by-digit form read: every token of the corpus") {
    auto const starts = dbgsift::test::compare_at_token_starts(CORPUS_DIR, " \t@-", [](std::string_view rest) {
        rest = rest.substr(0, 40);
        std::string address, before;
        std::vector<dbgsift::diagnostic> diags;
        bool const took = g::parse_line(rest, 1, g::common::heap_address, address, diags, g::whole::prefix);
        bool const took_before =
            g::parse_line(rest, 1, heap_address_before::digit_by_digit, before, diags, g::whole::prefix);
        return took == took_before && address == before;
    });
    CHECK(starts.tried > 50000);
    CHECK(starts.differ == 0);
}

// HeapDetailParser tries the -stat row only on a line holding '-' and the HEAP_ENTRY row only
// on one holding '[': each rule reads that byte before its first expectation point, so on a
// line without it the rule neither reads nor diagnoses.
TEST_CASE("!heap -stat and HEAP_ENTRY rows: a line without the byte they need is never read or diagnosed") {
    std::size_t stat_rows = 0;
    std::size_t entry_rows = 0;
    for (auto const& line : corpus_lines()) {
        g::ast::heap_stat_row stat;
        g::ast::heap_entry_row entry;
        std::vector<dbgsift::diagnostic> stat_diags;
        std::vector<dbgsift::diagnostic> entry_diags;
        bool const stat_ok = g::parse_line(line, 1, g::heap_stat_row(), stat, stat_diags);
        bool const entry_ok = g::parse_line(line, 1, g::heap_entry_row(), entry, entry_diags);
        stat_rows += stat_ok ? 1 : 0;
        entry_rows += entry_ok ? 1 : 0;
        if (line.find('-') == std::string::npos) {
            CHECK_MESSAGE((!stat_ok && stat_diags.empty()), line);
        }
        if (line.find('[') == std::string::npos) {
            CHECK_MESSAGE((!entry_ok && entry_diags.empty()), line);
        }
    }
    CHECK(stat_rows > 10);
    CHECK(entry_rows > 10);
}

TEST_CASE("lm rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::lm_header(), g::lm_header_starts);
    check_gate(g::unloaded_title(), g::unloaded_title_starts);
    check_gate(g::dml_residue(), g::dml_residue_starts, Corpus::may_not_read);
}

TEST_CASE("k rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::k_header(), g::k_header_starts);
    check_gate(g::k_warning(), g::k_warning_starts);
    check_gate(g::k_thread(), g::k_thread_starts);
}

TEST_CASE("!address rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::summary_section(), g::summary_section_starts);
    check_gate(g::address_header(), g::address_header_starts);
    check_gate(g::region_row(), g::region_row_starts);
    check_gate(g::old_region_head(), g::old_region_head_starts);
    check_gate(g::region_field(), g::region_field_starts);
    check_word_gate(g::address_header(), g::address_header_may_start);
    check_word_gate(g::region_field(), g::region_field_may_start);
}

TEST_CASE("!address word gates let through every column word and every field key") {
    // The corpus starts no line with some of them ("EndAddr", "RgnSize", "Content source"):
    // each word the rules read is asked here, with the runs of dashes ('-' and an en dash).
    for (std::string_view const word : g::address_column_words) {
        std::string const line = std::string(word) + " x";
        CHECK_MESSAGE(g::address_header_may_start(line), line);
        CHECK_MESSAGE(g::address_header_starts.find(word.front()) != std::string_view::npos, line);
    }
    for (std::string_view const dashes : {"--------- ----", "\xe2\x80\x93\xe2\x80\x93\xe2\x80\x93 x"}) {
        CHECK_MESSAGE(g::address_header_may_start(dashes), dashes);
        CHECK_MESSAGE(g::address_header_starts.find(dashes.front()) != std::string_view::npos, dashes);
    }
    for (std::size_t k = 0; k < g::ast::k_field_key_names.size(); ++k) {
        using fk = g::ast::field_key;
        auto const key = g::ast::k_field_key_names[k];
        if (auto const f = static_cast<fk>(k); f == fk::full_path || f == fk::pid_tid || f == fk::handle) {
            continue;  // the old layout's keys, without a colon: old_region_field's, not gated
        }
        std::string const line = std::string(key) + ":           75831000";
        CHECK_MESSAGE(g::region_field_may_start(line), line);
        CHECK_MESSAGE(g::region_field_starts.find(key.front()) != std::string_view::npos, line);
    }
    CHECK_FALSE(g::address_header_may_start("TEB                                     1        1000"));
    CHECK_FALSE(g::region_field_may_start("PAGE_READONLY                          42     1e2000"));
}

TEST_CASE("a bare !vm counter line holds no ':'") {
    std::size_t read = 0;
    for (auto const& line : corpus_lines()) {
        g::ast::vm_bare_counter counter;
        std::vector<dbgsift::diagnostic> diags;
        bool const ok = g::parse_line(line, 1, g::vm_bare_counter(), counter, diags);
        CHECK(diags.empty());
        if (ok) {
            ++read;
            CHECK_MESSAGE(line.find(g::vm_bare_counter_never) == std::string::npos, line);
        }
    }
    CHECK(read > 0);
}

TEST_CASE("!handle rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::handle_total(), g::handle_total_starts);
    check_gate(g::handle_type_header(), g::handle_type_header_starts);
    check_gate(g::handle_line(), g::handle_line_starts);
    check_gate(g::handle_type_field(), g::handle_type_field_starts);
    check_gate(g::handle_attributes(), g::handle_attributes_starts);
    check_gate(g::handle_granted_access(), g::handle_granted_access_starts);
    check_gate(g::handle_handle_count(), g::handle_handle_count_starts);
    check_gate(g::handle_pointer_count(), g::handle_pointer_count_starts);
    check_gate(g::handle_name(), g::handle_name_starts);
    check_gate(g::handle_object_info(), g::handle_object_info_starts);
    check_gate(g::kernel_handle_table(), g::kernel_handle_table_starts);
    check_gate(g::kernel_handle_entry(), g::kernel_handle_entry_starts);
    check_gate(g::kernel_free_handle(), g::kernel_free_handle_starts);
    check_gate(g::kernel_object(), g::kernel_object_starts);
    check_gate(g::kernel_object_header(), g::kernel_object_header_starts);
    check_gate(g::kernel_object_counts(), g::kernel_object_counts_starts);
    check_gate(g::kernel_object_name(), g::kernel_object_name_starts);
}

TEST_CASE("!poolused headers and kd cache notes: a line their first-word gates turn away is never one they read or diagnose") {
    check_word_gate(g::pool_group_header(), g::pool_group_header_may_start);
    check_word_gate(g::pool_column_header(), g::pool_column_header_may_start);
    check_word_gate(g::kd_cache_note(), g::kd_cache_note_may_start, Corpus::may_not_read);
    // Each form the note rule reads (grammars/poolused/poolused_def.hpp), and tag rows turned away.
    for (std::string_view const note : {"Using a machine size of 3fe1b pages", "*** CacheSize too low - increasing to 81 MB",
                                        "52044 full reads broken into 52083 partial reads", "counts: 4 cached/0 uncached",
                                        "bytes : 12 cached", "** Transition PTEs are implicitly decoded", "........"}) {
        CHECK_MESSAGE(g::kd_cache_note_may_start(note), note);
    }
    CHECK_FALSE(g::kd_cache_note_may_start("Mm      1778517  1704538   73979 4734656"));
    CHECK_FALSE(g::kd_cache_note_may_start("1394    12 0 12 96 UNKNOWN pooltag '1394'"));
    CHECK_FALSE(g::pool_group_header_may_start("Ntfx    1778517  1704538   73979 4734656"));
    CHECK_FALSE(g::pool_column_header_may_start("Toke    1778517  1704538   73979 4734656"));
}

TEST_CASE("!heap -l chatter: a gated line is never one the rule reads") {
    check_gate(g::heap_leak_chatter(), g::heap_leak_chatter_starts, Corpus::may_not_read);
}

TEST_CASE("!poolused TOTAL and UNKNOWN pooltag: a gated line is never one the rule reads or diagnoses") {
    std::size_t totals = 0;
    std::size_t unknown = 0;
    for (auto const& line : corpus_lines()) {
        char const lead = lead_of(line);
        for (std::size_t width : {2, 3, 4, 6, 8}) {
            std::vector<std::uint64_t> counts;
            std::vector<dbgsift::diagnostic> refused;
            bool const ok = g::parse_pool_total(line, 1, width, counts, refused);
            totals += ok ? 1 : 0;
            if (ok || !refused.empty()) {
                CHECK_MESSAGE(g::pool_total_starts.find(lead) != std::string_view::npos, line);
            }
        }
        // The note sits in a row's description: try it on the rest of the line after each blank.
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (i > 0 && line[i - 1] != ' ') {
                continue;
            }
            auto const rest = dbgsift::text::trim(std::string_view(line).substr(i));
            std::string note;
            std::vector<dbgsift::diagnostic> diags;
            if (g::parse_prefix(rest, 1, g::unknown_pooltag(), note, diags)) {
                ++unknown;
                CHECK(rest.starts_with(g::unknown_pooltag_starts));
            }
            CHECK(diags.empty());
        }
    }
    CHECK(totals > 0);
    CHECK(unknown > 0);
}

// The !vm header test as it was before its "Virtual" prefilter: every rule asked.
bool vm_header_ungated(std::string_view line) {
    auto kind = g::ast::vm_marker_kind::title;
    if (dbgsift::parse::matches(line, g::vm_marker(), kind)) {
        return kind == g::ast::vm_marker_kind::title || kind == g::ast::vm_marker_kind::sessions;
    }
    g::ast::vm_counter counter;
    if (dbgsift::parse::matches(line, g::vm_counter(), counter)) {
        return counter.id == dbgsift::model::VmCounterId::physical_memory;
    }
    g::ast::vm_page_file page_file;
    return dbgsift::parse::matches(line, g::vm_page_file(), page_file) && page_file.named &&
           !dbgsift::text::trim(page_file.path).empty();
}

TEST_CASE("!poolfind / !pool and PoolMon rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::pool_chatter(), g::pool_chatter_starts);
    check_gate(g::pool_terminated(), g::pool_terminated_starts);
    check_gate(g::pool_search(), g::pool_search_starts);
    check_gate(g::pool_page_region(), g::pool_page_region_starts);
    check_gate(g::pool_owner(), g::pool_owner_starts);
    check_gate(g::poolmon_header(), g::poolmon_header_starts);
    check_gate(g::poolmon_preamble(), g::poolmon_preamble_starts);
}

TEST_CASE("the !vm header test answers every corpus line as it did without its prefilter") {
    dbgsift::parse::CommandSpec const* vm = nullptr;
    for (auto const& spec : dbgsift::parse::command_specs()) {
        vm = spec.kind == "vm" ? &spec : vm;
    }
    REQUIRE(vm != nullptr);
    std::size_t headers = 0;
    for (auto const& line : corpus_lines()) {
        bool const gated = vm->is_header(line);
        headers += gated ? 1 : 0;
        CHECK_MESSAGE(gated == vm_header_ungated(line), line);
    }
    CHECK(headers > 0);
    // corpus/vm/002.txt:3's title, the same in capitals, and a banner that is no title
    // (corpus/acceptance/seed002-myav.log:18)
    CHECK(vm->is_header("*** Virtual Memory Usage ***"));
    CHECK(vm->is_header("*** VIRTUAL MEMORY USAGE ***"));
    CHECK_FALSE(vm->is_header("********** Excessive Paged Pool Usage *****"));
}

// The first-word tests that open is_locks_header, is_vm_header and is_poolmon_header: the
// headers of a paste with no prompt still pass them, a line of another command does not.
TEST_CASE("header tests: a prompt-less paste's first line passes its command's first-word test") {
    auto const spec_of = [](std::string_view kind) {
        dbgsift::parse::CommandSpec const* found = nullptr;
        for (auto const& spec : dbgsift::parse::command_specs()) {
            found = spec.kind == kind ? &spec : found;
        }
        REQUIRE(found != nullptr);
        return found;
    };
    auto const* vm = spec_of("vm");
    auto const* locks = spec_of("locks");
    auto const* poolmon = spec_of("poolmon");
    // corpus/vm/001.txt:1 (a paste that starts at the page file), the title, the sessions title
    CHECK(vm->is_header("Page File: \\??\\C:\\pagefile.sys"));
    CHECK(vm->is_header("*** Virtual Memory Usage ***"));
    CHECK(vm->is_header("Terminal Server Memory Usage By Session:"));
    // corpus/locks/010.txt's banner, a Resource and a CritSec header, `!cs`'s first field
    CHECK(locks->is_header("KD: Scanning for held locks...."));
    CHECK(locks->is_header("Resource @ nt!CmpRegistryLock (0x80478b00)    Shared 10 owning threads"));
    CHECK(locks->is_header("CritSec Wait2!consoleCritSection+0 at 00007ff6492e5ad0"));
    CHECK(locks->is_header("DebugInfo          = 0x00007ffec1550e10"));
    // corpus/series/poolmon-001-io-x316.log's column header
    CHECK(poolmon->is_header(" Tag  Type     Allocs            Frees            Diff   Bytes       Per Alloc"));
    // !vm's counter (corpus/vm/001.txt) starts with "System" but is no PoolMon header
    CHECK_FALSE(poolmon->is_header("System PageTables:        5948 (   23792 Kb)"));
    CHECK_FALSE(vm->is_header("System PageTables:        5948 (   23792 Kb)"));
}

TEST_CASE("an annotated line holds one of the note marks") {
    std::size_t read = 0;
    for (auto const& line : corpus_lines()) {
        char mark = 0;
        std::vector<dbgsift::diagnostic> diags;
        bool const ok = g::parse_line(line, 1, g::annotated_line(), mark, diags);
        CHECK(diags.empty());
        if (ok) {
            ++read;
            CHECK_MESSAGE(line.find_first_of(g::annotated_line_marks) != std::string::npos, line);
        }
    }
    CHECK(read > 0);
}

TEST_CASE("module_base_name only reads a name may_have_base_suffix lets through") {
    std::size_t read = 0;
    for (auto const& line : corpus_lines()) {
        // Every run of bytes between blanks, '!' and '+' stands in for a module name.
        std::size_t start = 0;
        while (start < line.size()) {
            auto end = line.find_first_of(" \t!+", start);
            if (end == std::string::npos) {
                end = line.size();
            }
            std::string_view const token(line.data() + start, end - start);
            std::string base;
            std::vector<dbgsift::diagnostic> diags;
            if (!token.empty() && g::parse_line(token, 1, g::module_base_name(), base, diags)) {
                ++read;
                CHECK_MESSAGE(g::may_have_base_suffix(token), token);
            }
            start = end + 1;
        }
    }
    CHECK(read > 0);
    // corpus/locks/119.txt:7 "ntdll_771d0000!ZwWaitForSingleObject+0x15" (WOW64), and a 64-bit base
    CHECK(g::may_have_base_suffix("ntdll_771d0000"));
    CHECK(g::may_have_base_suffix("ntdll_00007ffe12340000"));
    CHECK_FALSE(g::may_have_base_suffix("_771d0000"));
    CHECK_FALSE(g::may_have_base_suffix("KERNELBASE"));
}

TEST_CASE("an elision is blank or starts with '.', '[', '<' or '(' (the reader asks no other line)") {
    std::size_t elisions = 0;
    for (auto const& line : corpus_lines()) {
        if (dbgsift::parse::is_elision(line)) {
            ++elisions;
            char const lead = lead_of(line);
            CHECK_MESSAGE((lead == '\0' || lead == '.' || lead == '[' || lead == '<' || lead == '('), line);
        }
    }
    CHECK(elisions > 0);
    CHECK(dbgsift::parse::is_elision("  [...]  "));
    CHECK(dbgsift::parse::is_elision(" \t "));
    CHECK_FALSE(dbgsift::parse::is_elision("  ...and then"));
}

TEST_CASE("session markers: every line the rule reads starts with one of its openings") {
    std::size_t read = 0;
    for (auto const& line : corpus_lines()) {
        g::ast::session_marker marker;
        std::vector<dbgsift::diagnostic> diags;
        if (!g::parse_line(line, 1, g::session_marker(), marker, diags)) {
            CHECK(diags.empty());
            continue;
        }
        ++read;
        std::string_view rest = line;
        rest.remove_prefix(dbgsift::text::first_non_blank(rest));
        bool opened = false;
        for (auto const opening : g::session_marker_openings) {
            opened = opened || rest.starts_with(opening);
        }
        CHECK_MESSAGE(opened, line);
    }
    CHECK(read > 0);
}

TEST_CASE("!vm markers: every line the rule reads starts with an opening, or holds an error's word after an address") {
    std::size_t read = 0;
    std::size_t after_address = 0;
    for (auto const& line : corpus_lines()) {
        auto kind = g::ast::vm_marker_kind::title;
        std::vector<dbgsift::diagnostic> diags;
        bool const ok = g::parse_line(line, 1, g::vm_marker(), kind, diags);
        CHECK(diags.empty());  // no expectation points: a line turned away loses no diagnostic
        if (!ok) {
            continue;
        }
        ++read;
        std::string_view rest = line;
        rest.remove_prefix(dbgsift::text::first_non_blank(rest));
        bool opened = false;
        for (auto const opening : g::vm_marker_openings) {
            opened = opened || rest.starts_with(opening);
        }
        for (auto const word : g::vm_error_words) {  // an error at the line's start
            opened = opened || rest.starts_with(word);
        }
        if (!opened) {
            ++after_address;
            bool has_word = false;
            for (auto const word : g::vm_error_words) {
                has_word = has_word || rest.find(word) != std::string_view::npos;
            }
            char const lead = lead_of(line);
            bool const hex = (lead >= '0' && lead <= '9') || (lead >= 'a' && lead <= 'f') || (lead >= 'A' && lead <= 'F');
            CHECK_MESSAGE((hex && has_word), line);
        }
    }
    CHECK(read > 0);
    // The form grammars/vm/vm_def.hpp names beside debugger_error: an error after an address.
    std::vector<dbgsift::diagnostic> diags;
    auto kind = g::ast::vm_marker_kind::title;
    CHECK(g::parse_line("fffff803`1234: Unable to get page file", 1, g::vm_marker(), kind, diags));
    CHECK(kind == g::ast::vm_marker_kind::debugger_error);
    MESSAGE(after_address, " corpus marker lines after an address");
}

TEST_CASE("!vm rules: a line their first-word gates turn away is never one they read or diagnose") {
    check_word_gate(g::vm_marker(), g::vm_marker_may_start);
    // (corpus/ has no line of these two: the next test case reads real ones through their gates)
    check_word_gate(g::vm_session_limit(), g::vm_session_may_start, Corpus::may_not_read);
    check_word_gate(g::vm_session_header(), g::vm_session_may_start);
    check_word_gate(g::vm_session_usage(), g::vm_session_usage_may_start);
    check_word_gate(g::vm_page_file(), g::vm_page_file_may_start);
    check_word_gate(g::vm_page_file_sizes(), g::vm_page_file_sizes_may_start);
    check_word_gate(g::vm_process_kb(), g::vm_process_row_may_start);
    check_word_gate(g::vm_process_pages(), g::vm_process_row_may_start, Corpus::may_not_read);
}

TEST_CASE("!vm gates: what the rules read, the forms they allow, and the counters turned away") {
    // Real rows the rules read (file:line), and forms the grammar allows besides.
    CHECK(g::vm_marker_may_start("fffff803`1234: Unable to get page file"));  // vm_def.hpp's example
    CHECK(g::vm_marker_may_start("Unimplemented error for MiSystemVaTypeCount"));  // corpus/session/002.txt:41
    // Led by blanks, and by each byte an opening starts with (vm_marker_word_firsts)
    CHECK(g::vm_marker_may_start("  *** Virtual Memory Usage ***"));  // corpus/vm/002.txt:1, indented
    CHECK(g::vm_marker_may_start("\\*\\*\\* Virtual Memory Usage \\*\\*\\*"));  // markdown's escapes
    CHECK(g::vm_marker_may_start("Terminal Server Memory Usage By Session:"));
    CHECK(g::vm_marker_may_start("Memory Usage By Session:"));
    CHECK(g::vm_marker_may_start("Pid ImageName                        Commit   SharedCommit        Debt"));
    // A counter led by one of those bytes still goes on to the words themselves
    CHECK_FALSE(g::vm_marker_may_start("Modified Pages:      36185 (   144740 Kb)"));
    CHECK_FALSE(g::vm_marker_may_start("Shared Commit:      176512 (   706048 Kb)"));
    CHECK(g::vm_session_usage_may_start("Paged Pool Usage:      32552K"));  // seed002-session.log:65
    CHECK(g::vm_session_usage_may_start("NonPaged Usage:        316 Kb"));  // corpus/vm/008.txt:11
    CHECK(g::vm_session_usage_may_start("COMMIT USAGE: 1 Kb"));  // lit_any_case
    CHECK(g::vm_page_file_may_start("Page File: \\??\\C:\\pagefile.sys"));
    CHECK(g::vm_page_file_may_start("PageFile: x"));  // lit >> lit: no blank needed between
    CHECK(g::vm_page_file_may_start("No Name for Paging File"));
    CHECK(g::vm_page_file_may_start("Paging File Name paged out"));
    CHECK(g::vm_process_row_may_start("81c MsMpEng.exe                   112764 Kb        7400 Kb        0 Kb"));
    {
        std::vector<dbgsift::diagnostic> diags;
        std::string_view const limit = "       Session Paged Pool Maximum is 32768K";  // seed002-session.log:47
        g::ast::vm_session_limit lim;
        CHECK(g::vm_session_may_start(dbgsift::text::trim(limit)));
        CHECK(g::parse_line(limit, 47, g::vm_session_limit(), lim, diags));
        std::string_view const pages = "         0a6c svchost.exe        12345 (   49380 Kb)";  // vm_def.hpp's older form
        g::ast::vm_process_pages row;
        CHECK(g::vm_process_row_may_start(dbgsift::text::trim(pages)));
        CHECK(g::parse_line(pages, 1, g::vm_process_pages(), row, diags));
        CHECK(diags.empty());
    }
    // Counters the gates turn away (the forms of corpus/vm/002.txt:8-28): vm_counter reads them.
    CHECK_FALSE(g::vm_marker_may_start("Available Pages:   611288 (  2445152 Kb)"));
    CHECK_FALSE(g::vm_marker_may_start("Free System PTEs:  33564273 ( 134257092 Kb)"));
    CHECK_FALSE(g::vm_session_usage_may_start("PagedPool Usage:   266954 (  1067816 Kb)"));
    CHECK_FALSE(g::vm_session_usage_may_start("NonPagedPool Usage: 29559056 ( 118236224 Kb)"));
    CHECK_FALSE(g::vm_session_usage_may_start("Committed pages:  2242764 (  8971056 Kb)"));
    CHECK_FALSE(g::vm_page_file_may_start("PagedPool 0 Usage:   238975 (   955900 Kb)"));
    CHECK_FALSE(g::vm_page_file_may_start("NonPagedPool Max:   1561080 (  6244320 Kb)"));
    CHECK_FALSE(g::vm_page_file_sizes_may_start("Commit limit:     4270402 ( 17081608 Kb)"));
    CHECK_FALSE(g::vm_process_row_may_start("Driver Commit:      23265 (    93060 Kb)"));
    CHECK_FALSE(g::vm_session_may_start("Shared Commit:     604170 (  2416680 Kb)"));
    // Each of these, tried anyway, is refused with no diagnostic: the gate loses nothing.
    std::vector<dbgsift::diagnostic> diags;
    g::ast::vm_session_usage usage;
    CHECK_FALSE(g::parse_line("PagedPool Usage:   266954 (  1067816 Kb)", 1, g::vm_session_usage(), usage, diags));
    g::ast::vm_page_file page_file;
    CHECK_FALSE(g::parse_line("NonPagedPool Max:   1561080 (  6244320 Kb)", 1, g::vm_page_file(), page_file, diags));
    auto kind = g::ast::vm_marker_kind::title;
    CHECK_FALSE(g::parse_line("Available Pages:   611288 (  2445152 Kb)", 1, g::vm_marker(), kind, diags));
    CHECK(diags.empty());
}

// The reader asks a command's header test only of a line whose first byte after blanks is
// one of the spec's header_firsts (segment/header_probes.cpp, spec_for_header).
TEST_CASE("header tests: every line a command's is_header accepts starts with one of its header_firsts") {
    std::size_t accepted = 0;
    for (auto const& spec : dbgsift::parse::command_specs()) {
        if (spec.is_header == nullptr) {
            continue;
        }
        CAPTURE(spec.kind);
        CHECK_FALSE(spec.header_firsts.empty());  // every command has them: an empty one asks every line
        std::size_t kind_accepted = 0;
        for (auto const& line : corpus_lines()) {
            if (!spec.is_header(line)) {
                continue;
            }
            ++kind_accepted;
            char const lead = lead_of(line);
            CHECK_MESSAGE((lead != '\0' && spec.header_firsts.find(lead) != std::string::npos), line);
        }
        accepted += kind_accepted;
    }
    CHECK(accepted > 100);
}

// The header tests of !handle, !htrace, k and heap failure reports turn a line away by a few
// bytes at a fixed place (its last word; the byte after a thread number; the prefix's byte after
// "HEAP") before any search or grammar, and the reader asks the first three without a ByteMask
// (they have no header_words): each answers every corpus line, and the ugly forms below, as its
// grammars alone do.
bool handle_header_ungated(std::string_view line) {
    std::uint64_t total = 0;
    boost::spirit::x3::unused_type none;
    return dbgsift::parse::matches(line, g::handle_total(), total) ||
           dbgsift::parse::matches(line, g::handle_type_header(), none);
}

bool htrace_header_ungated(std::string_view line) {
    g::ast::htrace_note note;
    return dbgsift::parse::matches(line, g::htrace_note(), note) && note.kind == g::ast::htrace_note_kind::new_traces;
}

bool kstack_header_ungated(std::string_view line) {
    g::ast::k_thread thread;
    return line.find("Suspend") != std::string_view::npos && dbgsift::parse::matches(line, g::k_thread(), thread);
}

// A heap failure report starts at a "HEAP[app.exe]:" or "HEAP:" prefix, or "VERIFIER STOP".
bool heap_failure_start_ungated(std::string_view line) {
    auto const text = dbgsift::text::trim(line);
    g::ast::heap_message m;
    g::ast::heap_failure_field f;
    g::ast::verifier_stop v;
    return dbgsift::parse::matches(text, g::heap_message(), m) || dbgsift::parse::matches(text, g::heap_failure_field(), f) ||
           dbgsift::parse::matches(text, g::verifier_stop(), v);
}

// The reader asks the k, !handle and !htrace header tests of a digit-led line only when the
// byte after its number is one of the spec's header_after_number
// (segment/header_probes.cpp, spec_for_header): no line their header grammars read or
// diagnose is turned away, on the corpus and on the ugly forms below.
TEST_CASE("header tests: a digit-led header goes on with one of its spec's header_after_number") {
    auto const gate = [](std::string_view after) {
        return [after](std::string_view rest) { return passes_after_number(rest, after); };
    };
    check_word_gate(g::k_thread(), gate(g::k_thread_after_number));
    check_word_gate(g::handle_total(), gate(g::handle_total_after_number));
    check_word_gate(g::htrace_note(), gate(g::htrace_note_after_number));

    std::vector<std::string> lines = corpus_lines();
    lines.insert(lines.end(), {
        "3Id: 1364.a9 Suspend: 1 Teb: 7ffd9000 Unfrozen",       // no blank before Id
        "  4\t\tiD: 97.a3   Suspend: 0 Teb 7ffd9000 Unfrozen",  // tabs, any case
        "273020Handles", "273020 \t Handles  ",
        "0X1CA new stack traces since the previous snapshot.",
        "0 x3 new stack traces since the previous snapshot.",   // no header: "0x" split
        "68130000 00001001   10240  10240  10240    160    21     0    0    bad      ",
        "001b9cb0  001b9cb8  00170000  00000000        80       300  busy extra",
        "4294967296  Id: 1.2 Suspend: 1 Teb: 7ffd9000 Unfrozen",  // past a 32-bit number
        "7", "7   ",
    });
    std::size_t accepted = 0;
    for (auto const& spec : dbgsift::parse::command_specs()) {
        if (spec.is_header == nullptr || spec.header_after_number.empty()) {
            continue;
        }
        CAPTURE(spec.kind);
        for (auto const& line : lines) {
            if (!spec.is_header(line)) {
                continue;
            }
            ++accepted;
            std::string_view rest = line;
            rest.remove_prefix(dbgsift::text::first_non_blank(rest));
            CHECK_MESSAGE(passes_after_number(rest, spec.header_after_number), line);
        }
    }
    CHECK(accepted > 10);
    // The gate turns away the rows it is for.
    CHECK_FALSE(passes_after_number("001b9cb0  001b9cb8  00170000", g::k_thread_after_number));
    CHECK_FALSE(passes_after_number("68130000 00001001   10240", g::handle_total_after_number));
    CHECK_FALSE(passes_after_number("7", g::k_thread_after_number));
    CHECK(passes_after_number(".  6  Id: 1364.a9", g::k_thread_after_number));  // not digit-led
}

TEST_CASE("the !handle, !htrace, k and heap failure header gates turn away no line their grammars read") {
    struct Case {
        std::string_view kind;
        bool (*ungated)(std::string_view);
        bool worded;  // keeps header_words: the reader asks a ByteMask first
    };
    std::vector<std::string> lines = corpus_lines();
    lines.insert(lines.end(), {
        "  33 Handles \t",                                    // blanks after the last word
        "Type           \tCount",                             // corpus/handle/001.txt's tab
        "33 HandlesX", "Type Counts", "Type            File",  // no header
        "0x3 new stack traces since the previous snapshot.  ",
        "0x3 new stack traces since the previous snapshot",   // no header: the '.' is read
        ".  6  Id: 1364.a9 Suspend: 1 Teb: 7ffd9000 Unfrozen",
        "#\t6\tid: 1364.a9 Suspend: 1 Teb: 7ffd9000 Unfrozen",
        "  4  ID: 97.a3   Suspend: 0 Teb 7ffd9000 Unfrozen",
        "  4  x id: 97.a3   Suspend: 0 Teb 7ffd9000 Unfrozen",  // no header: a word before Id
        "..  6  Id: 1364.a9 Suspend: 1 Teb: 7ffd9000 Unfrozen",
        "HEAP: Free Heap block 5331AB0 modified at 5331E90 after it was freed",
        "  HEAP[a.exe]: HEAP: Heap handle: 00310000",
        "HEAP_ENTRY Size Prev Flags    UserPtr UserSize - state",  // no report
    });
    for (auto const& c : {Case{"handle", handle_header_ungated, false}, Case{"htrace", htrace_header_ungated, false},
                          Case{"kstack", kstack_header_ungated, false},
                          Case{"heap-failure", heap_failure_start_ungated, true}}) {
        CAPTURE(c.kind);
        dbgsift::parse::CommandSpec const* spec = nullptr;
        for (auto const& s : dbgsift::parse::command_specs()) {
            spec = s.kind == c.kind ? &s : spec;
        }
        REQUIRE(spec != nullptr);
        CHECK(spec->header_words.empty() == !c.worded);  // unworded: the reader asks the gate itself
        std::size_t headers = 0;
        for (auto const& line : lines) {
            bool const said = spec->is_header(line);
            headers += said ? 1 : 0;
            CHECK_MESSAGE(said == c.ungated(line), line);
        }
        CHECK(headers > 2);
    }
}

TEST_CASE("a gate passes the real lines its rule reads, blanks before them or not") {
    std::vector<dbgsift::diagnostic> diags;
    g::ast::htrace_entry e;
    // corpus/htrace/002.txt:7, indented
    std::string_view const entry = "   Handle = 0x0000003c - OPEN";
    CHECK(g::htrace_entry_starts.find(lead_of(entry)) != std::string_view::npos);
    CHECK(g::parse_line(entry, 7, g::htrace_entry(), e, diags));
    // corpus/heap_failure/001.txt:15, TAB-indented: the gate looks past blanks to the prefix's 'H'.
    g::ast::heap_message m;
    std::string_view const message =
        "\tHEAP[demo.exe]: Heap block at 015C3DC0 modified at 015C3DD4 past requested size of c";
    CHECK(g::heap_message_starts.find(lead_of(message)) != std::string_view::npos);
    CHECK(g::parse_line(message, 1, g::heap_message(), m, diags));
    CHECK(diags.empty());
}

// The !process rules the !process and !handle parsers both gate by first byte.
TEST_CASE("!process rules: read only lines their gates pass") {
    check_gate(g::process_header(), g::process_header_starts);
    check_gate(g::process_ids(), g::process_ids_starts);
    check_gate(g::process_tables(), g::process_tables_starts);
    check_gate(g::process_image(), g::process_image_starts);
}

// The !analyze parser gates all seven of its rules. The corpus holds no "BugCheck 19, {...}"
// or "Probably caused by" line (tests/parse/pool_corruption_test.cpp feeds them).
TEST_CASE("!analyze rules: a gated line is never one the rule reads or diagnoses") {
    check_gate(g::bugcheck_title(), g::bugcheck_title_starts);
    check_gate(g::bugcheck_short(), g::bugcheck_short_starts, Corpus::may_not_read);
    check_gate(g::analyze_probable(), g::analyze_probable_starts, Corpus::may_not_read);
    check_gate(g::bugcheck_arg(), g::bugcheck_arg_starts);
    check_gate(g::bugcheck_code(), g::bugcheck_code_starts);
    check_gate(g::analyze_name(), g::analyze_name_starts);
    check_gate(g::analyze_symbol(), g::analyze_symbol_starts);
}

TEST_SUITE_END();
