#include "es/environment.hpp"

#include <cstdlib>

#include "es/popo_recorder.hpp"
#include "es/sqlite_recorder.hpp"
#include "es/not_implemented.hpp"

namespace es {

std::string Environment::get(const std::string& name, const std::string& fallback) const
{
    // >>> step 1: Environment::get
    throw es::NotImplemented("Environment::get", 1);
    // <<<
}

std::unique_ptr<Recorder> make_recorder(const Environment& environment)
{
    // >>> step 1: make_recorder
    throw es::NotImplemented("make_recorder", 1);
    // <<<
}

}  // namespace es
