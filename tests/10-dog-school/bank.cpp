// The fields of the bank's events as JSON, nlohmann's way: a to_json and a from_json beside each
// event, found by ADL (es::JsonMapper adds the topic and the DomainEvent part, and checks what it
// reads); and the bank's application templates, compiled once (bank.hpp declares them extern), as
// the dog school's are in dog_school.cpp.
#include "bank.hpp"

#include "es/application_impl.hpp"
#include "es/json_mapper.hpp"

namespace bank {

void to_json(nlohmann::json& fields, const AccountOpened& e)
{
    fields["owner"] = e.owner.to_string();
    fields["overdraft_limit"] = e.overdraft_limit;
}

void from_json(const nlohmann::json& fields, AccountOpened& e)
{
    es::get_field(fields, "owner", e.owner);
    es::get_field(fields, "overdraft_limit", e.overdraft_limit);
}

void to_json(nlohmann::json& fields, const Deposited& e)
{
    fields["amount"] = e.amount;
}

void from_json(const nlohmann::json& fields, Deposited& e)
{
    es::get_field(fields, "amount", e.amount);
}

void to_json(nlohmann::json& fields, const Withdrawn& e)
{
    fields["amount"] = e.amount;
}

void from_json(const nlohmann::json& fields, Withdrawn& e)
{
    es::get_field(fields, "amount", e.amount);
}

void to_json(nlohmann::json&, const AccountClosed&)
{
}

void from_json(const nlohmann::json&, AccountClosed&)
{
}

void to_json(nlohmann::json& fields, const CustomerRegistered& e)
{
    fields["name"] = e.name;
}

void from_json(const nlohmann::json& fields, CustomerRegistered& e)
{
    es::get_field(fields, "name", e.name);
}

void to_json(nlohmann::json& fields, const AccountAdded& e)
{
    fields["account"] = e.account.to_string();
}

void from_json(const nlohmann::json& fields, AccountAdded& e)
{
    es::get_field(fields, "account", e.account);
}

}  // namespace bank

template class es::JsonVariantMapper<bank::AccountEvent>;
template class es::JsonVariantMapper<bank::CustomerEvent>;
template class es::Repository<bank::BankMapper, bank::Account, bank::Customer>;
template class es::Application<bank::BankMapper, bank::Account, bank::Customer>;
