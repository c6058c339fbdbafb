"""StreamField blocks of campaign pages."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = _("question")


class FaqBlock(blocks.StreamBlock):
    """A campaign's questions and answers, translated like the story."""

    question = QuestionBlock()
