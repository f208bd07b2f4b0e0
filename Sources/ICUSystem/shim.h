// Deliberately empty: this system-library target exists only to carry the link
// flags of the system ICU (pkg-config icu-i18n) and its install hint. Swift code
// never includes ICU headers; see Sources/CICU for the only includer.
#include <stdint.h>
