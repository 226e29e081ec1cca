# One function per idea:
#   kit_add_all_stages()      every solutions/NN-name folder becomes a stage
#   kit_add_stage_variant()   one test binary: tests/NN-name/*.cpp against one copy of the stage
#   kit_add_shared_objects()  the kit's own build compiles once what a starter shares with its solution
#
# Per stage NN there are two test binaries (and a demo, stageNN_<variant>_demo, if main.cpp exists):
#   stageNN_starter_tests   tests against stages/NN-name      (what the student edits)
#   stageNN_solution_tests  tests against solutions/NN-name   (the reference)

set(KIT_TOOLS_DIR ${PROJECT_SOURCE_DIR}/tools)

# Stage and test files are globbed once, at configure time, and listed in kit-sources.txt. CMake's
# CONFIGURE_DEPENDS would re-glob the whole kit before every build (~30 ms, a fifth of what a
# check adds to the compile); instead the runner compares one stage's files with that list and
# configures again when a file was added or removed. By hand: `cmake build/dev` after adding one.
function(kit_glob out_var)
  file(GLOB found ${ARGN})
  set_property(GLOBAL APPEND PROPERTY KIT_GLOBBED ${found})
  set(${out_var} ${found} PARENT_SCOPE)
endfunction()

# The same, into subfolders too: from stage 09 on a stage keeps its library in es/ and its domain
# in dogschool/.
function(kit_glob_recurse out_var)
  file(GLOB_RECURSE found ${ARGN})
  set_property(GLOBAL APPEND PROPERTY KIT_GLOBBED ${found})
  set(${out_var} ${found} PARENT_SCOPE)
endfunction()

function(kit_write_source_list)
  get_property(globbed GLOBAL PROPERTY KIT_GLOBBED)
  list(REMOVE_DUPLICATES globbed)
  list(SORT globbed)
  list(JOIN globbed "\n" text)
  file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/kit-sources.txt CONTENT "${text}\n" @ONLY)
endfunction()

# A stub ignores its parameters, the helpers and members only the solution uses, on purpose. Linked
# after kit_warnings, so that these come after -Wall -Wextra on the command line: clang, unlike gcc,
# lets a later -Wextra switch an earlier -Wno-unused-parameter back on.
add_library(kit_starter_warnings INTERFACE)
target_compile_options(kit_starter_warnings INTERFACE -Wno-unused-parameter -Wno-unused-function
                       $<$<CXX_COMPILER_ID:Clang,AppleClang>:-Wno-unused-private-field>)

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
    target_link_libraries(${target} PUBLIC kit_starter_warnings)
  endif()
  # The standard headers, precompiled once for every stage (support/std_headers.hpp).
  target_precompile_headers(${target} REUSE_FROM kit_code_pch)
endfunction()

# The test files of a stage, compiled with the shared precompiled header: the standard headers,
# doctest, and readable values in failed checks (vectors, optionals, UUIDs: support/doctest_printers.hpp).
function(kit_test_settings target folder)
  target_precompile_headers(${target} REUSE_FROM kit_test_pch)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/${folder})
  target_link_libraries(${target} PRIVATE doctest::doctest)
endfunction()

