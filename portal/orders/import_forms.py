"""Forms of the staff CSV import: the upload, then the column mapping."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SelectField, SubmitField

from portal.orders.csv_source import FIELDS

NOT_IN_FILE = -1


class UploadForm(FlaskForm):
    file = FileField("CSV file", validators=[FileRequired("Choose a CSV file to upload.")])
    submit = SubmitField("Upload and preview")


class StartAgainForm(FlaskForm):
    submit = SubmitField("Start again with this file")


def mapping_form(headers: list[str], mapping: dict[str, int], **kwargs) -> FlaskForm:
    """One select per field, preset from the automatic mapping."""

    class MappingForm(FlaskForm):
        mode = RadioField(
            "If some rows are invalid",
            choices=[("all", "Import nothing, and list the invalid rows (all or nothing)"),
                     ("valid", "Import the valid rows, and list the invalid ones")],
            default="all")
        submit = SubmitField("Import")

    choices = [(NOT_IN_FILE, "— not in this file —")] + [
        (i, h.strip() or f"(column {i + 1}, no header)") for i, h in enumerate(headers)]
    for field, label in FIELDS.items():
        setattr(MappingForm, f"map_{field}", SelectField(
            label + (" (required)" if field == "number" else ""), choices=choices, coerce=int,
            default=mapping.get(field, NOT_IN_FILE)))
    return MappingForm(**kwargs)


def chosen_mapping(form) -> dict[str, int]:
    return {field: getattr(form, f"map_{field}").data for field in FIELDS
            if getattr(form, f"map_{field}").data != NOT_IN_FILE}
