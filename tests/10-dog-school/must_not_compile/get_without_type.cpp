// must not compile: an application of several aggregate types cannot guess which one get(id) means
// message: name the one to get, as in repository().get<Account>(id)
#include "bank.hpp"

bank::Account account_of(const bank::Bank& bank, const es::Uuid& id)
{
    return bank.repository().get(id);
}
