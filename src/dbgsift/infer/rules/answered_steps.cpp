// SPDX-License-Identifier: MIT
// A next step is never a command the log already ran: its answer is in the log (and the
// follow-up rules read it). Runs after every other rule, over all findings.
#include "rules_list.hpp"

#include "../../../../grammars/common/common.hpp"
#include "../text.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

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

// A word as same_word compares it, read once: lower-cased, and its value when it reads as an
// address (a case's commands are compared with every step of every finding).
struct Word {
    std::string lowered;
    std::optional<std::uint64_t> address;
};

Word word_of(std::string const& text, std::string lowered) {
    Word out{std::move(lowered), std::nullopt};
    if (std::uint64_t v = 0; address_value(text, v)) {
        out.address = v;
    }
    return out;
}

// A step's words up to its comment "(...)"; a "<placeholder>" (maybe several words) is
// kept as one "<>" word that any typed word fills.
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
        auto lowered = lower(w);
        out.push_back(word_of(lowered, lowered));
    }
    return out;
}

std::vector<Word> typed_words(std::vector<std::string> const& typed) {
    std::vector<Word> out;
    out.reserve(typed.size());
    for (auto const& w : typed) {
        out.push_back(word_of(w, lower(w)));
    }
    return out;
}

bool same_word(Word const& step, Word const& typed) {
    if (step.lowered == "<>" || step.lowered == typed.lowered) {
        return true;
    }
    // "!heap -stat -h 00510000" was answered by "!heap -stat -h 510000"; "!handle 244 f" by
    // "!handle 0x00000244 0xf" (corpus/htrace/003.txt:51): a one-letter word is a number
    // only when the typed one says so with its "0x".
    bool const numeric = step.lowered.size() > 1 || typed.lowered.starts_with("0x");
    return numeric && step.address && typed.address && *step.address == *typed.address;
}

// The typed command holds every word of the step, in order, at its start (extra options
// such as "-grp A" only refine the same output).
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

// The distinct commands typed, indexed by their first word: a step's first word must match a
// command's first word (same_word) before anything else is compared, and most steps name a
// command the log never ran, so each step is compared with the few commands that begin alike
// rather than with all of them.
class TypedCommands {
public:
    explicit TypedCommands(std::vector<std::vector<Word>> commands) : m_all(std::move(commands)) {
        for (std::size_t i = 0; i < m_all.size(); ++i) {
            if (m_all[i].empty()) {
                continue;
            }
            auto const& first = m_all[i].front();
            m_by_first[first.lowered].push_back(i);
            if (first.address) {
                m_first_is_address.push_back(i);
            }
        }
    }

    // Does some command typed answer the step? What any_of(answers) over all of them says:
    // the others differ in the first word.
    bool answered(std::vector<Word> const& step) const {
        if (step.empty()) {
            return false;
        }
        auto const& first = step.front();
        if (first.lowered == "<>") {
            return std::any_of(m_all.begin(), m_all.end(), [&](auto const& t) { return answers(step, t); });
        }
        auto const answers_any = [&](std::vector<std::size_t> const& some) {
            return std::any_of(some.begin(), some.end(), [&](std::size_t i) { return answers(step, m_all[i]); });
        };
        if (auto const alike = m_by_first.find(first.lowered); alike != m_by_first.end() && answers_any(alike->second)) {
            return true;
        }
        // A number is the same number however it is written ("0x510000", "00510000").
        return first.address && answers_any(m_first_is_address);
    }

private:
    std::vector<std::vector<Word>> m_all;
    std::unordered_map<std::string_view, std::vector<std::size_t>> m_by_first;  // views of m_all's words
    std::vector<std::size_t> m_first_is_address;
};

} // namespace

void answered_next_steps(model::Case const& c, Options const& /*options*/, Report& report) {
    // A long log types the same commands again and again: each is read once, and each step is
    // matched once per distinct command (any_of does not care how often or in what order one
    // was typed).
    std::vector<std::string_view> commands_typed;
    for (auto const& input : c.inputs) {
        for (auto const& block : input.blocks) {
            if (block.kind != "unknown" && !block.command.empty()) {
                commands_typed.push_back(block.command);
            }
        }
    }
    if (commands_typed.empty()) {
        return;
    }
    std::sort(commands_typed.begin(), commands_typed.end());
    commands_typed.erase(std::unique(commands_typed.begin(), commands_typed.end()), commands_typed.end());
    std::vector<std::vector<Word>> commands;
    commands.reserve(commands_typed.size());
    for (auto const command : commands_typed) {
        commands.push_back(typed_words(words(command)));
    }
    TypedCommands const typed(std::move(commands));
    for (auto& f : report.findings) {
        std::erase_if(f.next_steps, [&](std::string const& step) { return typed.answered(step_words(step)); });
    }
}

} // namespace dbgsift::infer::rules
