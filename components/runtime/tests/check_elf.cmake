# cmake -DREADELF=<readelf> -DPROGRAM=<elf> -P check_elf.cmake
# Checks that a program built by add_sel4_program is a static x86_64 ET_EXEC whose loadable
# segments are page aligned, never writable and executable at once, start at 0x400000, and
# that it has a PT_TLS segment.
execute_process(COMMAND ${READELF} -hlW ${PROGRAM} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "readelf failed on ${PROGRAM}")
endif()
foreach(pattern "Type:[ ]+EXEC" "Machine:[ ]+Advanced Micro Devices X86-64"
                "LOAD[ ]+0x0+ 0x0+400000 " "LOAD[^\n]+ R E 0x1000" "LOAD[^\n]+ RW  0x1000"
                "\n  TLS ")
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "${PROGRAM}: no match for '${pattern}' in:\n${out}")
  endif()
endforeach()
foreach(bad "LOAD[^\n]+ RWE " "INTERP" "DYNAMIC")
  if(out MATCHES "${bad}")
    message(FATAL_ERROR "${PROGRAM}: unexpected '${bad}' in:\n${out}")
  endif()
endforeach()
message(STATUS "${PROGRAM}: ELF layout ok")
