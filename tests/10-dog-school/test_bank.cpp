// A bank, a second domain with two aggregate types, on the same library, unchanged (bank.hpp): its
// test cases, shared with stage 12 (bank_scenarios.hpp), on this stage's persistence modules.
#include <doctest/doctest.h>

#include "fixtures.hpp"

#include "bank_scenarios.hpp"

TEST_CASE("a bank on an SQLite file, reopened, has the same customers, accounts and balances")
{
    const fixtures::TempDir dir;
    es::Uuid ada;
    es::Uuid account;
    {
        bank::Bank bank{fixtures::sqlite_file(dir)};
        ada = bank.register_customer("Ada");
        account = bank.open_account(ada, 20);
        bank.withdraw(account, 20);
    }
    const bank::Bank reopened{fixtures::sqlite_file(dir)};

    CHECK(reopened.accounts_of(ada) == std::vector<es::Uuid>{account});
    CHECK(reopened.balance(account) == -20);
}
