// The typography pass's fixes made into diagnostics, placed before the lint pass's findings
// (format.cpp). A header of its own so that the unit tests can check it against the plain way.
#ifndef PAIBAN_FIX_DIAGNOSTICS_H
#define PAIBAN_FIX_DIAGNOSTICS_H

#include <cstddef>
#include <deque>
#include <vector>

#include "paiban/paiban.h"
#include "typography.h"

namespace paiban {

/// Makes each edit of `edits` (in source order) a diagnostic (an applied info with the edit's
/// rule, place, texts and static message) and puts them, in that order, at `first_warning`,
/// before the diagnostics from there on (the lint pass's findings), which keep their order
/// after them. The same as appending them and rotating them into place, without swapping every
/// diagnostic: the findings are moved to the end of room made for both (reserved exactly) and
/// the fixes made in the places they leave. `edits` is emptied as it goes (freed from the front).
void insert_fixes(std::vector<Diagnostic>& diagnostics, std::size_t first_warning, std::deque<Edit>& edits);

}  // namespace paiban

#endif  // PAIBAN_FIX_DIAGNOSTICS_H
