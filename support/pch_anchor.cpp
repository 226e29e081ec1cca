// Compiled only so that CMake builds the precompiled headers (see CMakeLists.txt).
