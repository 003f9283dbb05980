// SPDX-License-Identifier: MIT
// TypedCommands (answered_next_steps) reads words as views and compares them without lowering
// copies: it must drop exactly the steps the first version dropped. That version (each word
// copied by *grammar::common::word into a string, lowered, read as an address) is kept here as
// the reference, and both are run on the next steps of the golden documents and on generated
// steps and commands: placeholders "<...>", comments "(...)", addresses with and without a
// backtick or "0x", words in another letter case.
#include "dbgsift/infer/rules/answered_steps.hpp"

#include "grammars/common/common.hpp"
#include "dbgsift/infer/text.hpp"
#include "dbgsift/pipeline.hpp"

#include <doctest/doctest.h>
#include "support/files.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace x3 = boost::spirit::x3;

namespace reference {

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    char const* first = text.data();
    char const* const last = first + text.size();
    x3::phrase_parse(first, last, *dbgsift::grammar::common::word, x3::ascii::blank, out);
    return out;
}

struct Word {
    std::string lowered;
    std::optional<std::uint64_t> address;
};

Word word_of(std::string const& text, std::string lowered) {
    Word out{std::move(lowered), std::nullopt};
    char const* first = text.data();
    char const* const last = first + text.size();
    std::uint64_t v = 0;
    if (x3::parse(first, last, dbgsift::grammar::common::address, v) && first == last) {
        out.address = v;
    }
    return out;
}

std::vector<Word> step_words(std::string_view step) {
    std::vector<Word> out;
    bool in_placeholder = false;
    for (auto& w : words(step)) {
        if (in_placeholder) {
            in_placeholder = !w.ends_with('>');
            continue;
        }
        if (w.starts_with('(')) {
            break;
        }
        if (w.starts_with('<')) {
            out.push_back({"<>", std::nullopt});
            in_placeholder = !w.ends_with('>');
            continue;
        }
        auto lowered = dbgsift::infer::lower(w);
        out.push_back(word_of(lowered, lowered));
    }
    return out;
}

std::vector<Word> typed_words(std::string_view command) {
    std::vector<Word> out;
    for (auto const& w : words(command)) {
        out.push_back(word_of(w, dbgsift::infer::lower(w)));
    }
    return out;
}

bool same_word(Word const& step, Word const& typed) {
    if (step.lowered == "<>" || step.lowered == typed.lowered) {
        return true;
    }
    bool const numeric = step.lowered.size() > 1 || typed.lowered.starts_with("0x");
    return numeric && step.address && typed.address && *step.address == *typed.address;
}

bool answers(std::vector<Word> const& step, std::vector<Word> const& typed) {
    if (step.empty() || typed.size() < step.size()) {
        return false;
    }
    for (std::size_t i = 0; i < step.size(); ++i) {
        if (!same_word(step[i], typed[i])) {
            return false;
        }
    }
    return true;
}

bool answered(std::string_view step, std::vector<std::string_view> const& commands) {
    auto const s = step_words(step);
    return std::any_of(commands.begin(), commands.end(), [&](std::string_view c) { return answers(s, typed_words(c)); });
}

// The same answer with the commands' words read once, for tests that ask many steps.
bool answered_by(std::vector<Word> const& step, std::vector<std::vector<Word>> const& commands) {
    return std::any_of(commands.begin(), commands.end(), [&](std::vector<Word> const& c) { return answers(step, c); });
}

} // namespace reference

