"""The Claim admin with the workbench's check: a quotation saved in the admin must be in
its source's stored text, when there is one (`actions.check_claim_quotation`)."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from arguments.record.admin import ClaimAdmin
from arguments.record.models import Claim
from arguments.workbench.actions import QuotationNotInText, check_claim_quotation


class CheckedClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = "__all__"  # noqa: DJ007 (the fields ClaimAdmin shows, as its default form)

    def _post_clean(self):
        # The instance holds the form's values once the model's own cleaning has run.
        super()._post_clean()
        if "quotation" in self.errors:
            return
        try:
            check_claim_quotation(self.instance)
        except QuotationNotInText as refusal:
            self.add_error("quotation", refusal.message)


class CheckedClaimAdmin(ClaimAdmin):
    form = CheckedClaimForm


# The record sits below the workbench and cannot import it: the workbench swaps its checked
# form into the record's Claim admin (registered by `ArgumentsConfig.ready`).
admin.site.unregister(Claim)
admin.site.register(Claim, CheckedClaimAdmin)
