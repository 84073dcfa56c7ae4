# capdl_run_on_sel4(<test name> YAML <file> DIR <output folder> EXPECT <file> TIMEOUT <sec>
#                   LABELS <labels>... ARGS <capdl-tool run arguments>...)
# The twin of a `capdl-tool run` system test on the real seL4 16.0.0 debug kernel: the same
# description, ELFs and expectations, the image built for seL4's kernel and booted on seL4's CPU
# line until the expectations are met (seL4 halts the CPU instead of leaving QEMU). Label on-sel4
# besides LABELS. tests/on-sel4/on-sel4.sh unpacks the kernel from ../shared/reference.
function(capdl_run_on_sel4 name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "YAML;DIR;EXPECT;TIMEOUT" "LABELS;ARGS")
  add_test(NAME ${name}
           COMMAND ${CMAKE_SOURCE_DIR}/tests/on-sel4/on-sel4.sh ${CMAKE_BINARY_DIR}
                   $<TARGET_FILE:capdl-tool> run ${arg_YAML} -o ${arg_DIR} ${arg_ARGS}
                   --end any --until-match --kernel @SEL4_KERNEL@ --expect ${arg_EXPECT} --timeout ${arg_TIMEOUT}
                   -- -cpu @SEL4_CPU@)
  math(EXPR t "${arg_TIMEOUT} + 20")
  set_tests_properties(${name} PROPERTIES LABELS "system;on-sel4;${arg_LABELS}" TIMEOUT ${t})
endfunction()
