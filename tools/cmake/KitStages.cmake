# One function per idea:
#   kit_add_all_stages()      every solutions/NN-name folder becomes a stage
#   kit_add_stage_variant()   one test binary: tests/NN-name/*.cpp against one copy of the stage
#
# Per stage NN there are two test binaries (and a demo, stageNN_<variant>_demo, if main.cpp exists):
#   stageNN_starter_tests   tests against stages/NN-name      (what the student edits)
#   stageNN_solution_tests  tests against solutions/NN-name   (the reference)

set(KIT_TOOLS_DIR ${PROJECT_SOURCE_DIR}/tools)
# A stub ignores its parameters, and the helpers only the solution calls, on purpose.
set(KIT_STARTER_FLAGS -Wno-unused-parameter -Wno-unused-function)

# The stage's own code, compiled once per variant and shared by its tests and its demo. PUBLIC:
# whatever links it sees the stage's headers, the support code and the libraries.
function(kit_add_stage_code target source_dir variant stage_sources)
  add_library(${target} OBJECT ${stage_sources})
  target_include_directories(${target} PUBLIC ${source_dir})
  target_link_libraries(${target} PUBLIC kit::support kit_warnings nlohmann_json::nlohmann_json SQLite::SQLite3)
  if(TARGET PostgreSQL::PostgreSQL)
    target_link_libraries(${target} PUBLIC PostgreSQL::PostgreSQL)
  endif()
  if(variant STREQUAL "starter")
    target_compile_options(${target} PUBLIC ${KIT_STARTER_FLAGS})
  endif()
endfunction()

# The .cpp files of a stage folder, its demo's main.cpp left out.
function(kit_stage_sources out_var dir)
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.cpp)
  list(FILTER sources EXCLUDE REGEX "/main\\.cpp$")
  set(${out_var} ${sources} PARENT_SCOPE)
endfunction()

function(kit_add_stage_variant number folder variant source_dir stage_sources demo_main)
  set(code stage${number}_${variant}_code)
  kit_add_stage_code(${code} ${source_dir} ${variant} "${stage_sources}")

  set(target stage${number}_${variant}_tests)
  file(GLOB test_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/${folder}/*.cpp)
  add_executable(${target} ${test_sources})
  # The shared precompiled header: doctest, plus readable values in failed checks (vectors,
  # optionals, UUIDs: support/doctest_printers.hpp) without an include in every test.
  target_precompile_headers(${target} REUSE_FROM kit_test_pch)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/${folder})
  target_link_libraries(${target} PRIVATE ${code} kit_doctest_main)

  # A stage's demo program, if it has one (main.cpp): ./workshop run NN.
  if(EXISTS ${demo_main})
    add_executable(stage${number}_${variant}_demo ${demo_main})
    target_link_libraries(stage${number}_${variant}_demo PRIVATE ${code})
  endif()

  set(work_dir ${CMAKE_BINARY_DIR}/test-work/${number}-${variant})
  file(MAKE_DIRECTORY ${work_dir})
  add_test(NAME stage-${number}/${variant} COMMAND ${target} --no-intro WORKING_DIRECTORY ${work_dir})
  set_tests_properties(stage-${number}/${variant} PROPERTIES LABELS "${variant};stage-${number}")
endfunction()

# The solution's tests are built from a copy of the solution in which each stub region can be
# switched back to its stub at run time (KIT_STUB=file:region; off by default, and #line keeps
# messages pointing at solutions/). So one binary proves both that the solution passes and that
# every region is needed (tools/kit.py coverage). The bench preset (no integrity checks) builds the
# solution as it is.
function(kit_instrumented_sources out_var number folder)
  set(out_dir ${CMAKE_BINARY_DIR}/instrumented/${folder})
  file(GLOB solution_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/solutions/${folder}/*.cpp
       ${PROJECT_SOURCE_DIR}/solutions/${folder}/*.hpp)
  set(outputs "")
  set(sources "")
  foreach(file IN LISTS solution_files)
    get_filename_component(name ${file} NAME)
    list(APPEND outputs ${out_dir}/${name})
    if(name MATCHES "\\.cpp$" AND NOT name STREQUAL "main.cpp")
      list(APPEND sources ${out_dir}/${name})
    endif()
  endforeach()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${Python3_EXECUTABLE} ${KIT_TOOLS_DIR}/kit.py instrument ${folder} ${out_dir}
    DEPENDS ${solution_files} ${KIT_TOOLS_DIR}/kit.py ${KIT_TOOLS_DIR}/kitcore.py
    COMMENT "Instrumenting solutions/${folder}")
  add_custom_target(stage${number}_instrumented_sources DEPENDS ${outputs})
  set(${out_var} ${sources} PARENT_SCOPE)
endfunction()

function(kit_add_all_stages)
  file(GLOB folders RELATIVE ${PROJECT_SOURCE_DIR}/solutions ${PROJECT_SOURCE_DIR}/solutions/[0-9][0-9]-*)
  list(SORT folders)
  foreach(folder IN LISTS folders)
    string(SUBSTRING ${folder} 0 2 number)
    set(solution_dir ${PROJECT_SOURCE_DIR}/solutions/${folder})
    set(starter_dir ${PROJECT_SOURCE_DIR}/stages/${folder})
    if(NOT EXISTS ${solution_dir}/README.md)
      continue()  # a stage being written: not a stage yet
    endif()
    if(KIT_INTEGRITY)
      kit_instrumented_sources(solution_sources ${number} ${folder})
      kit_add_stage_variant(${number} ${folder} solution ${CMAKE_BINARY_DIR}/instrumented/${folder}
                            "${solution_sources}" ${solution_dir}/main.cpp)
      add_dependencies(stage${number}_solution_code stage${number}_instrumented_sources)
      add_dependencies(stage${number}_solution_tests stage${number}_instrumented_sources)
    else()
      kit_stage_sources(solution_sources ${solution_dir})
      kit_add_stage_variant(${number} ${folder} solution ${solution_dir} "${solution_sources}"
                            ${solution_dir}/main.cpp)
    endif()
    if(EXISTS ${starter_dir})
      kit_stage_sources(starter_sources ${starter_dir})
      kit_add_stage_variant(${number} ${folder} starter ${starter_dir} "${starter_sources}"
                            ${starter_dir}/main.cpp)
    endif()
  endforeach()
  set(KIT_STAGE_FOLDERS ${folders} PARENT_SCOPE)
endfunction()
