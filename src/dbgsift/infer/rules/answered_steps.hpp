// SPDX-License-Identifier: MIT
// Which next steps a log already answered: the commands it typed, read once per case, matched
// against each step. Apart from the rule so that a test can hold it to the words it compares.
#pragma once
#include "../../text/quick_hash.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dbgsift::infer::rules {

// Not shareable between threads: a word's address is read on first use into a lazy mutable
// cache (Word), even through a const TypedCommands.
class TypedCommands {
public:
    // `commands`: each command typed once (the rule drops repeats; a repeat changes nothing).
    explicit TypedCommands(std::vector<std::string_view> const& commands);
    // The words are views of m_lowered: neither copied nor moved.
    TypedCommands(TypedCommands const&) = delete;
    TypedCommands& operator=(TypedCommands const&) = delete;

    // Does some command typed hold every word of the step, in order, at its start?
    bool answered(std::string_view step) const;

    // A word of a typed command, lower-cased, and its value when it reads as an address: read
    // the first time a step's word differs from it (most are never asked: issue 14).
    struct Word {
        explicit Word(std::string_view word) : lowered(word) {}
        std::string_view lowered;
        std::optional<std::uint64_t> address() const;

    private:
        // Not a std::optional: a word stays as small as it was before it read lazily (a long
        // log types a hundred thousand commands).
        mutable std::uint64_t m_address = 0;
        mutable bool m_address_read = false;
        mutable bool m_is_address = false;
    };
    // A word of a step, as it is written; a "<placeholder>" (maybe several words) is one word.
    struct StepWord {
        std::string_view text;
        bool placeholder = false;
    };

private:
    bool answers_any(std::vector<StepWord> const& step, std::vector<std::size_t> const& some) const;
    // Does a command of the chain that starts at `first` (m_by_first) answer the step?
    bool answers_alike(std::vector<StepWord> const& step, std::size_t first) const;
    // The words of command i (in the order given).
    std::span<Word const> words_of(std::size_t i) const {
        auto const begin = i == 0 ? 0 : m_word_ends[i - 1];
        return std::span<Word const>(m_words).subspan(begin, m_word_ends[i] - begin);
    }

    std::string m_lowered;                          // every command, lower-cased, one after another
    // Every command's words, one command after another, and where each command's end: a vector
    // of words per command cost an allocation or more per command (issue 14).
    std::vector<Word> m_words;
    std::vector<std::size_t> m_word_ends;
    // By first word, one command whose first word it is, in a table open-addressed by the
    // word's hash (k_empty_first where none); m_next_alike chains it to the others, so no word
    // needs a list of its own (issue 14). A std::unordered_map made a node per word.
    static constexpr std::size_t k_no_command = static_cast<std::size_t>(-1);
    text::HashSlots m_first_slot;  // at least twice the commands: never full
    static constexpr std::uint32_t k_empty_first = UINT32_MAX;
    std::vector<std::uint32_t> m_by_first;  // commands by place in the caller's list, as DistinctCommands
    // The slot of a first word (lower-cased): the one holding the commands that begin with it,
    // or the empty one where they would go.
    std::size_t slot_of_first(std::string_view word) const;
    std::vector<std::size_t> m_next_alike;  // by command: the next one with the same first word
    std::vector<std::size_t> m_first_is_address;    // those whose first word reads as an address
};

} // namespace dbgsift::infer::rules
