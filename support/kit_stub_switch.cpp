// The solutions' test binaries are built from an instrumented copy of each solution (see
// tools/cmake/KitStages.cmake): every stub region can be switched back to its stub at run time,
// one at a time, by naming it in KIT_STUB. That is how the kit proves each region is needed.
#include <cstdlib>
#include <cstring>

namespace es::kit {

bool stub_active(const char* region)
{
    static const char* const chosen = std::getenv("KIT_STUB");  // read once: this is on hot paths
    return chosen != nullptr && std::strcmp(chosen, region) == 0;
}

}  // namespace es::kit
