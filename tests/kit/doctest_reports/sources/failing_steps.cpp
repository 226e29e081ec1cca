// Three tests that fail: a stub of step 1, a wrong answer in step 2, an end-to-end test of step 2.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

namespace {

std::string greet(const std::string& name)
{
    return "Hello " + name;
}  // no "!" yet

std::string shout(const std::string&)
{
    throw std::logic_error("not implemented yet: shout (see README step 1)");
}

}  // namespace

TEST_CASE("a whole conversation greets and shouts")
{
    CHECK(greet(shout("ada")) == "Hello ADA!");
}

TEST_CASE("a greeting ends with an exclamation mark")
{
    CHECK(greet("Ada") == "Hello Ada!");
}

TEST_CASE("a shout is in capitals")
{
    CHECK(shout("ada") == "ADA");
}

TEST_CASE("a greeting names who it greets")
{
    CHECK(greet("Ada").find("Ada") != std::string::npos);
}
