#ifndef REPORT_CQPDF_SHIM_H
#define REPORT_CQPDF_SHIM_H
#include <qpdf/qpdf-c.h>
#endif
