// SPDX-License-Identifier: MIT
// Placeholder: the address command is not read yet; its spec matches nothing.
#include "commands.hpp"

namespace dbgsift::parse {

CommandSpec address_spec() {
    return {"address", [](std::string_view) { return false; }, nullptr,
            [](std::string_view) { return std::string("address"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return nullptr; }};
}

} // namespace dbgsift::parse
