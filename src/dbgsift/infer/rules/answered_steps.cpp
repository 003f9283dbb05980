// SPDX-License-Identifier: MIT
// A next step is never a command the log already ran: its answer is in the log (and the
// follow-up rules read it). Runs after every other rule, over all findings.
#include "answered_steps.hpp"

#include "rules_list.hpp"

#include "../../../../grammars/common/common.hpp"
#include "../text.hpp"
#include "../../text/quick_hash.hpp"

#include <algorithm>
#include <span>

namespace dbgsift::infer::rules {
namespace {

namespace x3 = boost::spirit::x3;

// Calls take(word) for each word of the text, in order, while it returns true: the words that
// *grammar::common::word reads, up to the first byte that is neither blank nor graphic. Views
// of the text: a step's words were each copied into a string, then lowered into another,
// which was most of this rule's cost (issue 14).
template <typename Take>
void for_each_word(std::string_view text, Take&& take) {
    char const* first = text.data();
    char const* const last = first + text.size();
    grammar::text_range word;
    while (x3::phrase_parse(first, last, grammar::common::word_range, x3::ascii::blank, word)) {
        if (!take(grammar::view(word))) {
            return;
        }
    }
}

std::optional<std::uint64_t> address_of(std::string_view word) {
    char const* first = word.data();
    char const* const last = first + word.size();
    std::uint64_t value = 0;
    if (x3::parse(first, last, grammar::common::address, value) && first == last) {
        return value;
    }
    return std::nullopt;
}

// The first word of a text and the text after it, when it has a word.
struct Head {
    std::string_view word;
    std::string_view rest;
};
std::optional<Head> head_of(std::string_view text) {
    char const* first = text.data();
    char const* const last = first + text.size();
    grammar::text_range word;
    if (!x3::phrase_parse(first, last, grammar::common::word_range, x3::ascii::blank, word)) {
        return std::nullopt;
    }
    return Head{grammar::view(word), std::string_view(first, static_cast<std::size_t>(last - first))};
}

// A step's words up to its comment "(...)", appended to `out`; a "<placeholder>" (maybe
// several words) is kept as one word that any typed word fills.
void read_step(std::string_view step, std::vector<TypedCommands::StepWord>& out) {
    bool in_placeholder = false;
    for_each_word(step, [&](std::string_view w) {
        if (in_placeholder) {
            in_placeholder = !w.ends_with('>');
            return true;
        }
        if (w.starts_with('(')) {
            return false;
        }
        if (w.starts_with('<')) {
            out.push_back({w, true});
            in_placeholder = !w.ends_with('>');
            return true;
        }
        out.push_back({w, false});
        return true;
    });
}

// The step's word lower-cased is the typed one (which is lower-cased already).
bool lowered_equals(std::string_view step, std::string_view lowered) {
    return step.size() == lowered.size() &&
           std::equal(step.begin(), step.end(), lowered.begin(), [](char s, char t) { return ascii_lower(s) == t; });
}

bool same_word(TypedCommands::StepWord const& step, TypedCommands::Word const& typed) {
    if (step.placeholder || lowered_equals(step.text, typed.lowered)) {
        return true;
    }
    // "!heap -stat -h 00510000" was answered by "!heap -stat -h 510000"; "!handle 244 f" by
    // "!handle 0x00000244 0xf" (corpus/htrace/003.txt:51): a one-letter word is a number
    // only when the typed one says so with its "0x". (Letter case does not change an address.)
    bool const numeric = step.text.size() > 1 || typed.lowered.starts_with("0x");
    if (!numeric || !typed.address()) {
        return false;
    }
    auto const step_address = address_of(step.text);
    return step_address && *step_address == *typed.address();
}

// The typed command holds every word of the step, in order, at its start (extra options
// such as "-grp A" only refine the same output).
bool answers(std::vector<TypedCommands::StepWord> const& step, std::span<TypedCommands::Word const> typed) {
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

// The distinct commands, in the order first added, each found again by its hash: a
// std::unordered_set made a node per command, most of this rule's own cost after the
// matching (issue 14).
class DistinctCommands {
public:
    explicit DistinctCommands(std::size_t most) : m_places(most) {}
    // Keeps `command` unless it was added before; true when it was new. At most `most` are added.
    bool add(std::string_view command) {
        bool const added = m_places.find_or_add(text::quick_hash(command), m_kept.size(), [&](std::uint32_t at) {
            return m_kept[at] == command;
        }).second;
        if (added) {
            m_kept.push_back(command);
        }
        return added;
    }
    std::vector<std::string_view> const& commands() const { return m_kept; }

private:
    text::PlaceTable m_places;  // into m_kept
    std::vector<std::string_view> m_kept;
};

} // namespace

std::optional<std::uint64_t> TypedCommands::Word::address() const {
    if (!m_address_read) {
        auto const read = address_of(lowered);
        m_is_address = read.has_value();
        m_address = read.value_or(0);
        m_address_read = true;
    }
    return m_is_address ? std::optional<std::uint64_t>(m_address) : std::nullopt;
}

// The distinct commands typed, indexed by their first word: a step's first word must match a
// command's first word (same_word) before anything else is compared, and most steps name a
// command the log never ran, so each step is compared with the few commands that begin alike
// rather than with all of them.
TypedCommands::TypedCommands(std::vector<std::string_view> const& commands) : m_first_slot(commands.size()) {
    std::size_t total = 0;
    for (auto const command : commands) {
        total += command.size();
    }
    m_lowered.reserve(total);  // never reallocated: the words are views of it
    m_word_ends.reserve(commands.size());
    for (auto const command : commands) {
        auto const start = m_lowered.size();
        // Appended whole, then lowered in place: a byte at a time through a back_inserter
        // checked the capacity for each byte, a third of this index's making (issue 14).
        m_lowered.append(command);
        std::transform(m_lowered.begin() + static_cast<std::ptrdiff_t>(start), m_lowered.end(),
                       m_lowered.begin() + static_cast<std::ptrdiff_t>(start), ascii_lower);
        // Lower-casing changes no word's bounds and no address's value (hex digits and "0x"
        // read in either case).
        for_each_word(std::string_view(m_lowered).substr(start), [&](std::string_view w) {
            m_words.emplace_back(w);
            return true;
        });
        m_word_ends.push_back(m_words.size());
    }
    m_by_first.assign(m_first_slot.count(), k_empty_first);
    m_next_alike.assign(m_word_ends.size(), k_no_command);
    for (std::size_t i = 0; i < m_word_ends.size(); ++i) {
        auto const words = words_of(i);
        if (words.empty()) {
            continue;
        }
        auto const& first = words.front();
        auto& alike = m_by_first[slot_of_first(first.lowered)];
        if (alike != k_empty_first) {
            m_next_alike[i] = alike;  // put in front: any_of does not care about order
        }
        alike = static_cast<std::uint32_t>(i);
        if (first.address()) {
            m_first_is_address.push_back(i);
        }
    }
}

std::size_t TypedCommands::slot_of_first(std::string_view word) const {
    auto const mask = m_by_first.size() - 1;
    for (auto at = m_first_slot.of(text::quick_hash(word));; at = (at + 1) & mask) {
        auto const i = m_by_first[at];
        if (i == k_empty_first || words_of(i).front().lowered == word) {
            return at;
        }
    }
}

bool TypedCommands::answers_any(std::vector<StepWord> const& step, std::vector<std::size_t> const& some) const {
    return std::any_of(some.begin(), some.end(), [&](std::size_t i) { return answers(step, words_of(i)); });
}

bool TypedCommands::answers_alike(std::vector<StepWord> const& step, std::size_t first) const {
    for (auto i = first; i != k_no_command; i = m_next_alike[i]) {
        if (answers(step, words_of(i))) {
            return true;
        }
    }
    return false;
}

// What any_of(answers) over all the commands says: the others differ in the first word. The
// step's first word is read first: a step no command can answer (most of those that no
// command begins like) is not read past it (issue 14).
bool TypedCommands::answered(std::string_view step_text) const {
    thread_local std::vector<StepWord> step;  // one step's words, the buffer kept between steps
    step.clear();
    auto const head = head_of(step_text);
    if (!head || head->word.starts_with('(')) {
        return false;  // no word before the comment
    }
    if (head->word.starts_with('<')) {
        read_step(step_text, step);
        for (std::size_t i = 0; i < m_word_ends.size(); ++i) {
            if (answers(step, words_of(i))) {
                return true;
            }
        }
        return false;
    }
    auto const first = m_by_first[slot_of_first(lower(head->word))];
    auto const alike = first == k_empty_first ? k_no_command : std::size_t{first};
    // A number is the same number however it is written ("0x510000", "00510000").
    auto const by_address = [&] { return !m_first_is_address.empty() && address_of(head->word).has_value(); };
    if (alike == k_no_command && !by_address()) {
        return false;
    }
    step.push_back({head->word, false});
    read_step(head->rest, step);  // the words after a plain first word read as they would after it
    if (alike != k_no_command && answers_alike(step, alike)) {
        return true;
    }
    return by_address() && answers_any(step, m_first_is_address);
}

void answered_next_steps(model::Case const& c, Options const& /*options*/, Report& report) {
    // No step to drop (no finding, or none with steps): no index of the commands to build.
    if (std::none_of(report.findings.begin(), report.findings.end(),
                     [](Finding const& f) { return !f.next_steps.empty(); })) {
        return;
    }
    // A long log types the same commands again and again: each is read once, and each step is
    // matched once per distinct command (any_of does not care how often or in what order one
    // was typed).
    // Repeats are dropped through a hash table, not by sorting: comparing commands that share a
    // long prefix ("!heap -p -a ...") cost more than reading them (issue 14).
    std::size_t blocks = 0;
    for (auto const& input : c.inputs) {
        blocks += input.blocks.size();
    }
    DistinctCommands typed_once(blocks);
    for (auto const& input : c.inputs) {
        for (auto const& block : input.blocks) {
            if (block.kind != "unknown" && !block.command.empty()) {
                typed_once.add(block.command);
            }
        }
    }
    auto const& commands_typed = typed_once.commands();
    if (commands_typed.empty()) {
        return;
    }
    TypedCommands const typed(commands_typed);
    for (auto& f : report.findings) {
        std::erase_if(f.next_steps, [&](std::string const& step) { return typed.answered(step); });
    }
}

} // namespace dbgsift::infer::rules
