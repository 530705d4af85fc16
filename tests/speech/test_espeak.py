"""The kiosk's spoken mode through the real espeak-ng (Debian package `espeak-ng`), written to WAV files."""

from __future__ import annotations

import os
import shutil
import signal
import time
import unicodedata
import wave
from pathlib import Path

import numpy as np
import pytest

from drivers.speech import FAILED, MISSING, VOICE_MISSING, Speaker, SpeechError

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                reason="espeak-ng is not installed: run `packaging/dev setup`")

GREETING = "Xin chào. Vui lòng đặt thẻ căn cước lên đầu đọc."
# long enough that espeak-ng is still writing it when the next text comes (~0.5 s per 200 sentences)
LONG = "Hồ sơ của ông bà đã được tiếp nhận, xin vui lòng chờ trong giây lát. " * 2000


def samples(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as audio:
        assert audio.getsampwidth() == 2 and audio.getnchannels() == 1
        frames = audio.readframes(audio.getnframes())
        return np.frombuffer(frames, dtype="<i2").astype(np.float64), audio.getframerate()


def rms(values: np.ndarray) -> float:
    return float(np.sqrt(np.mean(values ** 2))) if values.size else 0.0


def our_espeak_children() -> list[tuple[int, str]]:
    """(pid, state) of every espeak-ng process whose parent is this test process, zombies included."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        state, ppid = stat[stat.rindex(")") + 2:].split()[:2]
        if int(ppid) == os.getpid() and name.startswith("espeak"):
            found.append((int(entry.name), state))
    return found


@pytest.fixture
def wav(tmp_path) -> Path:
    return tmp_path / "spoken.wav"


@pytest.fixture
def speaker(wav):
    speaker = Speaker(output=wav)
    yield speaker
    speaker.close()


def test_vietnamese_text_is_spoken_to_a_wav_file(speaker, wav):
    speaker.say(GREETING, "vi")
    assert speaker.wait(timeout=10)
    assert not speaker.speaking
    values, rate = samples(wav)
    assert rate > 8000
    assert values.size / rate > 1.5  # a dozen syllables at 150 words per minute
    assert rms(values) > 500, "the WAV file is silent"


def test_say_returns_at_once_and_a_second_say_interrupts_the_first(speaker, wav):
    started = time.monotonic()
    speaker.say(LONG, "vi")
    assert time.monotonic() - started < 1.0  # does not wait for the ~5 s of synthesis
    first = speaker.process
    assert speaker.speaking
    speaker.say("Xin cảm ơn.", "vi")
    assert first.returncode is not None and first.returncode < 0  # ended by a signal, and reaped
    assert speaker.process is not first
    assert speaker.wait(timeout=10)
    values, rate = samples(wav)
    assert values.size / rate < 3  # the file holds the short text only
    assert rms(values) > 500


def test_stop_ends_the_utterance(speaker):
    speaker.say(LONG, "vi")
    process = speaker.process
    speaker.stop()
    assert process.returncode is not None and not speaker.speaking
    assert our_espeak_children() == []


def test_repeat_speaks_the_last_text_again(speaker, wav):
    assert speaker.repeat() is False  # nothing said yet
    speaker.say("Please take your receipt.", "en")
    assert speaker.wait(timeout=10)
    first_size = wav.stat().st_size
    first = speaker.process
    wav.unlink()
    assert speaker.repeat() is True
    assert speaker.process is not first
    assert speaker.wait(timeout=10)
    assert wav.stat().st_size == first_size  # the same text, the same voice, the same samples
    assert rms(samples(wav)[0]) > 500


def test_english_is_spoken_too(speaker, wav):
    speaker.say("Your dossier has been received.", "en")
    assert speaker.wait(timeout=10)
    assert rms(samples(wav)[0]) > 500


def test_missing_program(tmp_path, wav):
    speaker = Speaker(program=tmp_path / "no-such-espeak-ng", output=wav)
    with pytest.raises(SpeechError) as caught:
        speaker.say(GREETING, "vi")
    assert caught.value.code == MISSING
    with pytest.raises(SpeechError) as caught:
        speaker.check("vi")
    assert caught.value.code == MISSING
    assert not wav.exists()


def test_missing_voice(speaker, wav):
    with pytest.raises(SpeechError) as caught:
        speaker.say("hello", "xx")
    assert caught.value.code == VOICE_MISSING
    assert "hello" not in str(caught.value)
    assert not wav.exists() and speaker.process is None
    speaker.check("vi")  # the known languages are there
    speaker.check("en")


@pytest.mark.parametrize("text", ["--help", "-w /dev/null", "-v xx"], ids=["help", "write", "voice"])
def test_text_starting_with_a_dash_is_spoken_not_parsed(speaker, wav, text):
    speaker.say(text, "en")
    assert speaker.wait(timeout=10)  # --help or an unknown voice would end without a WAV, or with an error
    values, rate = samples(wav)
    assert values.size / rate > 0.3 and rms(values) > 500


def test_the_text_is_normalised_to_nfc(speaker, wav, tmp_path):
    decomposed = unicodedata.normalize("NFD", GREETING)
    assert decomposed != GREETING
    speaker.say(GREETING, "vi")
    assert speaker.wait(timeout=10)
    composed_audio = wav.read_bytes()
    speaker.say(decomposed, "vi")
    assert speaker.wait(timeout=10)
    assert wav.read_bytes() == composed_audio


def test_the_text_is_neither_logged_nor_on_the_command_line(speaker, caplog):
    caplog.set_level("DEBUG", logger="drivers.speech")
    secret = "Nguyễn Văn An 001234567890"
    speaker.say(secret + " " + LONG[:2000], "vi")
    cmdline = Path(f"/proc/{speaker.process.pid}/cmdline").read_bytes().decode("utf-8", "replace")
    speaker.stop()
    assert "Nguy" not in cmdline and "001234567890" not in cmdline
    assert "001234567890" not in caplog.text and "Nguy" not in caplog.text


def test_a_process_that_ends_by_itself_is_reaped(speaker):
    speaker.say("Xin chào.", "vi")
    deadline = time.monotonic() + 10
    while speaker.process.returncode is None and time.monotonic() < deadline:
        time.sleep(0.02)  # nobody calls the speaker: its own thread reaps the process
    assert speaker.process.returncode == 0
    assert our_espeak_children() == []


def test_no_process_is_left_after_close(wav):
    speaker = Speaker(output=wav)
    speaker.say(LONG, "vi")
    pid = speaker.process.pid
    assert [child for child, _ in our_espeak_children()] == [pid]  # running
    speaker.close()
    assert our_espeak_children() == []  # ended, and reaped: no zombie either
    assert not Path(f"/proc/{pid}").exists()
    speaker.close()  # twice is fine
    with pytest.raises(RuntimeError):
        speaker.say("Xin chào.", "vi")


def test_espeak_ng_ended_by_someone_else_is_reported_by_wait(speaker):
    speaker.say(LONG, "vi")
    os.kill(speaker.process.pid, signal.SIGKILL)  # as if it crashed
    with pytest.raises(SpeechError) as caught:
        speaker.wait(timeout=10)
    assert caught.value.code == FAILED
    speaker.say("Xin chào.", "vi")  # the next one is spoken
    assert speaker.wait(timeout=10)


def test_a_voice_is_present_only_when_listed_as_a_language(speaker):
    speaker.check("vi")
    # `--voices=mb` lists the MBROLA voices, but `-v mb` is no voice; nor is a prefix of one
    for voice in ("mb", "v"):
        with pytest.raises(SpeechError) as caught:
            Speaker(voices={"vi": voice}).check("vi")
        assert caught.value.code == VOICE_MISSING
    Speaker(voices={"vi": "vi-vn-x-south"}).check("vi")  # the Southern voice


def test_rate_is_checked():
    with pytest.raises(ValueError):
        Speaker(rate=10)
