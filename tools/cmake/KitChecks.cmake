# The kit's own tests (label "kit"): they prove the kit is consistent, not that a student is done.
set(kit_py ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/kit.py)
set(kit_work ${CMAKE_BINARY_DIR}/test-work/kit)
file(MAKE_DIRECTORY ${kit_work})

function(kit_check name)
  add_test(NAME kit/${name} COMMAND ${ARGN} WORKING_DIRECTORY ${kit_work})
  set_tests_properties(kit/${name} PROPERTIES LABELS "kit")
endfunction()

kit_check(manifest ${kit_py} check-manifest)
kit_check(starters-generated ${kit_py} check-generated)
kit_check(carry-over ${kit_py} check-carry)
kit_check(format ${kit_py} check-format)
kit_check(layers ${kit_py} check-layers)
kit_check(runner ${Python3_EXECUTABLE} -m unittest discover -s ${PROJECT_SOURCE_DIR}/tests/kit -p "test_*.py")

foreach(folder IN LISTS KIT_STAGE_FOLDERS)
  string(SUBSTRING ${folder} 0 2 number)
  if(TARGET stage${number}_starter_tests)
    kit_check(stubs-fail-${number} ${kit_py} expect-stubs ${number} $<TARGET_FILE:stage${number}_starter_tests>)
    set_property(TEST kit/stubs-fail-${number} APPEND PROPERTY LABELS stage-${number})
  endif()
  if(NOT TARGET stage${number}_solution_tests)
    continue()
  endif()
  kit_check(stubs-needed-${number} ${kit_py} coverage ${number} $<TARGET_FILE:stage${number}_solution_tests>)
  set_property(TEST kit/stubs-needed-${number} APPEND PROPERTY LABELS stage-${number})
  get_property(with_mutants GLOBAL PROPERTY KIT_STAGES_WITH_MUTANTS)
  if(number IN_LIST with_mutants)
    kit_check(mutants-${number} ${kit_py} mutants-killed ${number} $<TARGET_FILE:stage${number}_solution_tests>)
    set_property(TEST kit/mutants-${number} APPEND PROPERTY LABELS stage-${number})
  endif()
endforeach()

# Mistakes that must not compile, and the compiler must say what to do instead: each file of
# tests/NN-name/must_not_compile/ is compiled alone against solutions/NN with the kit's compiler
# (tools/kit.py compile-error: its header lines say what the output must hold).
foreach(folder IN LISTS KIT_STAGE_FOLDERS)
  string(SUBSTRING ${folder} 0 2 number)
  file(GLOB wrong_sources ${PROJECT_SOURCE_DIR}/tests/${folder}/must_not_compile/*.cpp)
  foreach(source IN LISTS wrong_sources)
    get_filename_component(case ${source} NAME_WE)
    kit_check(compile-error-${number}-${case} ${kit_py} compile-error ${source})
    set_tests_properties(kit/compile-error-${number}-${case} PROPERTIES ENVIRONMENT
                         "KIT_CXX=${CMAKE_CXX_COMPILER};KIT_CXXFLAGS=${CMAKE_CXX_FLAGS}")
    set_property(TEST kit/compile-error-${number}-${case} APPEND PROPERTY LABELS stage-${number})
  endforeach()
endforeach()

# The kit's checks of a stage that needs PostgreSQL use the build folder's server (KitStages.cmake).
foreach(number IN LISTS KIT_POSTGRES_STAGES)
  foreach(check IN ITEMS stubs-fail stubs-needed mutants)
    if(TEST kit/${check}-${number})
      set_tests_properties(kit/${check}-${number} PROPERTIES FIXTURES_REQUIRED postgres
                           ENVIRONMENT "${KIT_POSTGRES_ENVIRONMENT}")
    endif()
  endforeach()
endforeach()

# The slowest checks start first (ctest runs the costliest first; on a first run it knows no costs),
# so that on two cores none of them is left running alone at the end.
set_tests_properties(kit/runner PROPERTIES COST 40)
if(TEST kit/stubs-needed-12)
  set_tests_properties(kit/stubs-needed-12 PROPERTIES COST 30)
endif()

# The slide decks (slides/build.py --check): every code block equals the source region it names,
# every image exists, every deck renders to HTML with Marp CLI, and headless Chromium draws each
# deck's first slide. Needs Node.js + npm, Graphviz and Chromium; fails (never skips) without them.
kit_check(slides ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/slides/build.py --check --out ${kit_work}/slides)
set_property(TEST kit/slides APPEND PROPERTY LABELS slides)
set_tests_properties(kit/slides PROPERTIES TIMEOUT 900 COST 35)
kit_check(slides-tool ${Python3_EXECUTABLE} -m unittest discover -s ${PROJECT_SOURCE_DIR}/slides -p "test_*.py")
