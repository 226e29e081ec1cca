#pragma once
// A bank on es::Aggregate and es::Application, unchanged: two aggregate types (accounts and their
// customers) in one application, and commands that save several aggregates at once, all or nothing.
// Written as a student would for a new domain: events, aggregates with their rules and mutators, a
// mapper (its bodies, JSON, in bank.cpp) and the application. tests/10 and tests/12 both use it
// (tests/12-postgres/bank.cpp compiles bank.cpp there).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "es/aggregate.hpp"
#include "es/application.hpp"
#include "es/environment.hpp"
#include "es/mapper.hpp"

namespace bank {

// Amounts are whole cents: exact, and no rounding to argue about.
using Cents = std::int64_t;

// --- Accounts ---

struct AccountOpened : es::DomainEvent {
    static constexpr std::string_view topic = "bank.Account.Opened";
    es::Uuid owner;  // the customer
    Cents overdraft_limit = 0;
    bool operator==(const AccountOpened&) const = default;
};

struct Deposited : es::DomainEvent {
    static constexpr std::string_view topic = "bank.Account.Deposited";
    Cents amount = 0;
    bool operator==(const Deposited&) const = default;
};

struct Withdrawn : es::DomainEvent {
    static constexpr std::string_view topic = "bank.Account.Withdrawn";
    Cents amount = 0;
    bool operator==(const Withdrawn&) const = default;
};

struct AccountClosed : es::DomainEvent {
    static constexpr std::string_view topic = "bank.Account.Closed";
    bool operator==(const AccountClosed&) const = default;
};

using AccountEvent = std::variant<AccountOpened, Deposited, Withdrawn, AccountClosed>;

// The bank's rules, checked by the commands before they record anything.
class InvalidAmount : public es::Error {
public:
    using Error::Error;
};
class OverdraftLimitExceeded : public es::Error {
public:
    using Error::Error;
};
class AccountIsClosed : public es::Error {
public:
    using Error::Error;
};

class Account : public es::Aggregate<Account, AccountEvent> {
public:
    // Opens an account for the customer `owner`, whose balance may go down to -overdraft_limit.
    Account(const es::Uuid& owner, Cents overdraft_limit)
    {
        if (overdraft_limit < 0) throw InvalidAmount("an overdraft limit cannot be negative");
        record<AccountOpened>(owner, overdraft_limit);
    }

    void deposit(Cents amount)
    {
        check_open();
        check_positive(amount);
        record<Deposited>(amount);
    }

    // Throws OverdraftLimitExceeded, recording nothing, if the balance would go below -overdraft_limit.
    void withdraw(Cents amount)
    {
        check_open();
        check_positive(amount);
        if (balance_ - amount < -overdraft_limit_) {
            throw OverdraftLimitExceeded("withdrawing " + std::to_string(amount) + " from account " +
                                         id().to_string() + " would take it past its overdraft limit");
        }
        record<Withdrawn>(amount);
    }

    void close()
    {
        check_open();
        record<AccountClosed>();
    }

    const es::Uuid& owner() const { return owner_; }
    Cents balance() const { return balance_; }
    Cents overdraft_limit() const { return overdraft_limit_; }
    bool closed() const { return closed_; }

    bool operator==(const Account&) const = default;

    friend std::optional<Account> mutate(std::optional<Account> account, const AccountEvent& event)
    {
        std::visit(es::overloaded{
                       [&](const AccountOpened& e) {
                           Account& opened = Account::start(account, e);
                           opened.owner_ = e.owner;
                           opened.overdraft_limit_ = e.overdraft_limit;
                       },
                       [&](const Deposited& e) { Account::advance(account, e).balance_ += e.amount; },
                       [&](const Withdrawn& e) { Account::advance(account, e).balance_ -= e.amount; },
                       [&](const AccountClosed& e) { Account::advance(account, e).closed_ = true; },
                   },
                   event);
        return account;
    }

private:
    friend Aggregate;
    Account() = default;

    void check_open() const
    {
        if (closed_) throw AccountIsClosed("account " + id().to_string() + " is closed");
    }
    static void check_positive(Cents amount)
    {
        if (amount <= 0)
            throw InvalidAmount("an amount must be more than 0; " + std::to_string(amount) + " is not");
    }

