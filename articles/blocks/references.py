"""A journal reference, with its DOI shown as a https://doi.org/ link."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")


def normalise_doi(raw: str) -> str:
    """Strip the usual prefixes; return '' for blank, raise ValueError if not a DOI."""
    doi = (raw or "").strip()
    for prefix in _DOI_PREFIXES:
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix) :].strip()
    doi = doi.rstrip(".")
    if doi and not DOI_PATTERN.match(doi):
        raise ValueError(doi)
    return doi


class ReferenceValue(blocks.StructValue):
    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self['doi']}" if self.get("doi") else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self['pmid']}/" if self.get("pmid") else ""


class ReferenceBlock(blocks.StructBlock):
    authors = blocks.CharBlock(max_length=500)
    title = blocks.CharBlock(max_length=500)
    journal = blocks.CharBlock(required=False, max_length=240)
    volume = blocks.CharBlock(required=False, max_length=20)
    issue = blocks.CharBlock(required=False, max_length=20)
    year = blocks.IntegerBlock(required=False, min_value=1800, max_value=2100)
    pages = blocks.CharBlock(required=False, max_length=40)
    doi = blocks.CharBlock(
        required=False, max_length=200, label="DOI", help_text=_("For example 10.1016/j.xyz.2013.06.019")
    )
    pmid = blocks.RegexBlock(
        regex=r"^\d{1,9}$",
        required=False,
        label="PubMed ID",
        help_text=_("The PMID, digits only, for a citation without a DOI."),
        error_messages={"invalid": _("A PubMed ID is digits only, for example 23850228.")},
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Reference")
        template = "components/streamfield/reference.html"
        value_class = ReferenceValue

    # A citation is reproduced exactly in every language (authors, title, journal, volume,
    # pages, DOI): wagtail-localize synchronises it instead of offering it for translation.
    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value

    def clean(self, value):
        value = super().clean(value)
        try:
            value["doi"] = normalise_doi(value.get("doi"))
        except ValueError:
            raise StructBlockValidationError(
                block_errors={"doi": ValidationError(_("This is not a DOI (it should start with 10.)."))}
            ) from None
        return value
