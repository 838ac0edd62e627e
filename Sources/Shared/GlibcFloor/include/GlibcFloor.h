#ifndef GLIBC_FLOOR_H
#define GLIBC_FLOOR_H

/// Linking this target pins `hypot`/`hypotf` to their GLIBC_2.2.5 versions (see GlibcFloor.c).
/// Call it once from the executable so the object file is never dropped; returns 234 (glibc 2.34).
int glibc_floor_anchor(void);

#endif