// The next steps the golden documents give (tests/golden/expected), each once.
std::vector<std::string> const k_real_steps{
    "!address -f:MEM_PRIVATE,MEM_COMMIT",
    "!address -f:VAR   (VirtualAlloc regions, with their sizes)",
    "!address -summary",
    "!cs -o 0x100d0078",
    "!cs -o 0x24e750",
    "!cs -o 0x5164a394",
    "!cs -o 0x6833dd68",
    "!cs -o 0x68629100",
    "!cs -o 0x772920c0",
    "!cs -o 0x7ff605dd5af8",
    "!cs -o 0x7ff6492e5ad0",
    "!cs -o 0x7ff6492e5af8",
    "!cs -o 0x7ff65e843628",
    "!cs -o 0x7ff65e843650",
    "!cs -o 0x7ff9d241f4f8",
    "!cs -s 0x6833dd68   (where it was initialised; needs +ust)",
    "!cs -s 0x7ff605dd5af8   (where it was initialised; needs +ust)",
    "!cs -s <each section of the cycle>   (needs +ust)",
    "!eeheap -gc   (a .NET GC heap shows as <unknown>)",
    "!for_each_module s -a @#Base @#End \"ABCD\"",
    "!for_each_module s -a @#Base @#End \"Ddk\"",
    "!for_each_module s -a @#Base @#End \"FMsl\"",
    "!for_each_module s -a @#Base @#End \"Hack\"",
    "!for_each_module s -a @#Base @#End \"IXGB\"",
    "!for_each_module s -a @#Base @#End \"Io\"",
    "!for_each_module s -a @#Base @#End \"MmSt\"",
    "!handle 0 3 b2fcd670",
    "!handle 0 3 ffffab84cb25b0c0",
    "!handle 0 f Event",
    "!handle 3c f   (type and name of the first one)",
    "!handle 5a4 f   (type and name of the first one)",
    "!handle 5b0 f   (type and name of the first one)",
    "!heap -flt s 156600",
    "!heap -flt s <size>   (the size that dominates !heap -stat)",
    "!heap -h 63830000",
    "!heap -p -a 0x15c3dc0   (with page heap on: the block's allocation and free stacks)",
    "!heap -p -a 0x37f0020   (a listed block of that size; needs +ust)",
    "!heap -p -a 1b2960   (allocation stack of one of them, needs +ust)",
    "!heap -p -a <UserPtr of a busy block of that size>   (needs +ust)",
    "!heap -p -a <block address>",
    "!heap -p -a <block address>   (allocation stack, needs +ust)",
    "!heap -stat -h 0000000001980000",
    "!heap -stat -h 00000218f1710000",
    "!heap -stat -h 00150000",
    "!heap -stat -h 63830000",
    "!htrace -diff",
    "!htrace -enable",
    "!htrace -snapshot, run the workload again, !htrace -diff   (does the count keep growing?)",
    "!locks -v 0x80478b00",
    "!locks -v 0x85205ec8",
    "!locks -v 0x89929320",
    "!locks -v 0xfc664ee0",
    "!object \\BaseNamedObjects",
    "!poolfind ABCD 0",
    "!poolfind Ddk 0",
    "!poolfind FMsl 0",
    "!poolfind Hack 0",
    "!poolfind IXGB 0",
    "!poolfind Io 0",
    "!poolfind Leak 0",
    "!poolfind MmSt 1",
    "!poolfind MyAV 1",
    "!poolused 2",
    "!poolused 3",
    "!poolused 4",
    "!poolused 5",
    "!poolused 8",
    "!poolval 0xffffc48068d7d000   (checks every pool header of the page)",
    "!process 0818 7",
    "!process 1c1c 7",
    "!running -t",
    "!sprocess 9",
    "!stacks 2 Cm",
    "!thread 850bbd78",
    "!thread 88b9fcb0",
    "!thread 8952d030",
    "!thread ffaf5410",
    "!vm 4",
    "a second !address -summary later, to measure the growth",
    "bp kernel32!HeapCreate \"k; g\"   (who creates them)",
    "gflags /i <image> +ust, restart and reproduce, then !heap -p -a <UserPtr>   (records allocation stacks)",
    "gflags /i <image>.exe -ust   (turn user-mode stack trace logging off)",
    "gflags /i <image>.exe /tracedb <SizeInMB>   (or limit the stack backtrace database)",
    "kb   (at the break: the stack that freed or checked the damaged block)",
    "lm t n",
    "lmv m myfault",
    "umdh -p:<pid> -f:before.txt, again later -f:after.txt, then umdh before.txt after.txt",
    "umdh comparisons of two moments, to tell real heap growth from logging overhead",
    "verifier /flags 0x1 /driver <suspect>.sys   (special pool, then reproduce: the bad write faults in the writer's own code)",
    "verifier /flags 0x1 /driver Driver.sys   (special pool, then reproduce: the bad write faults in the writer's own code)",
    "~*kb",
    "~*kb (other threads queued behind the cycle)",
    "~~[174]kb",
    "~~[206c]kb",
    "~~[278]kb",
    "~~[2aa0]kb",
    "~~[2c78]kb",
    "~~[3004]kb",
    "~~[33bc]kb",
    "~~[7ec]kb",
    "~~[a3]kb",
    "~~[a9]kb",
};

