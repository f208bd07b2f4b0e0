// The only file of wiretm that includes ICU's headers. See include/CICU.h for why.
#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utypes.h>
#include <unicode/uversion.h>

_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar must be UTF-16 code units");
_Static_assert(sizeof(UErrorCode) == sizeof(int32_t), "UErrorCode fits CICUStatus");
_Static_assert(CICU_BREAK_CHARACTER == UBRK_CHARACTER, "break types match ICU");
_Static_assert(CICU_BREAK_WORD == UBRK_WORD, "break types match ICU");
_Static_assert(CICU_BREAK_LINE == UBRK_LINE, "break types match ICU");
_Static_assert(CICU_BREAK_SENTENCE == UBRK_SENTENCE, "break types match ICU");
_Static_assert(USCRIPT_LATIN == 25 && USCRIPT_HANGUL == 18 && USCRIPT_COMMON == 0,
               "script codes documented in CICU.h match ICU");

const char *cicu_status_name(CICUStatus status) { return u_errorName((UErrorCode)status); }

void cicu_version(char *out, int32_t capacity) {
  UVersionInfo info;
  char buffer[U_MAX_VERSION_STRING_LENGTH];
  u_getVersion(info);
  u_versionToString(info, buffer);
  if (capacity > 0) {
    strncpy(out, buffer, (size_t)capacity - 1);
    out[capacity - 1] = 0;
  }
}

// MARK: Charset detection

int32_t cicu_detect_charsets(const char *bytes, int32_t length, CICUCharsetMatch *matches,
                             int32_t capacity, CICUStatus *status) {
  UErrorCode error = U_ZERO_ERROR;
  UCharsetDetector *detector = ucsdet_open(&error);
  if (U_FAILURE(error)) {
    *status = error;
    return -1;
  }
  // ucsdet_setText keeps the pointer: bytes outlive the detector here.
  ucsdet_setText(detector, bytes, length, &error);
  int32_t found = 0;
  const UCharsetMatch **all = ucsdet_detectAll(detector, &found, &error);
  int32_t written = 0;
  for (int32_t i = 0; U_SUCCESS(error) && i < found && written < capacity; i++) {
    const char *name = ucsdet_getName(all[i], &error);
    const char *language = ucsdet_getLanguage(all[i], &error);
    int32_t confidence = ucsdet_getConfidence(all[i], &error);
    if (U_FAILURE(error)) break;
    CICUCharsetMatch *out = &matches[written++];
    memset(out, 0, sizeof *out);
    strncpy(out->name, name ? name : "", sizeof out->name - 1);
    strncpy(out->language, language ? language : "", sizeof out->language - 1);
    out->confidence = confidence;
  }
  ucsdet_close(detector);
  *status = error;
  return U_FAILURE(error) ? -1 : written;
}

// MARK: Converters

struct CICUConverter {
  UConverter *converter;
};

CICUConverter *cicu_converter_open(const char *name, int32_t stopOnIllegal, CICUStatus *status) {
  UErrorCode error = U_ZERO_ERROR;
  UConverter *converter = ucnv_open(name, &error);
  if (U_FAILURE(error)) {
    *status = error;
    return NULL;
  }
  if (stopOnIllegal) {
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &error);
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &error);
  }
  if (U_FAILURE(error)) {
    ucnv_close(converter);
    *status = error;
    return NULL;
  }
  CICUConverter *handle = (CICUConverter *)malloc(sizeof *handle);
  if (!handle) {
    ucnv_close(converter);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  handle->converter = converter;
  *status = U_ZERO_ERROR;
  return handle;
}

void cicu_converter_close(CICUConverter *converter) {
  if (!converter) return;
  ucnv_close(converter->converter);
  free(converter);
}

const char *cicu_converter_name(const CICUConverter *converter, CICUStatus *status) {
  UErrorCode error = U_ZERO_ERROR;
  const char *name = ucnv_getName(converter->converter, &error);
  *status = error;
  return name;
}

int32_t cicu_converter_to_utf16(CICUConverter *converter, const char *source, int32_t length,
                                uint16_t *dest, int32_t capacity, int32_t *errorOffset,
                                CICUStatus *status) {
  UErrorCode error = U_ZERO_ERROR;
  ucnv_resetToUnicode(converter->converter);
  *errorOffset = -1;
  // ucnv_toUnicode with offsets lets us report where an illegal sequence starts.
  UChar *target = (UChar *)dest;
  UChar *targetLimit = target + capacity;
  const char *cursor = source;
  const char *sourceLimit = source + length;
  ucnv_toUnicode(converter->converter, &target, targetLimit, &cursor, sourceLimit, NULL, 1, &error);
  if (error == U_BUFFER_OVERFLOW_ERROR) {
    // Fall back to the one-shot API to measure the full length.
    UErrorCode measure = U_ZERO_ERROR;
    ucnv_resetToUnicode(converter->converter);
    int32_t needed = ucnv_toUChars(converter->converter, NULL, 0, source, length, &measure);
    *status = U_BUFFER_OVERFLOW_ERROR;
    return needed;
  }
  if (U_FAILURE(error)) {
    char bad[32];
    int8_t badLength = sizeof bad;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter->converter, bad, &badLength, &ignored);
    *errorOffset = (int32_t)(cursor - source) - badLength;
    *status = error;
    return -1;
  }
  *status = U_ZERO_ERROR;
  return (int32_t)(target - (UChar *)dest);
}

