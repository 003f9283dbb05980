// SPDX-License-Identifier: MIT
#include "heap_failure_def.hpp"

namespace dbgsift::grammar {

DBGSIFT_DEFINE_RULE(heap_message)
DBGSIFT_DEFINE_RULE(heap_failure_field)
DBGSIFT_DEFINE_RULE(heap_error_banner)
DBGSIFT_DEFINE_RULE(verifier_stop)
DBGSIFT_DEFINE_RULE(verifier_parameter)
DBGSIFT_DEFINE_RULE(verifier_frame)

} // namespace dbgsift::grammar
