#pragma once
// The standard headers most of the kit's files include, precompiled once (see support/CMakeLists.txt)
// so that a one-file change recompiles in well under a second. Parsing these takes about 1 s of
// the 1.3-2 s a typical stage file needs; every file still includes what it uses itself.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>
