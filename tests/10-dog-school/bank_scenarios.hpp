#pragma once
// The bank's test cases (bank.hpp), on every persistence module of the stage that includes this
// file: tests/10-dog-school/test_bank.cpp and tests/12-postgres/test_bank.cpp. Include your stage's
// fixtures.hpp first: it gives fixtures::TempDir and fixtures::each_persistence (one SUBCASE each).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bank.hpp"

namespace bank_scenarios {

// A bank with one customer, Ada, and two of her accounts: `a` holds 100, `b` nothing; no overdraft.
struct TwoAccounts {
    explicit TwoAccounts(bank::Bank& bank)
        : ada(bank.register_customer("Ada")), a(bank.open_account(ada, 0)), b(bank.open_account(ada, 0))
    {
        bank.deposit(a, 100);
    }
    es::Uuid ada;
    es::Uuid a;
    es::Uuid b;
};

inline std::int64_t stored_events(const bank::Bank& bank)
{
    return bank.notification_log().max_id();
}

}  // namespace bank_scenarios

using bank_scenarios::stored_events;
using bank_scenarios::TwoAccounts;

TEST_CASE("a bank holds accounts and customers, two aggregate types, in one application")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const es::Uuid ada = bank.register_customer("Ada");
    const es::Uuid account = bank.open_account(ada, 50);

    CHECK(bank.repository().get<bank::Customer>(ada).name() == "Ada");
    CHECK(bank.accounts_of(ada) == std::vector<es::Uuid>{account});
    CHECK(bank.repository().get<bank::Account>(account).owner() == ada);
    CHECK(bank.repository().get<bank::Account>(account).overdraft_limit() == 50);
    CHECK(bank.balance(account) == 0);
}

TEST_CASE("deposits and withdrawals change an account's balance")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};
    bank.withdraw(accounts.a, 30);
    bank.deposit(accounts.a, 5);

    CHECK(bank.balance(accounts.a) == 75);
    CHECK(bank.repository().get<bank::Account>(accounts.a, 2).balance() == 100);
}

TEST_CASE("withdrawing past the overdraft limit is refused and stores nothing")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const es::Uuid ada = bank.register_customer("Ada");
    const es::Uuid account = bank.open_account(ada, 50);
    bank.deposit(account, 100);
    bank.withdraw(account, 150);  // down to the limit: allowed
    const std::int64_t before = stored_events(bank);

    CHECK_THROWS_AS(bank.withdraw(account, 1), bank::OverdraftLimitExceeded);
    CHECK(bank.balance(account) == -50);
    CHECK(stored_events(bank) == before);
}

TEST_CASE("a closed account refuses deposits, withdrawals and closing again")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};
    bank.close(accounts.a);

    CHECK(bank.repository().get<bank::Account>(accounts.a).closed());
    CHECK_THROWS_AS(bank.deposit(accounts.a, 1), bank::AccountIsClosed);
    CHECK_THROWS_AS(bank.withdraw(accounts.a, 1), bank::AccountIsClosed);
    CHECK_THROWS_AS(bank.close(accounts.a), bank::AccountIsClosed);
    CHECK(bank.balance(accounts.a) == 100);
}

TEST_CASE("a transfer debits one account and credits the other, in one save")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};
    const std::int64_t before = stored_events(bank);
    bank.transfer(accounts.a, accounts.b, 30);

    CHECK(bank.balance(accounts.a) == 70);
    CHECK(bank.balance(accounts.b) == 30);
    const auto stored = bank.notification_log().select(before + 1, 10);
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].event.originator_id == accounts.a);
    CHECK(stored[0].event.topic == "bank.Account.Withdrawn");
    CHECK(stored[1].event.originator_id == accounts.b);
    CHECK(stored[1].event.topic == "bank.Account.Deposited");
}

TEST_CASE("a transfer to a closed account stores nothing")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};
    bank.close(accounts.b);
    const std::int64_t before = stored_events(bank);

    CHECK_THROWS_AS(bank.transfer(accounts.a, accounts.b, 30), bank::AccountIsClosed);
    CHECK(bank.balance(accounts.a) == 100);
    CHECK(stored_events(bank) == before);
}

TEST_CASE("a transfer that would overdraw stores nothing")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};
    const std::int64_t before = stored_events(bank);

    CHECK_THROWS_AS(bank.transfer(accounts.a, accounts.b, 101), bank::OverdraftLimitExceeded);
    CHECK(bank.balance(accounts.b) == 0);
    CHECK(stored_events(bank) == before);
}

