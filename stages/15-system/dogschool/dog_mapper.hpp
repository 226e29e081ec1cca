#pragma once
// How a Dog's events are stored: by the library's JSON mapper, with each event's topic (dog.hpp)
// and its own fields as dog_mapper.cpp says. Only dog_mapper.cpp sees the JSON library, so this
// header stays cheap to include.
#include "dogschool/dog.hpp"
#include "es/mapper.hpp"

// Compiled once, in dog_mapper.cpp (json_mapper.hpp has the bodies).
extern template class es::JsonVariantMapper<dogschool::DogEvent>;
extern template class es::JsonVariantMapper<es::SnapshotVariant<dogschool::Dog>>;

namespace dogschool {

// DogMapper::to_stored(event) and DogMapper::from_stored(stored). Both throw es::MappingError,
// naming the topic, the stream and the position: for an unknown topic, a state that is not JSON,
// or a field that is missing or of the wrong type. The dog's snapshots go the same way, as a
// variant of one: to_stored(es::SnapshotVariant<Dog>{dog.snapshot()}) and
// from_stored<es::SnapshotVariant<Dog>>(stored).
struct DogMapper : es::JsonMapper<DogEvent, es::SnapshotVariant<Dog>> {};

static_assert(es::MapperOf<DogMapper, DogEvent>);
static_assert(es::MapperOf<DogMapper, es::SnapshotVariant<Dog>>);

}  // namespace dogschool
