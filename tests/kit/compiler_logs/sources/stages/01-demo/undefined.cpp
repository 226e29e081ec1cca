// A member declared in a header and never defined: the compiler is happy, the linker is not.
#include <string>

struct Dog {
    void add_trick(std::string trick);
};

int main()
{
    Dog dog;
    dog.add_trick("roll over");
}
