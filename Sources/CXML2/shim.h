/* libxml2 parses SVG media before librsvg sees them, to find what they embed (data: URIs). */
#ifndef SKYLT_CXML2_SHIM_H
#define SKYLT_CXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#endif
