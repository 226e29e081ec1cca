#include "certificates/certificate.hpp"

#include <algorithm>
#include <utility>

namespace certificates {

TrickCounter::TrickCounter(const es::Uuid& dog_id, std::string dog_name) : Aggregate(dog_id)
{
    record<Enrolled>(std::move(dog_name));
}

bool TrickCounter::knows(const std::string& trick) const
{
    return std::ranges::find(tricks_, trick) != tricks_.end();
}

void TrickCounter::count(std::string trick)
{
    if (knows(trick)) return;
    record<TrickCounted>(std::move(trick));
}

void TrickCounter::certify(const es::Uuid& certificate_id)
{
    if (certificate_id_) {
        throw es::Error(dog_name_ + " (dog " + id().to_string() +
                        ") has a certificate already: " + certificate_id_->to_string());
    }
    record<Certified>(certificate_id);
}

std::optional<TrickCounter> mutate(std::optional<TrickCounter> counter, const TrickCounterEvent& event)
{
    std::visit(
        es::overloaded{
            [&](const Enrolled& e) { TrickCounter::start(counter, e).dog_name_ = e.dog_name; },
            [&](const TrickCounted& e) { TrickCounter::advance(counter, e).tricks_.push_back(e.trick); },
            [&](const Certified& e) { TrickCounter::advance(counter, e).certificate_id_ = e.certificate_id; },
        },
        event);
    return counter;
}

Certificate::Certificate(const es::Uuid& dog_id, std::string dog_name, std::vector<std::string> tricks)
{
    record<Awarded>(dog_id, std::move(dog_name), std::move(tricks));
}

std::optional<Certificate> mutate(std::optional<Certificate> certificate, const CertificateEvent& event)
{
    std::visit(
        es::overloaded{
            [&](const Awarded& e) {
                Certificate& awarded = Certificate::start(certificate, e);
                awarded.dog_id_ = e.dog_id;
                awarded.dog_name_ = e.dog_name;
                awarded.tricks_ = e.tricks;
            },
        },
        event);
    return certificate;
}

}  // namespace certificates
