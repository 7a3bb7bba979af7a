#ifndef REPORT_CFLATE_SHIM_H
#define REPORT_CFLATE_SHIM_H
#include <zlib.h>
#endif
