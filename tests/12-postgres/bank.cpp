// The bank of tests/10-dog-school (its mapper and application templates), compiled here too, against
// this stage's library: one source, no copy.
#include "../10-dog-school/bank.cpp"
