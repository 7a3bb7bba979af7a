#include "CQPDFLoader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct report_qpdf table;
static const struct report_qpdf *_Nullable loaded;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
  /* The runtime package's name first; the development link where only it is. */
  const char *names[] = {"libqpdf.so.29", "libqpdf.so"};
  void *library = NULL;
  for (unsigned i = 0; i < sizeof names / sizeof names[0] && !library; i++) {
    library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
  }
  if (!library) {
    const char *reason = dlerror();
    snprintf(failure, sizeof failure, "cannot load libqpdf (%s)",
             reason ? reason : "not found");
    return;
  }
#define REPORT_QPDF_LOOKUP(name)                                               \
  table.name = (__typeof__(&name))dlsym(library, #name);                       \
  if (!table.name) {                                                           \
    snprintf(failure, sizeof failure, "libqpdf has no %s (qpdf 11 is needed)", \
             #name);                                                           \
    return;                                                                    \
  }
  REPORT_QPDF_FUNCTIONS(REPORT_QPDF_LOOKUP)
#undef REPORT_QPDF_LOOKUP
  loaded = &table;
}

const struct report_qpdf *_Nullable report_qpdf(void) {
  pthread_once(&once, load);
  return loaded;
}

const char *_Nonnull report_qpdf_error(void) { return failure; }
