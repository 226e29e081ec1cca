// A typo in the student's own file.
int answer()
{
    retrun 42;
}
