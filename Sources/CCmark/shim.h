#ifndef REPORT_CCMARK_SHIM_H
#define REPORT_CCMARK_SHIM_H
// cmark-gfm, the reference CommonMark parser with GitHub's extensions (Debian's
// libcmark-gfm-dev and libcmark-gfm-extensions-dev). Only ReportMarkdown's
// CommonMarkSeam.swift imports this module.
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#endif
