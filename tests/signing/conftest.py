import pytest

from drivers.signing.softhsm import softhsm_available
from tests.helpers.signing import make_token, softhsm_folder


@pytest.fixture(scope="session")
def softhsm_conf(tmp_path_factory):
    if not softhsm_available():
        pytest.fail("SoftHSM2 is not installed: run packaging/dev setup")
    return softhsm_folder(tmp_path_factory.mktemp("softhsm"))


@pytest.fixture
def token(softhsm_conf, tmp_path):
    return make_token(softhsm_conf, tmp_path / "pki")
