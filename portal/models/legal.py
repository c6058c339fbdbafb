"""The legal pages every public-sector site owes its visitors, and the contact form.

The privacy notice, legal notice, terms of use and accessibility statement are ordinary
ContentPages, written and translated in the CMS like any other page; `LegalLinks` only says
which French pages they are, and the footer shows each one in the visitor's language.
"""

import datetime

from django.contrib import messages
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import override as override_language

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.models.pages import BasePage, OperatorPage

# The order of the footer's links.
LEGAL_ROLES = ["privacy", "legal_notice", "terms", "accessibility", "contact"]


def _page_chooser(verbose_name):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="doc-full")
class LegalLinks(BaseSiteSetting):
    """Which pages the footer links to. Choose the French originals: each visitor is sent to the
    translation in their own language."""

    privacy = _page_chooser(gettext_lazy("privacy notice"))
    legal_notice = _page_chooser(gettext_lazy("legal notice"))
    terms = _page_chooser(gettext_lazy("terms of use"))
    accessibility = _page_chooser(gettext_lazy("accessibility statement"))
    contact = _page_chooser(gettext_lazy("contact page"))

    panels = [FieldPanel(role) for role in LEGAL_ROLES]

    class Meta:
        verbose_name = gettext_lazy("legal pages")


class ContactPage(BasePage):
    """A form that writes to the platform's team or to one operator's moderators.

    Rate-limited per client in the cache and guarded by a honeypot field rather than a
    third-party captcha, which would send visitors' data to yet another processor.
    """

    intro = models.TextField(gettext_lazy("introduction"), blank=True)
    team_email = models.EmailField(
        gettext_lazy("team's e-mail address"),
        help_text=gettext_lazy("Where messages for the platform's team are sent."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("team_email")]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("intro"),
        SynchronizedField("team_email"),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/contact_page.html"

    # Messages per client and per hour.
    RATE = 5
    RATE_PERIOD = 3600
    # How long messages are kept, as the privacy notice says.
    RETENTION = datetime.timedelta(days=365)

    class Meta:
        verbose_name = gettext_lazy("contact page")

    def serve(self, request, *args, **kwargs):
        from portal.forms import ContactForm

        status = 200
        if request.method == "POST":
            form = ContactForm(request.POST, locale=self.locale)
            if form.is_valid():
                if not self.allow(request):
                    form.add_error(None, _("Too many messages: please try again in an hour."))
                    status = 429
                else:
                    if not form.cleaned_data["website"]:
                        self.deliver(form)
                    # A bot that filled the honeypot is told the same as everyone else.
                    messages.success(request, _("Thank you: your message has been sent."))
                    return redirect(self.get_url(request))
            else:
                status = 400
        else:
            form = ContactForm(locale=self.locale)
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def allow(self, request):
        """Count this client's message; False past RATE messages in RATE_PERIOD."""
        from rest_framework.throttling import BaseThrottle

        key = f"contact-rate:{BaseThrottle().get_ident(request)}"
        cache.add(key, 0, self.RATE_PERIOD)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.RATE_PERIOD)
            count = 1
        return count <= self.RATE

    def deliver(self, form):
        data = form.cleaned_data
        operator = data["operator"]
        from portal import walls  # walls reads portal.models: imported when a message is sent

        recipients = [self.team_email]
        if operator is not None:
            moderators = walls.staff_of(operator, walls.MODERATOR)
            recipients = list(moderators.values_list("email", flat=True)) or recipients
        # Purged lazily, on the next message: no cron to forget.
        ContactMessage.objects.filter(created_at__lt=timezone.now() - self.RETENTION).delete()
        ContactMessage.objects.create(
            page=self,
            operator=operator,
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            message=data["message"],
            language=self.locale.language_code,
        )
        # The team reads in French, the portal's working language.
        with override_language("fr"):
            subject = _("[Maillon contact] %(subject)s") % {"subject": data["subject"]}
        EmailMessage(
            subject=subject,
            body=f"{data['name']} <{data['email']}>\n\n{data['message']}",
            to=recipients,
            reply_to=[data["email"]],
        ).send()


class ContactMessage(models.Model):
    """A copy of each message sent through a contact page, for the team's records."""

    wall_path = "operator"  # portal.walls: the operator it was written to

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    operator = models.ForeignKey(
        OperatorPage,
        verbose_name=gettext_lazy("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_messages",
    )
    name = models.CharField(gettext_lazy("name"), max_length=120)
    email = models.EmailField(gettext_lazy("e-mail address"))
    subject = models.CharField(gettext_lazy("subject"), max_length=150)
    message = models.TextField(gettext_lazy("message"))
    language = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("contact message")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


def footer_links(site, language_code):
    """The legal pages in `language_code` (else the French original), in footer order.

    One query: the setting's choices are read in subqueries and each page is labelled with its
    role, so the footer costs the same on every page whatever the number of links. (No
    `.public()`: it costs a query of its own, and a legal page behind a password is a mistake
    the visitor would meet at its door anyway.)
    """
    from django.db.models import Case, CharField, Subquery, Value, When

    if site is None:
        return []
    chosen = LegalLinks.objects.filter(site_id=site.pk)
    whens = [
        When(
            translation_key=Subquery(chosen.values(f"{role}__translation_key")[:1]),
            then=Value(role),
        )
        for role in LEGAL_ROLES
    ]
    pages = (
        Page.objects.live()
        .annotate(legal_role=Case(*whens, default=None, output_field=CharField()))
        .filter(legal_role__isnull=False, locale__language_code__in=[language_code, "fr"])
        .select_related("locale")
    )
    by_role = {}
    for page in pages:
        if page.legal_role not in by_role or page.locale.language_code == language_code:
            by_role[page.legal_role] = page
    return [by_role[role] for role in LEGAL_ROLES if role in by_role]