// Words steps and commands are made of: commands, options, numbers written several ways (the
// same values with and without "0x", leading zeros, a backtick), letter cases, placeholders
// and comments, a byte that is neither blank nor graphic.
std::vector<std::string> const k_words{
    "!heap", "!HEAP", "!Heap", "-p", "-P", "-a", "-stat", "-h", "-flt", "s", "S", "!handle", "!poolfind",
    "!poolused", "!htrace", "-diff", "!cs", "-o", "~~[33bc]kb", "!address", "-summary",
    "510000", "00510000", "0x510000", "0X00510000", "0x0051000G", "244", "0x00000244", "0xf", "f", "F", "0XF",
    "fffffa80`0123abcd", "fffffa800123abcd", "0xfffffa80`0123ABCD", "FFFFFA80`0123ABCD", "`", "0x", "0",
    "00", "1", "2", "5", "MmSt", "mmst", "Hack", "\"Ddk\"", "@#Base", "@#End",
    "<address>", "<block", "address>", "<>", "<size>", "(the", "size", "dominates)", "(x)", ")", "x>",
    "a\xC3\xA9", "\x01", "\tlit",
};

std::string random_text(std::mt19937& rng, std::size_t most_words) {
    std::uniform_int_distribution<std::size_t> count(0, most_words);
    std::uniform_int_distribution<std::size_t> pick(0, k_words.size() - 1);
    std::uniform_int_distribution<int> gap(0, 5);
    std::string out;
    for (std::size_t n = count(rng); n > 0; --n) {
        out += k_words[pick(rng)];
        out += gap(rng) == 0 ? "  \t" : " ";
    }
    return out;
}

// The commands each corpus file typed (as answered_next_steps collects them: blocks of a known
// kind), each once, by file.
std::vector<std::vector<std::string>> corpus_commands() {
    std::vector<std::vector<std::string>> out;
    for (auto const& path : dbgsift::test::paths_under(CORPUS_DIR)) {
        if (path.extension() != ".txt" && path.extension() != ".log") {
            continue;
        }
        auto const c = dbgsift::read_buffer(dbgsift::test::slurp(path), path.filename().string());
        std::vector<std::string> typed;
        for (auto const& input : c.inputs) {
            for (auto const& block : input.blocks) {
                if (block.kind != "unknown" && !block.command.empty() &&
                    std::find(typed.begin(), typed.end(), block.command) == typed.end()) {
                    typed.push_back(block.command);
                }
            }
        }
        if (!typed.empty()) {
            out.push_back(std::move(typed));
        }
    }
    return out;
}

// Steps at the edges of a step's first word, which TypedCommands reads before the rest:
// nothing, blanks only, a comment first, a placeholder first, a first word alone or followed
// by a tab, a comment or a byte that is neither blank nor graphic, numbers first (with and
// without "0x", one letter, leading zeros), another letter case.
std::vector<std::string> const k_edge_steps{
    "", " ", "\t", "  \t ", "(", "(x)", "(comment) !heap -s", " (x) !heap", "<", ">", "<>", "<x>", "<a b> -p",
    "<address> -p -a", "x>", "x> -s", "!heap", "!heap\t-p", "!heap(x)", "!heap (x)", "!heap\x01 -p", "\x01!heap",
    "  !HEAP   -p  -a 0x510000", "!Heap -P -A 510000", "510000", "0x510000 -p", "00510000", "0X00510000 -p", "f",
    "F", "0xf", "0XF f", "`", "0x", "0", "00 0", "fffffa80`0123abcd", "0xFFFFFA80`0123ABCD k", "lm", "LM T N",
    "kb", "KB (the stack)", "~*kb", "~~[a3]KB", "g", "a\xC3\xA9", "\xC3\xA9",
};

} // namespace

TEST_SUITE_BEGIN("infer/answered_steps");

