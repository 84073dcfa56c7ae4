# The loader's own sources, relative to capdl-loader/: one list for both architectures' builds
# (capdl-loader/CMakeLists.txt, targets/aarch64/CMakeLists.txt).
set(CAPDL_LOADER_FILES
  src/main.c src/failure.c src/spec.c src/files.c src/cspace_grow.c src/objects.c src/irqs.c src/scratch.c
  src/vspace.c src/fill.c src/tcbs.c src/domains.c src/sched.c src/cspaces.c src/dump_index.c src/dump.c
  src/kernel_costs.c
  src/blob_placeholder.c)
