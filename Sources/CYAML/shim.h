#ifndef ERRGEN_CYAML_SHIM_H
#define ERRGEN_CYAML_SHIM_H
#include <yaml.h>
#endif
