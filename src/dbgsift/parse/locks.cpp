// SPDX-License-Identifier: MIT
// Placeholder: the locks command is not read yet; its spec matches nothing.
#include "commands.hpp"

namespace dbgsift::parse {

CommandSpec locks_spec() {
    return {"locks", [](std::string_view) { return false; }, nullptr,
            [](std::string_view) { return std::string("locks"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return nullptr; }};
}

} // namespace dbgsift::parse
