"""Benchmark of the face check on this CPU (a script, not a test).

    .venv/bin/python -m tests.bench.face [--runs 20] [--person 030]

Prints, at 640x480 with the fixture faces (tests/fixtures/faces), medians over --runs runs, each run on
the next person of the set:
- loading dlib's models (once per process, measured once);
- detection: DlibFaceVerifier.find on a live frame (HOG detector + 5 landmarks);
- embedding: DlibFaceVerifier.embed of that face (ResNet);
- portrait embedding: decoding a JPEG 2000 DG2 portrait (240x320), finding its face, embedding it;
- one verification: FaceCheck.compare_still, i.e. portrait embedding + find + embed + compare;
- FaceCheck.run over a rendered 20-frame head turn of --person (total, and per frame it looked at:
  it stops as soon as the turn is seen).
Target: one verification <= 500 ms at 640x480.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

from drivers.biometrics.face import DlibFaceVerifier
from drivers.camera.capture import Frame
from kiosk.intake.presence import FaceCheck
from tests.helpers.faces import (
    PEOPLE,
    dg2_portrait,
    head_turn_frames,
    live_frame,
    photo,
)


def cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            name = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        name = ""
    return f"{name or platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs"


def ms(times: list[float]) -> str:
    return (f"median {statistics.median(times) * 1000:7.1f} ms (min {min(times) * 1000:.1f}, "
            f"max {max(times) * 1000:.1f}; {len(times)} runs)")


def timed(action, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = action(*args)
    return time.perf_counter() - started, result


def counted(frames: list[Frame], given: list[Frame]):
    """The frames, each noted in `given` as the check takes it."""
    for frame in frames:
        given.append(frame)
        yield frame


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--person", default="030", choices=PEOPLE, help="whose head turn FaceCheck.run watches")
    args = parser.parse_args()

    load, verifier = timed(DlibFaceVerifier)  # the first verifier of the process loads the models
    check = FaceCheck(verifier)
    people = [PEOPLE[i % len(PEOPLE)] for i in range(args.runs)]
    frames = {p: live_frame(photo(p, "smiling")) for p in set(people)}
    portraits = {p: dg2_portrait(p) for p in set(people)}

    find, embed, portrait, verification, outcomes = [], [], [], [], []
    for p in people:
        seconds, finding = timed(verifier.find, frames[p])
        find.append(seconds)
        embed.append(timed(verifier.embed, frames[p], finding)[0])
        portrait.append(timed(verifier.portrait_embedding, portraits[p])[0])
        seconds, outcome = timed(check.compare_still, portraits[p], frames[p])
        verification.append(seconds)
        outcomes.append(outcome.reason)

    turn = [Frame(image[:, :, ::-1].copy(), i / 10) for i, image in enumerate(head_turn_frames(args.person))]
    holder = dg2_portrait(args.person)
    runs, looked, reasons = [], [], set()
    for _ in range(args.runs):
        given = []
        seconds, outcome = timed(FaceCheck(verifier).run, holder, counted(turn, given))
        runs.append(seconds)
        looked.append(len(given))
        reasons.add(outcome.reason)

    per_frame = [seconds / n for seconds, n in zip(runs, looked)]
    print(f"face check benchmark on {cpu()}; dlib HOG + 5-point landmarks + ResNet embedding; frames 640x480")
    print(f"model loading (once per process):        {load * 1000:7.1f} ms")
    print(f"detection (find, live frame):            {ms(find)}")
    print(f"embedding (embed):                       {ms(embed)}")
    print(f"portrait embedding (JPEG 2000 DG2):      {ms(portrait)}")
    print(f"one verification (compare_still):        {ms(verification)}; "
          f"{outcomes.count('face.matched')}/{len(outcomes)} matched")
    print(f"FaceCheck.run, 20-frame head turn of {args.person}: {ms(runs)}; looked at "
          f"{statistics.median(looked):.0f} frames, {statistics.median(per_frame) * 1000:.1f} ms per frame (portrait included); "
          f"outcome {', '.join(sorted(reasons))}")
    print("target: one verification <= 500 ms at 640x480 "
          f"({'met' if statistics.median(verification) <= 0.5 else 'NOT met'}: "
          f"median {statistics.median(verification) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
