// SPDX-License-Identifier: MIT
// Placeholder: reads nothing yet.
#include "pooltag_db.hpp"

namespace dbgsift::infer {

PoolTagDb PoolTagDb::load(std::istream& /*in*/, std::vector<diagnostic>& /*diags*/) { return {}; }

PoolTagEntry const* PoolTagDb::find(std::string_view /*tag*/) const { return nullptr; }

} // namespace dbgsift::infer
