// header_test.cpp — the same checks as header_test.c, compiled as C++: the header's
// extern "C" block and macros must be valid C++11 and C++17 too.
#include "header_test.c"
