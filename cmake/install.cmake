# What `cmake --install` lays out and what CPack packages (docs/install.md):
#   bin/orrery
#   share/orrery/themes/, share/orrery/filters/    found by the installed binary beside its bin/
#   share/doc/orrery/examples/planet.ini
#   share/man/man1/orrery.1.gz, share/man/man5/orrery.ini.5.gz    from docs/man/*.scd (scdoc)
#   lib/systemd/system/orrery{.service,-run.service,-run.timer}    /lib/systemd/system for /usr
include(GNUInstallDirs)

install(TARGETS orrery RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/config/themes/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/orrery/themes)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/config/filters/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/orrery/filters USE_SOURCE_PERMISSIONS)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/examples/planet.ini
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)

# Man pages: scdoc at build time, gzip -9n as Debian wants them.
option(ORRERY_BUILD_MAN "Build the man pages from docs/man/*.scd (needs scdoc)" ON)
if(ORRERY_BUILD_MAN)
  find_program(ORRERY_SCDOC scdoc)
  if(NOT ORRERY_SCDOC)
    message(FATAL_ERROR "scdoc not found: the man pages need it (bash .ci/install-deps.sh), "
                        "or configure with -DORRERY_BUILD_MAN=OFF")
  endif()
  set(orrery_man_pages)
  foreach(page orrery.1 orrery.ini.5)
    set(scd ${PROJECT_SOURCE_DIR}/docs/man/${page}.scd)
    set(out ${PROJECT_BINARY_DIR}/man/${page})
    add_custom_command(
      OUTPUT ${out} ${out}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
      COMMAND ${ORRERY_SCDOC} < ${scd} > ${out}
      COMMAND gzip -9n -c ${out} > ${out}.gz
      DEPENDS ${scd}
      COMMENT "scdoc ${page}"
      VERBATIM)
    list(APPEND orrery_man_pages ${out})
    string(REGEX MATCH "[0-9]$" section ${page})
    install(FILES ${out}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
  endforeach()
  add_custom_target(orrery_man ALL DEPENDS ${orrery_man_pages})
endif()

# systemd units: written at install time, when the prefix is known (cmake --install --prefix,
# CPack's /usr), with ExecStart= naming the installed binary. cmake/install_units.cmake.
install(CODE "
  set(orrery_units_source \"${PROJECT_SOURCE_DIR}/config/systemd\")
  set(orrery_units_build \"${PROJECT_BINARY_DIR}/systemd\")
  set(orrery_bindir \"${CMAKE_INSTALL_BINDIR}\")
  include(\"${CMAKE_CURRENT_LIST_DIR}/install_units.cmake\")")

# The .deb: `cpack --config build/release/CPackConfig.cmake` (docs/install.md).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME orrery)
set(CPACK_PACKAGE_VENDOR orrery)
# The package's Maintainer: field (and its changelog's signature), "Name <address>". The
# default names no real mailbox: whoever builds a .deb to hand out sets their own
# (-DORRERY_PACKAGE_CONTACT="Jo Planet <jo@example.net>"; docs/install.md).
set(orrery_default_contact "The orrery authors <orrery@example.org>")
set(ORRERY_PACKAGE_CONTACT "${orrery_default_contact}" CACHE STRING
    "Maintainer: of the .deb built by CPack, as \"Name <address>\"")
if(ORRERY_PACKAGE_CONTACT STREQUAL orrery_default_contact)
  message(STATUS "orrery: the .deb's Maintainer is the placeholder ${orrery_default_contact}; "
                 "set -DORRERY_PACKAGE_CONTACT=\"Name <address>\" for a package you publish")
endif()
set(CPACK_PACKAGE_CONTACT "${ORRERY_PACKAGE_CONTACT}")

# A Debian changelog (lintian no-changelog: policy 12.7 wants one in every binary package),
# dated by SOURCE_DATE_EPOCH when set, gzip -9n as the man pages. Its trailer is signed by
# ORRERY_PACKAGE_CONTACT, so it is configured after that is set (on a first configure the cache
# variable does not exist before).
string(TIMESTAMP ORRERY_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${PROJECT_SOURCE_DIR}/packaging/debian/changelog.in
               ${PROJECT_BINARY_DIR}/packaging/changelog @ONLY)
add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/packaging/changelog.gz
  COMMAND gzip -9n -c ${PROJECT_BINARY_DIR}/packaging/changelog >
          ${PROJECT_BINARY_DIR}/packaging/changelog.gz
  DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog
  VERBATIM)
add_custom_target(orrery_changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/packaging/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "planet-style feed aggregator (Planet Venus successor)")
# Lines of at most 80 columns (Debian policy 3.4.1; lintian extended-description-line-too-long).
set(CPACK_PACKAGE_DESCRIPTION "orrery polls a list of blogs' feeds, keeps their entries in SQLite
and publishes one combined page plus merged feeds. It reads Planet Venus
configs, themes and filters. The package ships orrery.service (a notify
daemon) and orrery-run.timer.")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/package)
# Installed with DESTDIR into /usr, so that absolute destinations (/lib/systemd/system) land in
# the package and the units name /usr/bin/orrery.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# adduser: the postinst creates the `planet` system user.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx | httpd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
    ${PROJECT_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
