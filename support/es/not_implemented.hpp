#pragma once
// What an unfinished starter function throws. It is deliberately *not* an es::Error, so a test
// that expects one of the kit's errors can never pass against a stub.
#include <stdexcept>
#include <string>
#include <string_view>

namespace es {

class NotImplemented : public std::logic_error {
public:
    NotImplemented(std::string_view what, int readme_step)
        : std::logic_error("not implemented yet: " + std::string(what) + " (see README step " +
                           std::to_string(readme_step) + ")")
    {
    }
};

}  // namespace es
