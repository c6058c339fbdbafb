"""Uploaded media on S3-compatible object storage, so every app process serves the same files.

moto's S3 server, started on a free port for the session, stands in for the bucket.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import boto3
import pytest
import requests

from tests.portal.test_health import free_port

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"access_key": "maillon-test", "secret_key": "maillon-test-secret"}


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of a moto S3 server of this session's own."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and moto's module)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(300):
        try:
            requests.get(f"{url}/moto-api/", timeout=5)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("moto's S3 server did not start")
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint):
    """A new bucket and a client to read it back as another process would."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-west-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    name = f"maillon-media-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    return client, name


def s3_environment(endpoint, name):
    return {
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "eu-west-1",
        "AWS_ACCESS_KEY_ID": KEYS["access_key"],
        "AWS_SECRET_ACCESS_KEY": KEYS["secret_key"],
    }


def test_the_environment_puts_media_in_the_bucket(s3_endpoint, bucket, tmp_path):
    """Production settings read AWS_* from the environment: a file saved in one process is in
    the bucket, and its URL serves it."""
    client, name = bucket
    code = (
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage as s\n"
        "path = s.save('original_images/probe.txt', ContentFile(b'shared by every process'))\n"
        "print(path, s.url(path))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "media-test-secret-key-media-test-secret-key-012345",
            "STRIPE_SECRET_KEY": "sk_live_maillon",
            "STRIPE_WEBHOOK_SECRET": "whsec_maillon",
            "TAX_ENCRYPTION_KEYS": "i2QddUE58pKUwo0GuYMlMcU8jHBKTOT5YaIspP2e2FY=",
            "ALLOWED_HOSTS": "maillon.be",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **s3_environment(s3_endpoint, name),
        },
    )
    assert result.returncode == 0, result.stderr
    path, url = result.stdout.split()
    stored = client.get_object(Bucket=name, Key=path)["Body"].read()
    assert stored == b"shared by every process"
    assert url.startswith(f"{s3_endpoint}/{name}/original_images/probe")
    assert requests.get(url, timeout=10).content == stored


@pytest.mark.django_db
def test_an_image_uploaded_in_wagtail_is_read_back_from_the_bucket(
    client, editor, operator, s3_endpoint, bucket, settings
):
    s3, name = bucket
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": "eu-west-1",
                "file_overwrite": False,
                **KEYS,
            },
        },
    }
    content = get_test_image_file(filename="affiche.png").file.getvalue()
    client.force_login(editor)
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Affiche du vélo-atelier",
            "file": SimpleUploadedFile("affiche.png", content, content_type="image/png"),
            "collection": operator.collection.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    image = get_image_model().objects.get(title="Affiche du vélo-atelier")
    assert (image.width, image.height) == (640, 480)
    stored = s3.get_object(Bucket=name, Key=image.file.name)["Body"].read()
    assert stored == content

    rendition = image.get_rendition("fill-120x80")
    keys = {entry["Key"] for entry in s3.list_objects_v2(Bucket=name)["Contents"]}
    assert rendition.file.name in keys
    served = requests.get(rendition.url, timeout=10)
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/png"
