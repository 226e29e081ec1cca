// The solutions' test binaries are built from an instrumented copy of each solution (see
// tools/cmake/KitStages.cmake): every stub region can be switched back to its stub at run time,
// one at a time, by naming it in KIT_STUB. That is how the kit proves each region is needed. A region
// can also be switched to one of its mutants (tests/NN-name/mutants/), a plausible wrong version of
// it, by naming the region and the mutant in KIT_MUTANT: that is how it proves the tests catch it.
#include <cstdlib>
#include <cstring>

namespace es::kit {

bool stub_active(const char* region)
{
    static const char* const chosen = std::getenv("KIT_STUB");  // read once: this is on hot paths
    return chosen != nullptr && std::strcmp(chosen, region) == 0;
}

bool mutant_active(const char* mutant)
{
    static const char* const chosen = std::getenv("KIT_MUTANT");
    return chosen != nullptr && std::strcmp(chosen, mutant) == 0;
}

}  // namespace es::kit
