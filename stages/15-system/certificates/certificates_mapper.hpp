#pragma once
// How the certificates' events are stored: by the library's JSON mapper, as for the dog school.
#include "certificates/certificate.hpp"
#include "es/mapper.hpp"

extern template class es::JsonVariantMapper<certificates::TrickCounterEvent>;
extern template class es::JsonVariantMapper<certificates::CertificateEvent>;

namespace certificates {

struct CertificatesMapper : es::JsonMapper<TrickCounterEvent, CertificateEvent> {};

static_assert(es::MapperOf<CertificatesMapper, TrickCounterEvent>);
static_assert(es::MapperOf<CertificatesMapper, CertificateEvent>);

}  // namespace certificates
