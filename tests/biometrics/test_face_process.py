"""The face engine in its own process answers as the in-process one does, and outlives a crash."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.biometrics.face import DlibFaceVerifier, FaceProblem
from drivers.biometrics.face_process import FaceProcess
from tests.helpers.faces import dg2_portrait, live_frame, photo


@pytest.fixture(scope="module")
def engine():
    process = FaceProcess()
    yield process
    process.close()


def test_the_same_findings_embeddings_and_scores_as_in_process(engine):
    local = DlibFaceVerifier()
    frame = live_frame(photo("045", "smiling"))
    finding = engine.find(frame.copy())
    assert finding.box == local.find(frame).box and np.allclose(finding.landmarks, local.find(frame).landmarks)
    live = engine.embed(frame.copy(), finding)
    assert np.allclose(live, local.embed(frame, finding))
    portrait = engine.portrait_embedding(dg2_portrait("045"))
    assert engine.compare(portrait, live) == local.compare(local.portrait_embedding(dg2_portrait("045")), live)
    assert frame.any()  # the caller's frame is left as it was; the process wipes only its own copy


def test_problems_cross_with_their_codes(engine):
    with pytest.raises(FaceProblem) as raised:
        engine.find(np.full((480, 640, 3), 90, np.uint8))
    assert raised.value.code == "face.no_face"
    with pytest.raises(FaceProblem) as raised:
        engine.portrait_embedding(b"not an image")
    assert raised.value.code == "face.portrait_unreadable"


def test_a_crashed_engine_says_unavailable_then_starts_again(engine):
    import os
    import signal

    pid = engine._run(os.getpid)
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(FaceProblem) as raised:
        engine.find(live_frame(photo("045", "smiling")))
    assert raised.value.code == "face.unavailable"
    assert engine.find(live_frame(photo("045", "smiling"))).width > 90  # a new process took over
