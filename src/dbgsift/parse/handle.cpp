// SPDX-License-Identifier: MIT
// Placeholder: the handle command is not read yet; its spec matches nothing.
#include "commands.hpp"

namespace dbgsift::parse {

CommandSpec handle_spec() {
    return {"handle", [](std::string_view) { return false; }, nullptr,
            [](std::string_view) { return std::string("handle"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return nullptr; }};
}

} // namespace dbgsift::parse
