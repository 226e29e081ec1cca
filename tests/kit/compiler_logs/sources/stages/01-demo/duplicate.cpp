// answer() defined here and in duplicate_main.cpp: one definition too many.
int answer()
{
    return 42;
}
