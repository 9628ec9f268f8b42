"""Reference data bundles from the office: checked before they replace the working copy."""

import pytest

from desktop_app.assets import resource_file
from desktop_app.domain.reference_data import (
    REFERENCE_FILES,
    bundle_version,
    check_bundle,
    install_bundle,
    installed_version,
)


def shipped() -> dict[str, str]:
    return {name: resource_file(name).read_text(encoding="utf-8") for name in REFERENCE_FILES}


def test_the_shipped_bundle_is_valid_and_its_version_follows_its_content() -> None:
    files = shipped()
    check_bundle(files)
    assert bundle_version(files) == bundle_version(dict(reversed(files.items())))
    assert bundle_version({**files, "banjar.csv": files["banjar.csv"] + "\n"}) != (
        bundle_version(files))


@pytest.mark.parametrize(("name", "text", "message"), [
    ("banjar.csv", "kode,nama\n1,x\n", "desa_code"),
    ("contribution_rates.toml", "payment_month_choices = [1]\n", "cannot be read"),
    ("contribution_rates.toml", "schedule = [", "cannot be read"),
])
def test_a_damaged_file_is_refused_and_nothing_is_installed(tmp_path, name, text,
                                                            message) -> None:
    files = {**shipped(), name: text}
    with pytest.raises(ValueError, match=message):
        install_bundle(tmp_path, files, "v2")
    assert installed_version(tmp_path) == "" and not list(tmp_path.iterdir())


def test_a_bundle_missing_a_file_is_refused() -> None:
    with pytest.raises(ValueError, match="holds"):
        check_bundle({"banjar.csv": "desa_code,name\n"})
