#include "certificates/certificates.hpp"

#include "dogschool/dog_mapper.hpp"
#include "es/application_impl.hpp"

#include <utility>
#include <variant>
#include "es/not_implemented.hpp"

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
    throw es::NotImplemented("Certificates::policy", 4);
    // <<<
}
// end slide

std::optional<CertificateDetails> Certificates::certificate_of(const es::Uuid& dog_id) const
{
    // >>> step 4: Certificates::certificate_of
    throw es::NotImplemented("Certificates::certificate_of", 4);
    // <<<
}

}  // namespace certificates

template class es::Repository<certificates::CertificatesMapper, certificates::TrickCounter,
                              certificates::Certificate>;
template class es::Application<certificates::CertificatesMapper, certificates::TrickCounter,
                               certificates::Certificate>;
template class es::ProcessApplication<certificates::CertificatesMapper, certificates::TrickCounter,
                                      certificates::Certificate>;
