// SPDX-License-Identifier: MIT
#include "json_sections.hpp"

namespace dbgsift::report {

void add_handles(boost::json::object& /*out*/, model::Snapshot const& /*s*/) {}

} // namespace dbgsift::report
