# Host code: C11, strict warnings, optional sanitizers, and the libraries the host tool needs.
# A missing library is a configure error that names the Debian package to install.
find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config")
endif()

function(require_pkg var module debian_pkg)
  pkg_check_modules(${var} IMPORTED_TARGET ${module})
  if(NOT ${var}_FOUND)
    message(FATAL_ERROR "${module} not found: apt-get install ${debian_pkg}")
  endif()
endfunction()

require_pkg(YAML yaml-0.1 libyaml-dev)
require_pkg(LIBELF libelf libelf-dev)
require_pkg(CMOCKA cmocka libcmocka-dev)

# Flags for every host target: add with target_link_libraries(x PRIVATE host_flags).
add_library(host_flags INTERFACE)
# -UNDEBUG: assert() stays on in every build type (tests rely on it).
target_compile_options(host_flags INTERFACE -Wall -Wextra -Werror -g -UNDEBUG)
if(SANITIZE)
  target_compile_options(host_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                              -fno-sanitize-recover=all)
  target_link_options(host_flags INTERFACE -fsanitize=address,undefined)
endif()
