#pragma once
// The root of every error the kit's code throws on purpose. Catch es::Error to catch them all.
#include <stdexcept>

namespace es {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace es
