#pragma once
// The certificates a dog school awards, kept by an application of their own that follows the
// school (certificates.hpp). Two aggregates: a Certificate, and a TrickCounter per dog, which is what
// the policy remembers of each dog: its name, the tricks it learned, and whether it has its
// certificate. The school's own store is never read for that: a follower keeps what it needs.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "es/aggregate.hpp"
#include "es/uuid.hpp"

namespace certificates {

// How many different tricks a dog must know to be awarded its certificate.
inline constexpr std::size_t tricks_for_a_certificate = 3;

// slide: counter events
// A dog registered at the school: its counter starts, with the dog's id as its own.
struct Enrolled : es::DomainEvent {
    static constexpr std::string_view topic = "certificates.TrickCounter.Enrolled";
    std::string dog_name;

    bool operator==(const Enrolled&) const = default;
};

// The dog learned a trick it did not know.
struct TrickCounted : es::DomainEvent {
    static constexpr std::string_view topic = "certificates.TrickCounter.TrickCounted";
    std::string trick;

    bool operator==(const TrickCounted&) const = default;
};

// The dog got its certificate: never a second one.
struct Certified : es::DomainEvent {
    static constexpr std::string_view topic = "certificates.TrickCounter.Certified";
    es::Uuid certificate_id;

    bool operator==(const Certified&) const = default;
};

using TrickCounterEvent = std::variant<Enrolled, TrickCounted, Certified>;
// end slide

class TrickCounter : public es::Aggregate<TrickCounter, TrickCounterEvent> {
public:
    // The counter of the dog `dog_id`: it has the dog's id, so the policy finds it from any of the
    // dog's events. (Two stores, two applications: the ids cannot clash.)
    TrickCounter(const es::Uuid& dog_id, std::string dog_name);

    const std::string& dog_name() const { return dog_name_; }
    const std::vector<std::string>& tricks() const { return tricks_; }
    const std::optional<es::Uuid>& certificate_id() const { return certificate_id_; }

    bool knows(const std::string& trick) const;
    // Records TrickCounted, unless the dog knows the trick already (an old log may teach it twice).
    void count(std::string trick);
    // Records Certified. Throws es::Error if the dog has its certificate already.
    void certify(const es::Uuid& certificate_id);

    bool operator==(const TrickCounter&) const = default;

    friend std::optional<TrickCounter> mutate(std::optional<TrickCounter> counter,
                                              const TrickCounterEvent& event);

private:
    friend Aggregate;
    TrickCounter() = default;

    std::string dog_name_;
    std::vector<std::string> tricks_;
    std::optional<es::Uuid> certificate_id_;
};

std::optional<TrickCounter> mutate(std::optional<TrickCounter> counter, const TrickCounterEvent& event);

// A certificate was awarded to a dog, for the tricks it knew then.
struct Awarded : es::DomainEvent {
    static constexpr std::string_view topic = "certificates.Certificate.Awarded";
    es::Uuid dog_id;
    std::string dog_name;
    std::vector<std::string> tricks;

    bool operator==(const Awarded&) const = default;
};

using CertificateEvent = std::variant<Awarded>;

class Certificate : public es::Aggregate<Certificate, CertificateEvent> {
public:
    // Awards a new certificate (a fresh id) to the dog.
    Certificate(const es::Uuid& dog_id, std::string dog_name, std::vector<std::string> tricks);

    const es::Uuid& dog_id() const { return dog_id_; }
    const std::string& dog_name() const { return dog_name_; }
    const std::vector<std::string>& tricks() const { return tricks_; }

    bool operator==(const Certificate&) const = default;

    friend std::optional<Certificate> mutate(std::optional<Certificate> certificate,
                                             const CertificateEvent& event);

private:
    friend Aggregate;
    Certificate() = default;

    es::Uuid dog_id_;
    std::string dog_name_;
    std::vector<std::string> tricks_;
};

std::optional<Certificate> mutate(std::optional<Certificate> certificate, const CertificateEvent& event);

}  // namespace certificates
