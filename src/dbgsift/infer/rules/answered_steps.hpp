// SPDX-License-Identifier: MIT
// Which next steps a log already answered: the commands it typed, read once per case, matched
// against each step. Apart from the rule so that a test can hold it to the words it compares.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dbgsift::infer::rules {

class TypedCommands {
public:
    // `commands`: each command typed once (the rule drops repeats; a repeat changes nothing).
    explicit TypedCommands(std::vector<std::string_view> const& commands);
    // The words are views of m_lowered: neither copied nor moved.
    TypedCommands(TypedCommands const&) = delete;
    TypedCommands& operator=(TypedCommands const&) = delete;

    // Does some command typed hold every word of the step, in order, at its start?
    bool answered(std::string_view step) const;

    // A word of a typed command, lower-cased, and its value when it reads as an address.
    struct Word {
        std::string_view lowered;
        std::optional<std::uint64_t> address;
    };
    // A word of a step, as it is written; a "<placeholder>" (maybe several words) is one word.
    struct StepWord {
        std::string_view text;
        bool placeholder = false;
    };

private:
    bool answers_any(std::vector<StepWord> const& step, std::vector<std::size_t> const& some) const;

    std::string m_lowered;                          // every command, lower-cased, one after another
    std::vector<std::vector<Word>> m_all;           // each command's words
    std::unordered_map<std::string_view, std::vector<std::size_t>> m_by_first;  // by first word
    std::vector<std::size_t> m_first_is_address;    // those whose first word reads as an address
};

} // namespace dbgsift::infer::rules
