#ifndef CICU_H
#define CICU_H
// A small C surface over the system ICU for Swift.
//
// Why this exists: ICU's headers rename every function with a version suffix
// (ucsdet_open -> ucsdet_open_72) and Swift 6.3's Foundation ships its own private
// ICU headers; importing <unicode/*.h> into a Swift-visible module fails on a cold
// build. This header therefore includes only <stdint.h> and exposes plain C types
// and opaque handles; CICU.c is the only file that includes ICU.
//
// Memory: text handed to cicu_break_open is NOT copied by ICU; the caller must keep
// the buffer alive until cicu_break_close. All other functions copy what they need.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's UErrorCode as a plain integer: 0 is success, negative values are warnings,
/// positive values are failures.
typedef int32_t CICUStatus;

/// The symbolic name of an ICU status code ("U_ILLEGAL_CHAR_FOUND").
const char *cicu_status_name(CICUStatus status);

/// The ICU version string of the loaded library ("72.1").
void cicu_version(char *out, int32_t capacity);

// MARK: Charset detection (ucsdet)

typedef struct CICUCharsetMatch {
  char name[40];
  char language[8];
  int32_t confidence;
} CICUCharsetMatch;

/// Runs ICU's charset detector over bytes and writes up to capacity matches,
/// best first. Returns the number written, or -1 with *status set.
int32_t cicu_detect_charsets(const char *bytes, int32_t length, CICUCharsetMatch *matches,
                             int32_t capacity, CICUStatus *status);

// MARK: Converters (ucnv)

typedef struct CICUConverter CICUConverter;

/// Opens a converter for a charset name or alias. With stopOnIllegal set, illegal or
/// unmappable input makes the conversion fail instead of producing U+FFFD.
CICUConverter *cicu_converter_open(const char *name, int32_t stopOnIllegal, CICUStatus *status);
void cicu_converter_close(CICUConverter *converter);
/// The converter's canonical name ("ibm-5348_P100-1997" for windows-1252).
const char *cicu_converter_name(const CICUConverter *converter, CICUStatus *status);
/// Bytes -> UTF-16. Returns the UTF-16 length (which may exceed capacity, with
/// U_BUFFER_OVERFLOW_ERROR), or -1 on failure. *errorOffset receives the byte offset of the
/// first illegal sequence when the conversion stops on one (else -1).
int32_t cicu_converter_to_utf16(CICUConverter *converter, const char *source, int32_t length,
                                uint16_t *dest, int32_t capacity, int32_t *errorOffset,
                                CICUStatus *status);
/// UTF-16 -> bytes. Returns the byte length, as above.
int32_t cicu_converter_from_utf16(CICUConverter *converter, const uint16_t *source, int32_t length,
                                  char *dest, int32_t capacity, CICUStatus *status);

// MARK: Normalisation (unorm2)

typedef enum CICUNormalizationForm {
  CICU_NFC = 0,
  CICU_NFD = 1,
  CICU_NFKC = 2,
  CICU_NFKD = 3,
  CICU_NFKC_CASEFOLD = 4
} CICUNormalizationForm;

/// Normalises UTF-16 text. Returns the result length (may exceed capacity, with
/// U_BUFFER_OVERFLOW_ERROR), or -1 on failure.
int32_t cicu_normalize(CICUNormalizationForm form, const uint16_t *source, int32_t length,
                       uint16_t *dest, int32_t capacity, CICUStatus *status);
/// Length of the prefix of source already in the given form (fast path: == length).
int32_t cicu_normalized_prefix_length(CICUNormalizationForm form, const uint16_t *source,
                                      int32_t length, CICUStatus *status);

// MARK: Break iteration (ubrk)

typedef enum CICUBreakType {
  CICU_BREAK_CHARACTER = 0,
  CICU_BREAK_WORD = 1,
  CICU_BREAK_LINE = 2,
  CICU_BREAK_SENTENCE = 3
} CICUBreakType;

typedef struct CICUBreakIterator CICUBreakIterator;

/// Opens a break iterator over text for a locale ("de", "en@ss=standard").
/// ICU keeps a pointer to text: it must stay valid and unchanged until close.
CICUBreakIterator *cicu_break_open(CICUBreakType type, const char *locale, const uint16_t *text,
                                   int32_t length, CICUStatus *status);
void cicu_break_close(CICUBreakIterator *iterator);
/// The next boundary (UTF-16 offset) after the current one, or -1 at the end.
int32_t cicu_break_next(CICUBreakIterator *iterator);
/// The rule status of the boundary last returned (word: letter/number/none kinds).
int32_t cicu_break_rule_status(CICUBreakIterator *iterator);

// MARK: Scripts (uscript)

/// The ICU script code of a code point (USCRIPT_COMMON = 0, USCRIPT_INHERITED = 1,
/// USCRIPT_LATIN = 25, USCRIPT_HANGUL = 18, ...), or -1 on failure.
int32_t cicu_script_of(uint32_t codePoint);
/// Whether codePoint is used with the script (Script_Extensions).
int32_t cicu_script_has(uint32_t codePoint, int32_t script);
/// The four-letter ISO 15924 code of an ICU script code ("Latn", "Hang"), or "Zzzz".
const char *cicu_script_short_name(int32_t script);

#ifdef __cplusplus
}
#endif
#endif
