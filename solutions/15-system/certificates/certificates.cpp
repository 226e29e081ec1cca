#include "certificates/certificates.hpp"

#include "dogschool/dog_mapper.hpp"
#include "es/application_impl.hpp"

#include <utility>
#include <variant>

namespace certificates {

Certificates::Certificates() : Certificates(es::Environment{})
{
}

Certificates::Certificates(es::Environment environment) : ProcessApplication(environment, "Certificates")
{
    policy_for<dogschool::DogMapper, dogschool::DogEvent>(
        "DogSchool",
        [this](const dogschool::DogEvent& event, Processing& processing) { policy(event, processing); });
}

// slide: policy
void Certificates::policy(const dogschool::DogEvent& event, Processing& processing) const
{
    // >>> step 4: Certificates::policy
    std::visit(es::overloaded{
                   [&](const dogschool::Registered& registered) {
                       TrickCounter counter{registered.originator_id, registered.name};
                       processing.save(counter);
                   },
                   [&](const dogschool::TrickAdded& added) {
                       TrickCounter counter = repository().get<TrickCounter>(added.originator_id);
                       counter.count(added.trick);
                       if (counter.tricks().size() < tricks_for_a_certificate || counter.certificate_id()) {
                           processing.save(counter);
                           return;
                       }
                       Certificate certificate{counter.id(), counter.dog_name(), counter.tricks()};
                       counter.certify(certificate.id());
                       processing.save(counter, certificate);  // both, with the tracking: or none
                   },
                   [](const auto&) {},  // what the school may tell later and is no business of ours
               },
               event);
    // <<<
}
// end slide

std::optional<CertificateDetails> Certificates::certificate_of(const es::Uuid& dog_id) const
{
    // >>> step 4: Certificates::certificate_of
    std::optional<es::Uuid> certificate_id;
    try {
        certificate_id = repository().get<TrickCounter>(dog_id).certificate_id();
    } catch (const es::AggregateNotFound&) {
        return std::nullopt;  // a dog this office has not heard of (yet)
    }
    if (!certificate_id) return std::nullopt;
    const Certificate certificate = repository().get<Certificate>(*certificate_id);
    return CertificateDetails{certificate.dog_name(), certificate.tricks()};
    // <<<
}

}  // namespace certificates

template class es::Repository<certificates::CertificatesMapper, certificates::TrickCounter,
                              certificates::Certificate>;
template class es::Application<certificates::CertificatesMapper, certificates::TrickCounter,
                               certificates::Certificate>;
template class es::ProcessApplication<certificates::CertificatesMapper, certificates::TrickCounter,
                                      certificates::Certificate>;
