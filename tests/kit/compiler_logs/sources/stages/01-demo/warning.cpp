// Compiles, with a warning about undefined behaviour that a test may not catch.
#include <string>

const std::string& greeting()
{
    std::string text = "hello";
    return text;
}
