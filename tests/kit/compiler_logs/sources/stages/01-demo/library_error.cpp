// The error is reported inside the standard library; the line that leads there is ours.
#include <memory>
#include <vector>

std::vector<std::unique_ptr<int>> copy_of(const std::vector<std::unique_ptr<int>>& numbers)
{
    std::vector<std::unique_ptr<int>> copy = numbers;
    return copy;
}
