#ifndef REPORT_CNETTLE_SHIM_H
#define REPORT_CNETTLE_SHIM_H
#include <nettle/sha2.h>
#endif
