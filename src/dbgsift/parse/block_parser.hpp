// SPDX-License-Identifier: MIT
// The contract between the segmenter and one command's parser. A block parser is fed the
// lines of one command block as they stream past, writes what it reads into the snapshot
// the block belongs to, and turns every line it cannot read into a diagnostic.
#pragma once
#include "../../../grammars/source.hpp"
#include "../model/snapshot.hpp"
#include "../text/line.hpp"
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dbgsift::parse {

// What became of one line.
enum class LineVerdict {
    understood,      // a grammar read it; counts toward coverage
    ignored,         // blank, a rule line, an elision, a header with nothing to keep: not counted
    not_understood,  // counts against coverage; the parser has pushed a diagnostic for it
    // The line begins another copy of this output (a PoolMon screen refreshed, its next
    // capture pasted below): the segmenter closes this block and opens a new one at this line,
    // which fills the next snapshot. Only after the block has read something of its own.
    restart,
};

struct BlockContext {
    model::Snapshot& snapshot;
    std::vector<model::Diagnostic>& diagnostics;
    std::uint32_t file = 0;  // index of the input in the case, for model::Loc
    std::string_view command;  // the command text after the prompt ("" for a prompt-less block)
    // The line being read and where its text starts after its blanks (what
    // text::first_non_blank gives), which the undresser measured already: LineAttempts on that
    // very line takes its lead byte from here instead of walking the blanks again. nullptr: none.
    text::Line const* measured = nullptr;
    std::size_t indent = 0;

    // Set by the reader: the input's kept snapshots already hold all the spare room it lets
    // them keep (segment::k_spare_bytes_kept), or the input overflowed the snapshot cap.
    bool tight = false;
    // Spare bytes of the lists keep_list counted instead of fitting: the reader adds them to
    // the input's spare room when the block closes.
    std::size_t spare_kept = 0;

    model::Loc loc(std::uint32_t line) const { return {file, line}; }

    // A parser's own list (a table's rows, a stack's frames) is done and goes to the report
    // with the snapshot. Its spare room (a reserve for a typical block, a doubling's upper
    // half) is counted while the input has room to spare, so a bulk run of small case logs
    // moves no list again; past that it is fit to its size, as the reader fits a snapshot's
    // own lists, and a long transcript keeps only what it read (issue 14).
    template <typename List>
    void keep_list(List& list) {
        auto const spare = list.capacity() - list.size();
        if (spare == 0) {
            return;
        }
        if (!tight) {
            spare_kept += spare * sizeof(*list.data());
        } else if (spare > list.size() / 8) {
            list.shrink_to_fit();
        }
    }
    void diagnose(std::uint32_t line, std::uint32_t column, std::string message) const {
        diagnostics.push_back({line, column, std::move(message)});
    }
    // What a grammar refused, handed to the model.
    void report(std::vector<diagnostic> const& refused) const {
        for (auto const& d : refused) {
            diagnose(d.line, d.column, d.message);
        }
    }
};

class BlockParser {
public:
    virtual ~BlockParser() = default;
    // Called for every line of the block after the prompt line, in order. The line has
    // already been decoded and undressed; blank lines and elisions ("[...]") never arrive.
    virtual LineVerdict line(text::Line const& line, BlockContext& ctx) = 0;
    // Called where the paste cut lines ("[...]", "..."): a listing that is known to be
    // partial must not be counted as if it were whole.
    virtual void elision(BlockContext& /*ctx*/) {}
    // Called once after the last line, to store anything kept across lines.
    virtual void finish(BlockContext& /*ctx*/) {}
};

// How the segmenter finds and builds the parser for one debugger command.
struct CommandSpec {
    std::string_view kind;  // "vm", "poolused", "lm", "search", "process", "handle", ...
    // True when the command typed after a prompt is this one: "!vm 4", "lmv m MyAVDrv.sys".
    bool (*is_command)(std::string_view command);
    // True when a line is unmistakably this command's output header, so a paste with no
    // prompt can still be read ("*** Virtual Memory Usage ***"). May be nullptr.
    bool (*is_header)(std::string_view line);
    // Which part of a snapshot a block fills. The k-th block filling a slot belongs to the
    // k-th snapshot of its target, so two `!address` + two `!heap -s` pair up as two moments.
    // "" means the block only adds detail (lm, s -a) to the latest snapshot.
    std::string (*slot)(std::string_view command);
    // Target assumed for a prompt-less block.
    model::Target default_target;
    std::unique_ptr<BlockParser> (*make)();
    // Target of a prompt-less block that starts at `header_line`, when the header tells
    // (a "CritSec" line is user mode, a "Resource @" line kernel). May be nullptr.
    model::Target (*header_target)(std::string_view header_line) = nullptr;
    // Target of a block whose command alone tells it ("!cs" is user mode), for a command
    // quoted with no prompt; Target::unknown when it cannot tell. May be nullptr.
    model::Target (*command_target)(std::string_view command) = nullptr;
    // Words one of which every line is_header accepts contains (its literal prefilter), so the
    // reader can skip is_header on a line that lacks some byte of each (text::ByteMask).
    // Empty: is_header is asked on every line.
    std::vector<std::string_view> header_words = {};
    // The bytes a line is_header accepts can start with after its blanks (the first words of
    // its header grammars, grammar::*_starts), so the reader can skip is_header on a line led
    // by any other byte without looking further (tests/grammars/rule_starts_test.cpp checks
    // every corpus line). Empty: a line may start with any byte.
    std::string header_firsts = {};
    // For a line led by decimal digits (an address, a count): the bytes its first byte after
    // those digits and the blanks behind them may be in a line is_header accepts ('\0' standing
    // for the line's end), so the reader can skip is_header on a row whose digits run into
    // another byte ("001b9cb0", "0x6A207A4C:") or another word ("68130000 00001001"), reading
    // its digits once for all specs (tests/grammars/rule_starts_test.cpp checks every corpus
    // line). Empty: any byte.
    std::string header_after_number = {};
    // Its output quotes another command's header that still opens that command's block (a
    // kernel `!handle` prints the PROCESS header of each table): the reader asks the header
    // tests even of the lines this parser reads. Otherwise a line it reads is its own.
    bool quotes_other_headers = false;
};

// Every command dbgsift reads, most specific first (see registry.cpp).
std::vector<CommandSpec> const& command_specs();

// Lines that carry nothing in any block: "[...]", "[…]", "...", "<snip>".
bool is_elision(std::string_view line);
// Whether a line whose first non-blank byte is `first` ('\0': a blank line) may be an elision:
// every form is blank or starts with one of these, so most lines are answered by this byte.
inline bool may_be_elision(char first) {
    return first == '\0' || first == '.' || first == '[' || first == '<' || first == '(';
}

} // namespace dbgsift::parse
