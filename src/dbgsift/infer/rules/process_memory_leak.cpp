// SPDX-License-Identifier: MIT
#include "rules_list.hpp"

namespace dbgsift::infer::rules {

void process_memory_leak(model::Case const& /*c*/, Options const& /*options*/, Report& /*report*/) {}

} // namespace dbgsift::infer::rules
