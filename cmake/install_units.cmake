# Installs orrery's systemd units (config/systemd); run at install time by cmake/install.cmake.
# In:  CMAKE_INSTALL_PREFIX (the install's own: `cmake --install --prefix`, CPack's /usr),
#      orrery_units_source, orrery_units_build, orrery_bindir (CMAKE_INSTALL_BINDIR).
# The units in the source tree name /usr/bin/orrery (the Debian package's path); another prefix
# gets its own. Units go to /lib/systemd/system for /usr (Debian 12 packages' place) and to
# PREFIX/lib/systemd/system otherwise (/usr/local/lib/systemd/system is on systemd's path).
# file(INSTALL) honours DESTDIR.
if(IS_ABSOLUTE "${orrery_bindir}")
  set(binary "${orrery_bindir}/orrery")
else()
  set(binary "${CMAKE_INSTALL_PREFIX}/${orrery_bindir}/orrery")
endif()
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(unit_dir /lib/systemd/system)
else()
  set(unit_dir "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()

# One scratch directory per destination (two installs at once must not share files), removed
# once the units are installed.
string(MD5 destination "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(build_dir "${orrery_units_build}/${destination}")
file(MAKE_DIRECTORY "${build_dir}")
set(units)
foreach(unit orrery.service orrery-run.service orrery-run.timer)
  file(READ "${orrery_units_source}/${unit}" text)
  string(REPLACE "ExecStart=/usr/bin/orrery " "ExecStart=${binary} " text "${text}")
  file(WRITE "${build_dir}/${unit}" "${text}")
  list(APPEND units "${build_dir}/${unit}")
endforeach()
file(INSTALL ${units} DESTINATION "${unit_dir}" FILE_PERMISSIONS OWNER_READ OWNER_WRITE
     GROUP_READ WORLD_READ)
file(REMOVE_RECURSE "${build_dir}")
