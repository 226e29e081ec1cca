// The to-do list's application templates, compiled once (todo_list.hpp declares them extern).
#include "todo_list.hpp"

#include "es/application_impl.hpp"

template class es::Repository<todo::TodoMapper, todo::TodoList>;
template class es::Application<todo::TodoMapper, todo::TodoList>;
