// Compiled only so that CMake builds the tests' precompiled header (see CMakeLists.txt).
