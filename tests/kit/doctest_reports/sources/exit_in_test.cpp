// The student's code ends the whole program in the middle of a test.
#include <doctest/doctest.h>

#include <cstdlib>

TEST_CASE("a passing test before it")
{
    CHECK(1 + 1 == 2);
}

TEST_CASE("saving a stale dog is refused")
{
    std::exit(3);  // "refused": the student's way of giving up
}