// The transfer as Bank::transfer makes it, with another save in between its reads and its save.
TEST_CASE("a transfer from a stale account stores nothing, not even the credit")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};
    bank::Account from = bank.repository().get<bank::Account>(accounts.a);
    bank::Account to = bank.repository().get<bank::Account>(accounts.b);
    bank.deposit(accounts.a, 5);  // another save: `from` is stale
    from.withdraw(30);
    to.deposit(30);
    const std::int64_t before = stored_events(bank);

    CHECK_THROWS_AS(bank.save(from, to), es::ConcurrencyError);
    CHECK(bank.balance(accounts.a) == 105);
    CHECK(bank.balance(accounts.b) == 0);
    CHECK(stored_events(bank) == before);
}

TEST_CASE("a transfer to a stale account stores nothing, not even the debit")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};
    bank::Account from = bank.repository().get<bank::Account>(accounts.a);
    bank::Account to = bank.repository().get<bank::Account>(accounts.b);
    bank.deposit(accounts.b, 5);  // another save: `to` is stale
    from.withdraw(30);
    to.deposit(30);
    const std::int64_t before = stored_events(bank);

    CHECK_THROWS_AS(bank.save(from, to), es::ConcurrencyError);
    CHECK(bank.balance(accounts.a) == 100);
    CHECK(bank.balance(accounts.b) == 5);
    CHECK(stored_events(bank) == before);
}

TEST_CASE("a refused save of several aggregates leaves each of them with its pending events")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};
    bank::Account from = bank.repository().get<bank::Account>(accounts.a);
    bank::Account to = bank.repository().get<bank::Account>(accounts.b);
    bank.deposit(accounts.b, 5);
    from.withdraw(30);
    to.deposit(30);

    REQUIRE_THROWS_AS(bank.save(from, to), es::ConcurrencyError);
    CHECK(from.pending_events().size() == 1);
    CHECK(to.pending_events().size() == 1);
    CHECK(from.balance() == 70);  // as the command left it, to be retried on a fresh copy or dropped
}

TEST_CASE("a save of several aggregates, once stored, leaves none of them pending")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};
    bank::Account from = bank.repository().get<bank::Account>(accounts.a);
    bank::Account to = bank.repository().get<bank::Account>(accounts.b);
    from.withdraw(30);
    to.deposit(30);
    bank.save(from, to);

    CHECK(from.pending_events().empty());
    CHECK(to.pending_events().empty());
    const std::int64_t after = stored_events(bank);
    bank.save(from, to);  // nothing pending: nothing more stored
    CHECK(stored_events(bank) == after);
}

TEST_CASE("an account and its customer saved together are stored together, or neither is")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const es::Uuid ada = bank.register_customer("Ada");
    bank::Customer stale = bank.repository().get<bank::Customer>(ada);
    const es::Uuid first = bank.open_account(ada, 0);  // another save: `stale` is behind
    bank::Account second{ada, 0};
    stale.add_account(second.id());

    CHECK_THROWS_AS(bank.save(second, stale), es::ConcurrencyError);
    CHECK_THROWS_AS(bank.repository().get<bank::Account>(second.id()), es::AggregateNotFound);
    CHECK(bank.accounts_of(ada) == std::vector<es::Uuid>{first});
}

TEST_CASE("a save that cannot store one of its aggregates stores none of them, and keeps them pending")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const std::int64_t before = stored_events(bank);
    bank::Customer customer{"\xFF\xFE not UTF-8, so not JSON"};
    bank::Account account{customer.id(), 0};
    customer.add_account(account.id());

    CHECK_THROWS_AS(bank.save(account, customer), es::MappingError);
    CHECK(stored_events(bank) == before);
    CHECK(account.pending_events().size() == 1);
    CHECK(customer.pending_events().size() == 2);
}

TEST_CASE("a customer's id got as an account is a clear error naming the customer's topic")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const es::Uuid ada = bank.register_customer("Ada");
    const es::Uuid account = bank.open_account(ada, 0);

    CHECK_THROWS_WITH_AS(bank.repository().get<bank::Account>(ada),
                         doctest::Contains("bank.Customer.Registered"), es::MappingError);
    CHECK_THROWS_WITH_AS(bank.repository().get<bank::Customer>(account),
                         doctest::Contains("bank.Account.Opened"), es::MappingError);
    CHECK_THROWS_AS(bank.repository().get<bank::Account>(es::Uuid::random()), es::AggregateNotFound);
}

TEST_CASE("a transfer between an account and itself is refused")
{
    const fixtures::TempDir dir;
    bank::Bank bank{fixtures::each_persistence(dir)};
    const TwoAccounts accounts{bank};

    CHECK_THROWS_AS(bank.transfer(accounts.a, accounts.a, 10), bank::SameAccount);
    CHECK(bank.balance(accounts.a) == 100);
}
