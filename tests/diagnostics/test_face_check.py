"""The face model check: the installed model loads and encodes the shipped sample face, in this process
or in the face engine's own; a picture with no face is a clear failure."""

import pytest

from kiosk.diagnostics.face_check import FACE_SAMPLE, FaceCheckFailed, face_model_check


@pytest.mark.parametrize("own_process", [False, True])
def test_the_model_loads_and_encodes_the_sample_face(own_process):
    result = face_model_check(0.55, own_process=own_process)
    assert result.values == 128 and result.threshold == 0.55
    assert result.find_ms > 0 and result.encode_ms > 0


def test_a_sample_with_no_face_fails_with_a_sentence(tmp_path):
    from PIL import Image

    blank = tmp_path / "blank.jpg"
    Image.new("RGB", (320, 240), (200, 200, 200)).save(blank)
    with pytest.raises(FaceCheckFailed, match="found no face in the sample"):
        face_model_check(0.55, blank)
    assert FACE_SAMPLE.is_file() and (FACE_SAMPLE.parent / "SOURCES.md").is_file()
