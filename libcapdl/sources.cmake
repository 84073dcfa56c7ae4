# libcapdl's sources, relative to libcapdl/: one list for the host library, the x86_64 loader
# (libcapdl/CMakeLists.txt) and the AArch64 loader (targets/aarch64/CMakeLists.txt).
set(CAPDL_COMMON_FILES src/spec.c src/sched.c src/alloc.c src/blob.c src/crc32.c)
