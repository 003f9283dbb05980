// SPDX-License-Identifier: MIT
#include "rules_list.hpp"

namespace dbgsift::infer::rules {

void user_memory(model::Case const& /*c*/, Options const& /*options*/, Report& /*report*/) {}

} // namespace dbgsift::infer::rules
