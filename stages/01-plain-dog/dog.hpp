#pragma once
// A dog at a dog school: it has a name and learns tricks. Nothing here knows about storage.
#include <string>
#include <vector>

namespace dogschool {

// slide: Dog
class Dog {
public:
    explicit Dog(std::string name);

    const std::string& name() const;
    const std::vector<std::string>& tricks() const;

    void add_trick(std::string trick);

    bool operator==(const Dog&) const = default;

private:
    std::string name_;
    std::vector<std::string> tricks_;
};
// end slide

}  // namespace dogschool
