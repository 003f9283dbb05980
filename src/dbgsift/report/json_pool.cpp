// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {

void add_pool(boost::json::object& /*out*/, model::Snapshot const& /*s*/) {}

} // namespace dbgsift::report
