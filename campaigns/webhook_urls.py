"""Stripe's webhook, outside the language prefix: /stripe/webhook/."""

from django.urls import path

from campaigns.webhooks import stripe_webhook

urlpatterns = [path("webhook/", stripe_webhook, name="stripe_webhook")]
