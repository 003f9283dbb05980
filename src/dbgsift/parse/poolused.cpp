// SPDX-License-Identifier: MIT
// Placeholder: the poolused command is not read yet; its spec matches nothing.
#include "commands.hpp"

namespace dbgsift::parse {

CommandSpec poolused_spec() {
    return {"poolused", [](std::string_view) { return false; }, nullptr,
            [](std::string_view) { return std::string("poolused"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return nullptr; }};
}

} // namespace dbgsift::parse
