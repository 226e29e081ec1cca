int answer()
{
    return 7;
}

int main()
{
    return answer();
}