    es::Uuid owner_;
    Cents overdraft_limit_ = 0;
    Cents balance_ = 0;
    bool closed_ = false;
};

// --- Customers ---

struct CustomerRegistered : es::DomainEvent {
    static constexpr std::string_view topic = "bank.Customer.Registered";
    std::string name;
    bool operator==(const CustomerRegistered&) const = default;
};

struct AccountAdded : es::DomainEvent {
    static constexpr std::string_view topic = "bank.Customer.AccountAdded";
    es::Uuid account;
    bool operator==(const AccountAdded&) const = default;
};

using CustomerEvent = std::variant<CustomerRegistered, AccountAdded>;

class Customer : public es::Aggregate<Customer, CustomerEvent> {
public:
    explicit Customer(std::string name) { record<CustomerRegistered>(std::move(name)); }

    void add_account(const es::Uuid& account) { record<AccountAdded>(account); }

    const std::string& name() const { return name_; }
    const std::vector<es::Uuid>& accounts() const { return accounts_; }

    bool operator==(const Customer&) const = default;

    friend std::optional<Customer> mutate(std::optional<Customer> customer, const CustomerEvent& event)
    {
        std::visit(
            es::overloaded{
                [&](const CustomerRegistered& e) { Customer::start(customer, e).name_ = e.name; },
                [&](const AccountAdded& e) { Customer::advance(customer, e).accounts_.push_back(e.account); },
            },
            event);
        return customer;
    }

private:
    friend Aggregate;
    Customer() = default;

    std::string name_;
    std::vector<es::Uuid> accounts_;
};

// --- Storage ---

// One mapper for both aggregate types, the library's: to_stored(event) for either one's events, and
// from_stored<AccountEvent>(stored) or from_stored<CustomerEvent>(stored) for the type being loaded.
// The events' fields as JSON are in bank.cpp.
struct BankMapper : es::JsonMapper<AccountEvent, CustomerEvent> {};

static_assert(es::MapperOf<BankMapper, AccountEvent> && es::MapperOf<BankMapper, CustomerEvent>);

}  // namespace bank

// Compiled once, in bank.cpp.
extern template class es::JsonVariantMapper<bank::AccountEvent>;
extern template class es::JsonVariantMapper<bank::CustomerEvent>;
extern template class es::Repository<bank::BankMapper, bank::Account, bank::Customer>;
extern template class es::Application<bank::BankMapper, bank::Account, bank::Customer>;

namespace bank {

// A transfer between an account and itself: refused, it would be a stale save of the same account.
class SameAccount : public es::Error {
public:
    using Error::Error;
};

class Bank : public es::Application<BankMapper, Account, Customer> {
public:
    explicit Bank(const es::Environment& environment) : Application(environment) {}

    es::Uuid register_customer(std::string name)
    {
        Customer customer{std::move(name)};
        save(customer);
        return customer.id();
    }

    // The account and the customer's record of it are stored together, or neither is.
    es::Uuid open_account(const es::Uuid& customer_id, Cents overdraft_limit)
    {
        Customer customer = repository().get<Customer>(customer_id);
        Account account{customer.id(), overdraft_limit};
        customer.add_account(account.id());
        save(account, customer);
        return account.id();
    }

    void deposit(const es::Uuid& account_id, Cents amount)
    {
        Account account = repository().get<Account>(account_id);
        account.deposit(amount);
        save(account);
    }

    void withdraw(const es::Uuid& account_id, Cents amount)
    {
        Account account = repository().get<Account>(account_id);
        account.withdraw(amount);
        save(account);
    }

    void close(const es::Uuid& account_id)
    {
        Account account = repository().get<Account>(account_id);
        account.close();
        save(account);
    }

    // Debits one account and credits the other in one save: both or neither.
    void transfer(const es::Uuid& from_id, const es::Uuid& to_id, Cents amount)
    {
        if (from_id == to_id) throw SameAccount("account " + from_id.to_string() + " cannot pay itself");
        Account from = repository().get<Account>(from_id);
        Account to = repository().get<Account>(to_id);
        from.withdraw(amount);
        to.deposit(amount);
        save(from, to);
    }

    Cents balance(const es::Uuid& account_id) const
    {
        return repository().get<Account>(account_id).balance();
    }

    std::vector<es::Uuid> accounts_of(const es::Uuid& customer_id) const
    {
        return repository().get<Customer>(customer_id).accounts();
    }
};

}  // namespace bank
