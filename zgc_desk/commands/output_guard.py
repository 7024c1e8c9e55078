"""Every command's output paths checked before the command runs (``zgc_desk.io.output_paths``):
``--out`` and ``--errors-out`` may be neither the database (named by ``--db``, or the default one)
and its files, nor a backup, nor the input file. New commands get this by naming their options so."""

from __future__ import annotations

OUTPUT_OPTIONS = ("out", "errors_out")
INPUT_OPTIONS = ("file",)


def _database_file(args):
    from zgc_desk.paths import default_database_path

    db = getattr(args, "db", None) or default_database_path()
    return None if "://" in str(db) else db  # a server database has no file to protect here


def guard_outputs(args) -> None:
    from zgc_desk.io.output_paths import check_output_path

    outputs = [getattr(args, name, None) for name in OUTPUT_OPTIONS]
    if not any(outputs):
        return
    inputs = [getattr(args, name) for name in INPUT_OPTIONS if getattr(args, name, None)]
    for out in outputs:
        if out:
            check_output_path(out, database=_database_file(args), inputs=inputs)
