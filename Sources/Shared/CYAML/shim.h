// libyaml (Debian libyaml-dev), linked statically so target hosts need nothing installed.
#include <yaml.h>