# The .cpp files of a stage folder and its subfolders, its demo's main.cpp (at the top) left out.
function(kit_stage_sources out_var dir)
  kit_glob_recurse(sources ${dir}/*.cpp)
  list(FILTER sources EXCLUDE REGEX "^${dir}/main\\.cpp$")
  set(${out_var} ${sources} PARENT_SCOPE)
endfunction()

# One variant of a stage: its code, its test binary, its demo. `shared` names the objects it
# has in common with the other variant (kit_add_shared_objects), or is empty.
function(kit_add_stage_variant number folder variant source_dir stage_sources demo_main shared)
  set(code stage${number}_${variant}_code)
  kit_add_stage_code(${code} ${source_dir} ${variant} "${stage_sources}")
  set(target stage${number}_${variant}_tests)
  set(demo stage${number}_${variant}_demo)
  if(shared)
    add_executable(${target} $<TARGET_OBJECTS:${shared}_tests>)
    target_link_libraries(${target} PRIVATE ${code} ${shared}_code kit_doctest_main kit_test_postgres)
    if(EXISTS ${demo_main})
      add_executable(${demo} $<TARGET_OBJECTS:${shared}_demo>)
      target_link_libraries(${demo} PRIVATE ${code} ${shared}_code)
    endif()
  else()
    kit_glob(test_sources ${PROJECT_SOURCE_DIR}/tests/${folder}/*.cpp)
    add_executable(${target} ${test_sources})
    kit_test_settings(${target} ${folder})
    target_link_libraries(${target} PRIVATE ${code} kit_doctest_main kit_test_postgres)
    # A stage's demo program, if it has one (main.cpp): ./workshop run NN.
    if(EXISTS ${demo_main})
      add_executable(${demo} ${demo_main})
      target_link_libraries(${demo} PRIVATE ${code})
      target_precompile_headers(${demo} REUSE_FROM kit_code_pch)
    endif()
  endif()

  set(work_dir ${CMAKE_BINARY_DIR}/test-work/${number}-${variant})
  file(MAKE_DIRECTORY ${work_dir})
  add_test(NAME stage-${number}/${variant} COMMAND ${target} --no-intro WORKING_DIRECTORY ${work_dir})
  set_tests_properties(stage-${number}/${variant} PROPERTIES LABELS "${variant};stage-${number}")
  # The application's settings a student may have exported for a demo never reach the tests (they
  # would use the student's own file); tools/kitcore.py clears the same for the runner.
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.22)
    set_tests_properties(stage-${number}/${variant} PROPERTIES ENVIRONMENT_MODIFICATION
                         "PERSISTENCE_MODULE=unset:;SQLITE_DBNAME=unset:;POSTGRES_DBNAME=unset:")
  endif()
endfunction()

# KIT_SHARE_UNCHANGED (the ci preset): what a pristine starter has in common with its solution is
# compiled once, from solutions/, and linked into both test binaries: the test files and the demo
# when no header has a stub region, and every .cpp file without one. Sound only because the
# starters are exactly what tools/kit.py generates (kit/starters-generated proves it); never in a
# student's build, where an edited starter must count. Sets out_var to the prefix of the shared
# targets, or to "" (and sets nothing up) when the stage's headers differ between its variants.
function(kit_add_shared_objects out_var number folder)
  set(dir ${PROJECT_SOURCE_DIR}/solutions/${folder})
  set(${out_var} "" PARENT_SCOPE)
  kit_glob_recurse(headers ${dir}/*.hpp)
  kit_glob_recurse(sources ${dir}/*.cpp)
  # What is shared depends on where the stub regions are: configure again when a solution changes.
  set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${headers} ${sources})
  set(everyones ${headers})  # what the tests and the demo see: the same in both variants, or no sharing
  if(EXISTS ${dir}/main.cpp)
    list(APPEND everyones ${dir}/main.cpp)
  endif()
  list(FILTER sources EXCLUDE REGEX "^${dir}/main\\.cpp$")
  foreach(file IN LISTS everyones)
    file(STRINGS ${file} stubs REGEX "// >>> step")
    if(stubs)
      return()
    endif()
  endforeach()
  set(unchanged "")
  set(unchanged_names "")
  foreach(source IN LISTS sources)
    file(STRINGS ${source} stubs REGEX "// >>> step")
    if(NOT stubs)
      list(APPEND unchanged ${source})
      file(RELATIVE_PATH name ${dir} ${source})
      list(APPEND unchanged_names ${name})
    endif()
  endforeach()
  set(shared stage${number}_shared)
  # An object library needs a source: the anchor stands in when every .cpp file has a stub region.
  kit_add_stage_code(${shared}_code ${dir} solution "${unchanged};${PROJECT_SOURCE_DIR}/support/pch_anchor.cpp")
  kit_glob(test_sources ${PROJECT_SOURCE_DIR}/tests/${folder}/*.cpp)
  add_library(${shared}_tests OBJECT ${test_sources})
  kit_test_settings(${shared}_tests ${folder})
  target_link_libraries(${shared}_tests PRIVATE ${shared}_code)
  if(EXISTS ${dir}/main.cpp)
    add_library(${shared}_demo OBJECT ${dir}/main.cpp)
    target_link_libraries(${shared}_demo PRIVATE ${shared}_code)
    target_precompile_headers(${shared}_demo REUSE_FROM kit_code_pch)
  endif()
  set(${out_var} ${shared} PARENT_SCOPE)
  set(KIT_UNCHANGED_SOURCES ${unchanged_names} PARENT_SCOPE)
endfunction()

# The solution's tests are built from a copy of the solution in which each stub region can be
# switched back to its stub at run time (KIT_STUB=file:region; off by default, and #line keeps
# messages pointing at solutions/), or to one of the mutants kept in tests/NN-name/mutants/
# (KIT_MUTANT=file:region:name; #line points a mutant's compile errors at its own file). So one
# binary proves that the solution passes, that every region is needed (tools/kit.py coverage) and
# that the tests catch every mutant (tools/kit.py mutants-killed). The bench preset (no integrity
# checks) builds the solution as it is.
function(kit_instrumented_sources out_var number folder)
  set(out_dir ${CMAKE_BINARY_DIR}/instrumented/${folder})
  set(dir ${PROJECT_SOURCE_DIR}/solutions/${folder})
  kit_glob_recurse(solution_files ${dir}/*.cpp ${dir}/*.hpp)
  kit_glob(mutant_files ${PROJECT_SOURCE_DIR}/tests/${folder}/mutants/*.mutant)
  set(KIT_STAGE_MUTANTS ${mutant_files} PARENT_SCOPE)
  set(outputs "")
  set(sources "")
  foreach(file IN LISTS solution_files)
    file(RELATIVE_PATH name ${dir} ${file})  # es/recorder.hpp: the copy keeps the subfolders
    list(APPEND outputs ${out_dir}/${name})
    if(name MATCHES "\\.cpp$" AND NOT name STREQUAL "main.cpp")
      list(APPEND sources ${out_dir}/${name})
    endif()
  endforeach()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${Python3_EXECUTABLE} ${KIT_TOOLS_DIR}/kit.py instrument ${folder} ${out_dir}
    DEPENDS ${solution_files} ${mutant_files} ${KIT_TOOLS_DIR}/kit.py ${KIT_TOOLS_DIR}/kitcore.py
    COMMENT "Instrumenting solutions/${folder}")
  add_custom_target(stage${number}_instrumented_sources DEPENDS ${outputs})
  set(${out_var} ${sources} PARENT_SCOPE)
endfunction()

# Leaves out of a list of .cpp files those named like one in `names` (paths within the stage folder,
# dogschool/dog.cpp).
function(kit_without_names out_var sources names)
  foreach(name IN LISTS names)
    list(FILTER sources EXCLUDE REGEX "/${name}$")
  endforeach()
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
    set(shared "")
    set(KIT_UNCHANGED_SOURCES "")
    if(KIT_INTEGRITY AND KIT_SHARE_UNCHANGED AND EXISTS ${starter_dir})
      kit_add_shared_objects(shared ${number} ${folder})
    endif()
    if(KIT_INTEGRITY)
      kit_instrumented_sources(solution_sources ${number} ${folder})
      if(KIT_STAGE_MUTANTS)
        set_property(GLOBAL APPEND PROPERTY KIT_STAGES_WITH_MUTANTS ${number})
      endif()
      kit_without_names(solution_sources "${solution_sources}" "${KIT_UNCHANGED_SOURCES}")
      kit_add_stage_variant(${number} ${folder} solution ${CMAKE_BINARY_DIR}/instrumented/${folder}
                            "${solution_sources}" ${solution_dir}/main.cpp "${shared}")
      add_dependencies(stage${number}_solution_code stage${number}_instrumented_sources)
      add_dependencies(stage${number}_solution_tests stage${number}_instrumented_sources)
    else()
      kit_stage_sources(solution_sources ${solution_dir})
      kit_add_stage_variant(${number} ${folder} solution ${solution_dir} "${solution_sources}"
                            ${solution_dir}/main.cpp "")
    endif()
    if(EXISTS ${starter_dir})
      kit_stage_sources(starter_sources ${starter_dir})
      kit_without_names(starter_sources "${starter_sources}" "${KIT_UNCHANGED_SOURCES}")
      kit_add_stage_variant(${number} ${folder} starter ${starter_dir} "${starter_sources}"
                            ${starter_dir}/main.cpp "${shared}")
    endif()
  endforeach()
  kit_write_source_list()
  kit_add_services()
  set(KIT_STAGE_FOLDERS ${folders} PARENT_SCOPE)
  set(KIT_POSTGRES_STAGES ${KIT_POSTGRES_STAGES} PARENT_SCOPE)
  set(KIT_POSTGRES_ENVIRONMENT ${KIT_POSTGRES_ENVIRONMENT} PARENT_SCOPE)
endfunction()

# A stage whose manifest entry names the service "postgres" (stage 12) has its tests run against
# one PostgreSQL server per build folder, started and stopped by ctest around them (a fixture),
# rather than one started by each test binary. With POSTGRES_HOST set when configuring, the tests
# use that server instead, as stage 12's README says.
function(kit_add_services)
  if(NOT "$ENV{POSTGRES_HOST}" STREQUAL "")
    return()
  endif()
  file(READ ${PROJECT_SOURCE_DIR}/stages/manifest.json manifest)
  string(JSON count LENGTH "${manifest}" stages)
  string(SHA1 key "${CMAKE_BINARY_DIR}")
  string(SUBSTRING "${key}" 0 10 key)
  set(folder /tmp/kit-postgres-${key})  # a unix socket's path must stay short
  set(server ${Python3_EXECUTABLE} ${KIT_TOOLS_DIR}/throwaway_postgres.py)
  set(needed "")
  set(numbers "")
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON services ERROR_VARIABLE none GET "${manifest}" stages ${i} services)
    if(services MATCHES "postgres")
      string(JSON stage_folder GET "${manifest}" stages ${i} folder)
      string(SUBSTRING ${stage_folder} 0 2 number)
      list(APPEND numbers ${number})
      foreach(variant IN ITEMS solution starter)
        if(TEST stage-${number}/${variant})
          list(APPEND needed stage-${number}/${variant})
        endif()
      endforeach()
    endif()
  endforeach()
  if(NOT needed)
    return()
  endif()
  add_test(NAME services/postgres-start COMMAND ${server} start ${folder})
  add_test(NAME services/postgres-stop COMMAND ${server} stop ${folder})
  # ctest adds these two to any run that selects a test needing them.
  set_tests_properties(services/postgres-start PROPERTIES FIXTURES_SETUP postgres LABELS services)
  set_tests_properties(services/postgres-stop PROPERTIES FIXTURES_CLEANUP postgres LABELS services)
  set(environment "POSTGRES_HOST=${folder};POSTGRES_PORT=5432;POSTGRES_USER=kit;POSTGRES_PASSWORD=")
  set_tests_properties(${needed} PROPERTIES FIXTURES_REQUIRED postgres ENVIRONMENT "${environment}")
  set(KIT_POSTGRES_STAGES ${numbers} PARENT_SCOPE)
  set(KIT_POSTGRES_ENVIRONMENT "${environment}" PARENT_SCOPE)
endfunction()