TEST_CASE("answered steps: the golden documents' steps against commands made of their own words") {
    std::mt19937 rng(14);
    std::vector<std::string> pool(k_real_steps.begin(), k_real_steps.end());
    for (auto const& s : k_real_steps) {  // each step's words, cut short and re-cased
        auto const w = reference::words(s);
        for (std::size_t n = 1; n <= w.size(); ++n) {
            std::string c;
            for (std::size_t i = 0; i < n; ++i) {
                c += (i % 2 == 1 ? dbgsift::infer::lower(w[i]) : w[i]) + " ";
            }
            pool.push_back(c);
            pool.push_back(c + "-grp A");
        }
    }
    std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1);
    int answered = 0;
    for (int round = 0; round < 400; ++round) {
        std::vector<std::string> owned;
        for (int i = 0; i < 12; ++i) {
            owned.push_back(pool[pick(rng)]);
        }
        std::vector<std::string_view> commands(owned.begin(), owned.end());
        std::sort(commands.begin(), commands.end());
        commands.erase(std::unique(commands.begin(), commands.end()), commands.end());
        dbgsift::infer::rules::TypedCommands const typed(commands);
        for (auto const& step : k_real_steps) {
            CAPTURE(step);
            bool const expected = reference::answered(step, commands);
            answered += expected ? 1 : 0;
            CHECK(typed.answered(step) == expected);
        }
    }
    CHECK(answered > 1000);  // both answers were asked for often
}

TEST_CASE("answered steps: generated steps and commands, placeholders, comments, addresses, cases") {
    std::mt19937 rng(1414);
    int answered = 0;
    int asked = 0;
    for (int round = 0; round < 3000; ++round) {
        std::vector<std::string> owned;
        for (int i = 0; i < 6; ++i) {
            owned.push_back(random_text(rng, 5));
        }
        std::vector<std::string_view> commands(owned.begin(), owned.end());
        std::sort(commands.begin(), commands.end());
        commands.erase(std::unique(commands.begin(), commands.end()), commands.end());
        dbgsift::infer::rules::TypedCommands const typed(commands);
        for (int i = 0; i < 20; ++i) {
            // Short steps, often the start of a command typed: those are the ones answered.
            auto step = random_text(rng, 3);
            if (i % 2 == 0) {
                step = owned[static_cast<std::size_t>(i / 2) % owned.size()].substr(0, step.size()) + step.substr(0, i % 3);
            }
            CAPTURE(step);
            bool const expected = reference::answered(step, commands);
            answered += expected ? 1 : 0;
            ++asked;
            CHECK(typed.answered(step) == expected);
        }
    }
    CHECK(answered > asked / 20);
    CHECK(answered < asked);
}

TEST_CASE("answered steps: every command the corpus typed, as a step, against each file's commands and all of them") {
    auto const by_file = corpus_commands();
    REQUIRE(by_file.size() > 50);
    std::vector<std::string> steps(k_real_steps.begin(), k_real_steps.end());
    steps.insert(steps.end(), k_edge_steps.begin(), k_edge_steps.end());
    std::vector<std::string> everything;
    for (auto const& commands : by_file) {
        for (auto const& command : commands) {
            if (std::find(everything.begin(), everything.end(), command) == everything.end()) {
                everything.push_back(command);
            }
        }
    }
    for (auto const& command : everything) {  // each command as a step, its first word alone, re-cased
        steps.push_back(command);
        auto const words = reference::words(command);
        if (!words.empty()) {
            steps.push_back(words.front());
            steps.push_back(" " + words.front() + "   (a comment)");
            std::string upper;
            for (char const ch : command) {
                upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            }
            steps.push_back(upper);
        }
    }
    std::vector<std::vector<reference::Word>> step_words;
    for (auto const& step : steps) {
        step_words.push_back(reference::step_words(step));
    }
    auto check_all = [&](std::vector<std::string> const& owned, int& answered) {
        std::vector<std::string_view> const commands(owned.begin(), owned.end());
        std::vector<std::vector<reference::Word>> typed_words;
        for (auto const command : commands) {
            typed_words.push_back(reference::typed_words(command));
        }
        dbgsift::infer::rules::TypedCommands const typed(commands);
        for (std::size_t i = 0; i < steps.size(); ++i) {
            bool const expected = reference::answered_by(step_words[i], typed_words);
            answered += expected ? 1 : 0;
            if (typed.answered(steps[i]) != expected) {
                FAIL_CHECK("step \"" << steps[i] << "\" answered " << !expected << " by " << commands.size() << " commands");
            }
        }
    };
    int answered = 0;
    for (auto const& commands : by_file) {
        check_all(commands, answered);
    }
    check_all(everything, answered);
    MESSAGE(by_file.size() << " files, " << everything.size() << " distinct commands, " << steps.size() << " steps, "
                           << answered << " answered");
    CHECK(answered > 1000);
}

TEST_SUITE_END();
