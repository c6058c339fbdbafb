from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """An embedded video that degrades to a plain link when the provider can't be reached."""

    video = EmbedBlock(label=_("video address"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "media"
        template = "components/blocks/video.html"


class StoryBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = ImageBlock(label=_("image"), template="components/blocks/image.html")
    video = VideoBlock(label=_("video"))
    quote = QuoteBlock(label=_("quote"))
