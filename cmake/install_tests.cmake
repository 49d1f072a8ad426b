# Tests of what is installed (label `install`): cmake/check_install.sh and check_manual.sh.
# The orrery.ini(5) key list is checked in tests/unit/config/keys_test.cpp.
add_test(NAME install.layout
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_install.sh ${PROJECT_BINARY_DIR} layout)
add_test(NAME install.systemd_units
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_install.sh ${PROJECT_BINARY_DIR} units)
set_tests_properties(install.layout install.systemd_units PROPERTIES LABELS install
                     SKIP_RETURN_CODE 77)
add_test(NAME install.manual
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_manual.sh $<TARGET_FILE:orrery>
                 ${PROJECT_SOURCE_DIR}/docs/man/orrery.1.scd)
set_tests_properties(install.manual PROPERTIES LABELS install)
