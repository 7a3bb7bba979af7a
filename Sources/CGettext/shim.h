#ifndef REPORT_CGETTEXT_SHIM_H
#define REPORT_CGETTEXT_SHIM_H
/* GNU gettext as glibc has it: no library to link. */
#include <libintl.h>
#include <locale.h>
#endif
