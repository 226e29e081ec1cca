// The to-do list's application templates, compiled once (todo_list.hpp declares them extern).
#include "todo_list.hpp"

#include "application_impl.hpp"

template class es::Repository<todo::TodoList, todo::TodoMapper>;
template class es::Application<todo::TodoList, todo::TodoMapper>;
