/* libxml2 parses SVG media before librsvg sees them, to find what they embed (data: URIs). */
#ifndef SKYLT_CXML2_SHIM_H
#define SKYLT_CXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and its encoding header then brings in ICU's own types,
   which clash with the copy of ICU inside Swift's Foundation in any module that sees both.
   Skylt never touches libxml2's encoding converters, the only place those types appear. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
/* Feeds: HTML in news items is reduced to text by libxml2's HTML parser. */
#include <libxml/HTMLparser.h>
#endif
