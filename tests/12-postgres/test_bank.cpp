// Stage 10's bank, two aggregate types saved together, on every persistence module, PostgreSQL among
// them: one insert stores all of a save or none of it there too.
#include <doctest/doctest.h>

#include "fixtures.hpp"

#include "../10-dog-school/bank_scenarios.hpp"
