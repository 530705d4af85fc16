"""`kiosk face verify`: the station's face check on files or a camera, for the technician and for tests.
It runs the same check as the intake's presence step and prints the decision, the score and the
threshold; no image, embedding or face data is written anywhere."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.cli.common import configure
from kiosk.cli.scan import UsageError
from kiosk.errors import EXIT_NOT_MATCHED, EXIT_OK, StationError

HELP = "compare a live face with a chip portrait, offline (the check the intake's presence step runs)"


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("face", help=HELP, description=HELP[0].upper() + HELP[1:] + ".")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help="is the live face the portrait's?",
        description="Compares the portrait (the chip's DG2 image: JPEG or JPEG 2000) with a live face. From a "
        "camera or a video the person first turns their head left, then right (a presence check: a photograph "
        "held up does not pass it), and the most frontal face of that turn is compared; a still image is "
        "compared as it is, with no presence check. Exit 0 when the face matches, 8 when it does not or no "
        "usable face was seen, 4 when the camera or the face model is missing.")
    verify.add_argument("--portrait", type=Path, required=True, metavar="IMG", help="the chip's portrait")
    live = verify.add_mutually_exclusive_group(required=True)
    live.add_argument("--live", type=Path, metavar="IMG", help="a photograph of the person (no presence check)")
    live.add_argument("--camera", metavar="N", help="a camera: its number or /dev/video path")
    live.add_argument("--video", type=Path, metavar="FILE", help="a video of the person turning their head")
    verify.add_argument("--no-turn", action="store_true", help="with --camera or --video: skip the head turn")
    verify.add_argument("--threshold", type=float, metavar="SCORE", help="the score a match needs "
                        "(default: the configuration's face_threshold, 0.55)")
    verify.add_argument("--json", action="store_true", help="print the outcome as JSON")
    verify.set_defaults(run=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from drivers.biometrics.face import DlibFaceVerifier, FaceProblem
    from drivers.camera.capture import CameraError, open_camera
    from kiosk.intake.messages import message
    from kiosk.intake.presence import FaceCheck, camera_frames

    config = configure(args, simulated=None)
    try:
        portrait = args.portrait.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read the portrait {args.portrait}: {error.strerror}") from None
    try:
        verifier = DlibFaceVerifier(args.threshold if args.threshold is not None else config.face_threshold)
    except FaceProblem as problem:
        raise StationError(str(problem)) from None
    except ValueError as error:
        raise UsageError(f"--threshold: {error}") from None
    check = FaceCheck(verifier, challenge=not (args.no_turn or args.live),
                      on_guide=lambda code: print(f"{code}: {message(code).en}", file=sys.stderr, flush=True))
    if args.live:
        outcome = check.compare_still(portrait, _still(args.live))
    else:
        try:
            camera = open_camera(args.camera if args.camera is not None else args.video)
        except CameraError as error:
            raise StationError(str(error)) from None
        try:
            outcome = check.run(portrait, camera_frames(camera))
        except CameraError as error:
            raise StationError(str(error)) from None
        finally:
            camera.close()
        if outcome.reason.startswith("camera."):
            raise StationError(message(outcome.reason).en)
    result = {"matched": outcome.passed, "reason": outcome.reason, "score": outcome.score,
              "threshold": outcome.threshold, "presence_check": outcome.presence}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:<16} {value}")
    return EXIT_OK if outcome.passed else EXIT_NOT_MATCHED


def _still(path: Path):
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return np.array(image.convert("RGB"))
    except (OSError, UnidentifiedImageError) as error:
        raise UsageError(f"cannot read the live image {path}: {error.__class__.__name__}") from None
