// SPDX-License-Identifier: MIT
// Placeholder: the search command is not read yet; its spec matches nothing.
#include "commands.hpp"

namespace dbgsift::parse {

CommandSpec search_spec() {
    return {"search", [](std::string_view) { return false; }, nullptr,
            [](std::string_view) { return std::string("search"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return nullptr; }};
}

} // namespace dbgsift::parse
