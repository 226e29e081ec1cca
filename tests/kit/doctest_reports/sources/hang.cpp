// A wait that is never answered.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

TEST_CASE("a quick test")
{
    CHECK(true);
}

TEST_CASE("the projection waits for a notification that never comes")
{
    for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}
