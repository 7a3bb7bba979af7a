#ifndef REPORT_CCAIROPANGO_SHIM_H
#define REPORT_CCAIROPANGO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>
#include <hyphen.h>
#endif