int32_t cicu_converter_from_utf16(CICUConverter *converter, const uint16_t *source, int32_t length,
                                  char *dest, int32_t capacity, CICUStatus *status) {
  UErrorCode error = U_ZERO_ERROR;
  ucnv_resetFromUnicode(converter->converter);
  int32_t written = ucnv_fromUChars(converter->converter, dest, capacity, (const UChar *)source,
                                    length, &error);
  *status = error;
  if (U_FAILURE(error) && error != U_BUFFER_OVERFLOW_ERROR) return -1;
  return written;
}

// MARK: Normalisation

static const UNormalizer2 *normalizer_for(CICUNormalizationForm form, UErrorCode *error) {
  switch (form) {
  case CICU_NFC: return unorm2_getNFCInstance(error);
  case CICU_NFD: return unorm2_getNFDInstance(error);
  case CICU_NFKC: return unorm2_getNFKCInstance(error);
  case CICU_NFKD: return unorm2_getNFKDInstance(error);
  case CICU_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(error);
  }
  *error = U_ILLEGAL_ARGUMENT_ERROR;
  return NULL;
}

int32_t cicu_normalize(CICUNormalizationForm form, const uint16_t *source, int32_t length,
                       uint16_t *dest, int32_t capacity, CICUStatus *status) {
  UErrorCode error = U_ZERO_ERROR;
  const UNormalizer2 *normalizer = normalizer_for(form, &error);
  if (U_FAILURE(error)) {
    *status = error;
    return -1;
  }
  int32_t written = unorm2_normalize(normalizer, (const UChar *)source, length, (UChar *)dest,
                                     capacity, &error);
  *status = error;
  if (U_FAILURE(error) && error != U_BUFFER_OVERFLOW_ERROR) return -1;
  return written;
}

int32_t cicu_normalized_prefix_length(CICUNormalizationForm form, const uint16_t *source,
                                      int32_t length, CICUStatus *status) {
  UErrorCode error = U_ZERO_ERROR;
  const UNormalizer2 *normalizer = normalizer_for(form, &error);
  if (U_FAILURE(error)) {
    *status = error;
    return -1;
  }
  int32_t span = unorm2_spanQuickCheckYes(normalizer, (const UChar *)source, length, &error);
  *status = error;
  return U_FAILURE(error) ? -1 : span;
}

// MARK: Break iteration

struct CICUBreakIterator {
  UBreakIterator *iterator;
};

CICUBreakIterator *cicu_break_open(CICUBreakType type, const char *locale, const uint16_t *text,
                                   int32_t length, CICUStatus *status) {
  UErrorCode error = U_ZERO_ERROR;
  // ubrk_open keeps a pointer to text (see the header).
  UBreakIterator *iterator = ubrk_open((UBreakIteratorType)type, locale, (const UChar *)text,
                                       length, &error);
  if (U_FAILURE(error)) {
    *status = error;
    return NULL;
  }
  CICUBreakIterator *handle = (CICUBreakIterator *)malloc(sizeof *handle);
  if (!handle) {
    ubrk_close(iterator);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  handle->iterator = iterator;
  *status = error;
  return handle;
}

void cicu_break_close(CICUBreakIterator *iterator) {
  if (!iterator) return;
  ubrk_close(iterator->iterator);
  free(iterator);
}

int32_t cicu_break_next(CICUBreakIterator *iterator) {
  int32_t next = ubrk_next(iterator->iterator);
  return next == UBRK_DONE ? -1 : next;
}

int32_t cicu_break_rule_status(CICUBreakIterator *iterator) {
  return ubrk_getRuleStatus(iterator->iterator);
}

// MARK: Scripts

int32_t cicu_script_of(uint32_t codePoint) {
  UErrorCode error = U_ZERO_ERROR;
  UScriptCode code = uscript_getScript((UChar32)codePoint, &error);
  return U_FAILURE(error) ? -1 : (int32_t)code;
}

int32_t cicu_script_has(uint32_t codePoint, int32_t script) {
  return uscript_hasScript((UChar32)codePoint, (UScriptCode)script) ? 1 : 0;
}

const char *cicu_script_short_name(int32_t script) {
  const char *name = uscript_getShortName((UScriptCode)script);
  return name ? name : "Zzzz";
}
