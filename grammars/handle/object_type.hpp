// SPDX-License-Identifier: MIT
// Which model::ObjectType a `!handle` type name is. Header-only: parse/handle.cpp is its user.
#pragma once
#include "../common/common.hpp"
#include "../../src/dbgsift/model/handle.hpp"
#include <string_view>

namespace dbgsift::grammar {

// "Thread" -> thread; "ALPC Port", "EtwRegistration" -> other. The whole name must match.
inline model::ObjectType object_type_of(std::string_view type) {
    static auto const names = common::symbols_of<model::ObjectType>(model::k_object_type_names);
    auto result = model::ObjectType::other;
    char const* first = type.data();
    char const* const last = first + type.size();
    return x3::parse(first, last, names >> x3::eoi, result) ? result : model::ObjectType::other;
}

} // namespace dbgsift::grammar
