// SPDX-License-Identifier: MIT
#include "rules_list.hpp"

namespace dbgsift::infer::rules {

void handle_leak(model::Case const& /*c*/, Options const& /*options*/, Report& /*report*/) {}

} // namespace dbgsift::infer::rules
