// A CHECK fails, the test goes on, and the next line uses what was not there.
#include <doctest/doctest.h>

#include <vector>

namespace {

std::vector<int*> found()
{
    return {};
}  // the student's code returns nothing

}  // namespace

TEST_CASE("the store finds the dog it stored")
{
    const std::vector<int*> dogs = found();
    CHECK(dogs.size() == 1);
    volatile int* first = nullptr;
    CHECK(*first == 7);  // what dogs[0] would be: a crash
}
