"""`banque importer`: a correspondent's proposal becomes a sheet « en relecture ».

Input is untrusted (a GitHub issue body or a sheet sent by e-mail): it is size
limited, stripped of markup and control characters, mapped onto the schema's
ids, emitted through PyYAML's safe dumper (never by string concatenation),
and validated before anything is written. Either a valid sheet is written, or
nothing is and the caller gets a ProblemsError: what to fix, then the notes.

    clean.py      untrusted text made plain
    form.py       the issue form's body read into answers
    territory.py  territories typed by a correspondent, resolved to codes
    answers.py    answers mapped onto the schema's fields and ids
    emailed.py    a filled sheet sent by e-mail
    draft.py      the draft sheet, its errors and notes
    run.py        one proposal checked, then written or rejected
"""

from banque.committee.importer.run import MAX_BYTES, Imported, import_text

__all__ = ["MAX_BYTES", "Imported", "import_text"]
