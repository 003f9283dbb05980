// SPDX-License-Identifier: MIT
#include "rules_list.hpp"

namespace dbgsift::infer::rules {

void high_contention(model::Case const& /*c*/, Options const& /*options*/, Report& /*report*/) {}

} // namespace dbgsift::infer::rules
