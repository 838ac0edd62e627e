// PCRE2 (Debian libpcre2-dev), 8-bit code units, linked statically so target hosts need nothing installed.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
