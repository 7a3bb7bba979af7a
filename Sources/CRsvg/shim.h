#ifndef REPORT_CRSVG_SHIM_H
#define REPORT_CRSVG_SHIM_H
#include <librsvg/rsvg.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <pango/pangocairo.h>
#endif
