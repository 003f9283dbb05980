// SPDX-License-Identifier: MIT
// A next step is never a command the log already ran: its answer is in the log (and the
// follow-up rules read it). Runs after every other rule, over all findings.
#include "rules_list.hpp"

#include "../../../../grammars/common/common.hpp"
#include "../text.hpp"

#include <algorithm>

namespace dbgsift::infer::rules {
namespace {

namespace x3 = boost::spirit::x3;

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    char const* first = text.data();
    char const* const last = first + text.size();
    x3::phrase_parse(first, last, *grammar::common::word, x3::ascii::blank, out);
    return out;
}

bool address_value(std::string const& word, std::uint64_t& value) {
    char const* first = word.data();
    char const* const last = first + word.size();
    return x3::parse(first, last, grammar::common::address, value) && first == last;
}

// A step's words up to its comment "(...)"; a "<placeholder>" (maybe several words) is
// kept as one "<>" word that any typed word fills.
std::vector<std::string> step_words(std::string_view step) {
    std::vector<std::string> out;
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
            out.emplace_back("<>");
            in_placeholder = !w.ends_with('>');
            continue;
        }
        out.push_back(lower(w));
    }
    return out;
}

bool same_word(std::string const& step, std::string const& typed) {
    if (step == "<>" || step == lower(typed)) {
        return true;
    }
    std::uint64_t a = 0, b = 0;
    // "!heap -stat -h 00510000" was answered by "!heap -stat -h 510000"; "!handle 244 f" by
    // "!handle 0x00000244 0xf" (corpus/htrace/003.txt:51): a one-letter word is a number
    // only when the typed one says so with its "0x".
    bool const numeric = step.size() > 1 || lower(typed).starts_with("0x");
    return numeric && address_value(step, a) && address_value(typed, b) && a == b;
}

// The typed command holds every word of the step, in order, at its start (extra options
// such as "-grp A" only refine the same output).
bool answers(std::vector<std::string> const& step, std::vector<std::string> const& typed) {
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

} // namespace

void answered_next_steps(model::Case const& c, Options const& /*options*/, Report& report) {
    std::vector<std::vector<std::string>> typed;
    for (auto const& input : c.inputs) {
        for (auto const& block : input.blocks) {
            if (block.kind != "unknown" && !block.command.empty()) {
                typed.push_back(words(block.command));
            }
        }
    }
    if (typed.empty()) {
        return;
    }
    // A long log types the same commands again and again: each step is matched once per
    // distinct command (any_of does not care how often or in what order one was typed).
    std::sort(typed.begin(), typed.end());
    typed.erase(std::unique(typed.begin(), typed.end()), typed.end());
    for (auto& f : report.findings) {
        std::erase_if(f.next_steps, [&](std::string const& step) {
            auto const want = step_words(step);
            return std::any_of(typed.begin(), typed.end(),
                               [&](auto const& t) { return answers(want, t); });
        });
    }
}

} // namespace dbgsift::infer::rules
