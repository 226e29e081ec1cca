// The bank's mapper (JSON, so only here) and its application templates, compiled once (bank.hpp
// declares them extern), as the dog school's are in dog_school.cpp.
#include "bank.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "application_impl.hpp"

namespace bank {

namespace {

using nlohmann::json;

// The fields every event starts with, and the stream and position it is stored at.
es::StoredEvent stored_as(const es::DomainEvent& header, std::string topic, json state)
{
    state["timestamp"] = header.timestamp.time_since_epoch().count();
    try {
        return {header.originator_id, header.originator_version, topic, state.dump()};
    } catch (const json::exception& error) {  // a string that is not UTF-8
        throw es::MappingError("cannot store the event " + topic + " at position " +
                               std::to_string(header.originator_version) + " of stream " +
                               header.originator_id.to_string() + ": " + error.what());
    }
}

es::DomainEvent header_of(const es::StoredEvent& stored, const json& state)
{
    return {stored.originator_id, stored.originator_version,
            es::Timestamp{std::chrono::microseconds{state.at("timestamp").get<std::int64_t>()}}};
}

// Reads a stored event's state, or says clearly which event it could not read.
template <typename Read>
auto read(const es::StoredEvent& stored, Read&& read_event)
{
    try {
        const json state = json::parse(stored.state);
        return read_event(header_of(stored, state), state);
    } catch (const json::exception& error) {
        throw es::MappingError("cannot read the event " + stored.topic + " at position " +
                               std::to_string(stored.originator_version) + " of stream " +
                               stored.originator_id.to_string() + ": " + error.what());
    }
}

es::MappingError unknown_topic(const es::StoredEvent& stored, const std::string& type)
{
    return es::MappingError("the event at position " + std::to_string(stored.originator_version) +
                            " of stream " + stored.originator_id.to_string() + " has the topic " +
                            stored.topic + ", which is not an event of " + type);
}

}  // namespace

es::StoredEvent BankMapper::to_stored(const AccountEvent& event)
{
    return std::visit(
        es::overloaded{
            [](const AccountOpened& e) {
                return stored_as(e, "bank.Account.Opened",
                                 {{"owner", e.owner.to_string()}, {"overdraft_limit", e.overdraft_limit}});
            },
            [](const Deposited& e) {
                return stored_as(e, "bank.Account.Deposited", {{"amount", e.amount}});
            },
            [](const Withdrawn& e) {
                return stored_as(e, "bank.Account.Withdrawn", {{"amount", e.amount}});
            },
            [](const AccountClosed& e) { return stored_as(e, "bank.Account.Closed", json::object()); },
        },
        event);
}

es::StoredEvent BankMapper::to_stored(const CustomerEvent& event)
{
    return std::visit(
        es::overloaded{
            [](const CustomerRegistered& e) {
                return stored_as(e, "bank.Customer.Registered", {{"name", e.name}});
            },
            [](const AccountAdded& e) {
                return stored_as(e, "bank.Customer.AccountAdded", {{"account", e.account.to_string()}});
            },
        },
        event);
}

template <>
AccountEvent BankMapper::from_stored<AccountEvent>(const es::StoredEvent& stored)
{
    return read(stored, [&](const es::DomainEvent& header, const json& state) -> AccountEvent {
        if (stored.topic == "bank.Account.Opened") {
            return AccountOpened{header, es::Uuid::parse(state.at("owner").get<std::string>()),
                                 state.at("overdraft_limit").get<Cents>()};
        }
        if (stored.topic == "bank.Account.Deposited")
            return Deposited{header, state.at("amount").get<Cents>()};
        if (stored.topic == "bank.Account.Withdrawn")
            return Withdrawn{header, state.at("amount").get<Cents>()};
        if (stored.topic == "bank.Account.Closed") return AccountClosed{header};
        throw unknown_topic(stored, "an account");
    });
}

template <>
CustomerEvent BankMapper::from_stored<CustomerEvent>(const es::StoredEvent& stored)
{
    return read(stored, [&](const es::DomainEvent& header, const json& state) -> CustomerEvent {
        if (stored.topic == "bank.Customer.Registered") {
            return CustomerRegistered{header, state.at("name").get<std::string>()};
        }
        if (stored.topic == "bank.Customer.AccountAdded") {
            return AccountAdded{header, es::Uuid::parse(state.at("account").get<std::string>())};
        }
        throw unknown_topic(stored, "a customer");
    });
}

}  // namespace bank

template class es::Repository<bank::BankMapper, bank::Account, bank::Customer>;
template class es::Application<bank::BankMapper, bank::Account, bank::Customer>;
