// Keeps the deploy binary's glibc floor at 2.34 (EL9): glibc 2.35 added new default versions of
// `hypot`/`hypotf`, and code built against a newer glibc (a dependency of the HTTP client) binds
// them. Defining both here, forwarding to the old GLIBC_2.2.5 versions, makes the linker resolve
// every use inside the binary to these definitions instead.
#include "GlibcFloor.h"

double glibc_floor_hypot_v1(double, double);
float glibc_floor_hypotf_v1(float, float);
__asm__(".symver glibc_floor_hypot_v1, hypot@GLIBC_2.2.5");
__asm__(".symver glibc_floor_hypotf_v1, hypotf@GLIBC_2.2.5");
double hypot(double x, double y) { return glibc_floor_hypot_v1(x, y); }
float hypotf(float x, float y) { return glibc_floor_hypotf_v1(x, y); }

int glibc_floor_anchor(void) { return 234; }
