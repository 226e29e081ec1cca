#pragma once
// The certificates office: a process application that follows the dog school. It reads the school's
// events (the school's event types and mapper are its published language: this domain includes
// them), awards a dog its certificate once it knows three tricks, and answers which certificate a
// dog has. It never reads the school's store: what it needs of each dog, it keeps in its own
// TrickCounter aggregates.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "certificates/certificate.hpp"
#include "certificates/certificates_mapper.hpp"
#include "dogschool/dog.hpp"
#include "es/environment.hpp"
#include "es/process_application.hpp"

// Compiled once, in certificates.cpp (application_impl.hpp has the bodies).
extern template class es::Repository<certificates::CertificatesMapper, certificates::TrickCounter,
                                     certificates::Certificate>;
extern template class es::Application<certificates::CertificatesMapper, certificates::TrickCounter,
                                      certificates::Certificate>;
extern template class es::ProcessApplication<certificates::CertificatesMapper, certificates::TrickCounter,
                                             certificates::Certificate>;

namespace certificates {

// What a certificate says: plain values.
struct CertificateDetails {
    std::string dog_name;
    std::vector<std::string> tricks;

    bool operator==(const CertificateDetails&) const = default;
};

class Certificates : public es::ProcessApplication<CertificatesMapper, TrickCounter, Certificate> {
public:
    Certificates();  // persistence from the process environment (CERTIFICATES_... before the rest)
    explicit Certificates(es::Environment environment);

    // The policy: what one event of the dog school changes here. Reads this application's own
    // aggregates, and saves what it changes into `processing` (stored with the event's tracking).
    void policy(const dogschool::DogEvent& event, Processing& processing) const;

    // Query: the dog's certificate, if it has one.
    std::optional<CertificateDetails> certificate_of(const es::Uuid& dog_id) const;
};

}  // namespace certificates
