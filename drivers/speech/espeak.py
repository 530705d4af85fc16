"""Text spoken by the espeak-ng program (Debian package `espeak-ng`), one process per utterance.

    speaker = Speaker()                       # the audio device; Speaker(output="x.wav") writes a file
    speaker.say("Vui lòng đặt thẻ căn cước lên đầu đọc.")   # returns at once
    speaker.say("Please place your ID card on the reader.", "en")  # cuts the first one off
    speaker.repeat()                          # the last text again
    speaker.close()

The text goes to the program on its standard input, never on its command line: it cannot be taken for
an option, and it does not show in the process list (a receipt holds personal data). For the same
reason the text is never logged, only its length and language.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

MISSING = "speech.missing"  # the espeak-ng program is not installed
VOICE_MISSING = "speech.voice_missing"  # espeak-ng has no voice for the language
FAILED = "speech.failed"  # espeak-ng could not be started, or ended with an error
CODES = (MISSING, VOICE_MISSING, FAILED)

# language -> espeak-ng voice; espeak-ng 1.51 has "vi" (Northern), "vi-vn-x-central", "vi-vn-x-south"
VOICES = {"vi": "vi", "en": "en"}
RATE = 150  # words per minute: slower than espeak-ng's 175 for elderly listeners
STOP_TIMEOUT = 0.5  # seconds stop() waits after SIGTERM before SIGKILL


def listed_languages(listing: str) -> set[str]:
    """The languages of `espeak-ng --voices=X`'s table: each voice's Language column and the languages in
    its "Other Languages" column, "(en 2)(en-gb 3)". The table lists near matches too ("vi" for
    "vi-vn-x-south"), and `--voices=mb` lists the MBROLA voices, while `-v mb` is no voice: hence a
    voice counts as present only when it is one of these languages."""
    languages = set()
    for line in listing.splitlines()[1:]:  # a header, then one line per voice
        columns = line.split()
        if len(columns) >= 5:
            languages.add(columns[1].lower())
            languages.update(code.lower() for code in re.findall(r"\(([^\s()]+) \d+\)", line))
    return languages


class SpeechError(Exception):
    """code is one of CODES; the message names the program or voice, never the text."""

    def __init__(self, code: str, message: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown speech error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message


class Speaker:
    """Speaks one text at a time through espeak-ng; a new text interrupts the one being spoken.

    program: the espeak-ng executable, a name looked up on PATH or a path.
    voices: language -> espeak-ng voice (a language unknown here is passed to espeak-ng as the voice).
    rate: words per minute (espeak-ng's -s, 80 to 450).
    output: None for the default audio device, or a WAV file path (espeak-ng -w), rewritten by each say().
    The methods are meant for one thread (the GUI thread); a thread of its own reaps each process as it ends.
    """

    def __init__(self, *, program: str | os.PathLike = "espeak-ng", voices: Mapping[str, str] | None = None,
                 rate: int = RATE, output: str | os.PathLike | None = None,
                 stop_timeout: float = STOP_TIMEOUT) -> None:
        if not 80 <= rate <= 450:
            raise ValueError(f"rate {rate} is outside espeak-ng's 80 to 450 words per minute")
        self.program = os.fspath(program)
        self.voices = dict(VOICES if voices is None else voices)
        self.rate = rate
        self.output = None if output is None else Path(output)
        self.stop_timeout = stop_timeout
        self._executable: str | None = None
        self._voices_present: set[str] = set()
        self._process: subprocess.Popen | None = None
        self._reaper: threading.Thread | None = None
        self._last: tuple[str, str] | None = None
        self._stopped: subprocess.Popen | None = None  # the last process ended by stop()
        self._closed = False

    # --- checks

    def voice(self, language: str) -> str:
        return self.voices.get(language, language)

    def check(self, language: str = "vi") -> None:
        """Raises SpeechError (MISSING, VOICE_MISSING or FAILED) unless the language can be spoken.
        The answer is kept: espeak-ng is asked once per voice."""
        executable = self._find_program()
        voice = self.voice(language)
        if voice in self._voices_present:
            return
        try:
            listed = subprocess.run([executable, f"--voices={voice}"], stdin=subprocess.DEVNULL,
                                    capture_output=True, text=True, timeout=10)
        except FileNotFoundError:
            raise SpeechError(MISSING, f"{self.program} is not installed") from None
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpeechError(FAILED, f"{self.program} --voices failed: {type(error).__name__}") from None
        if listed.returncode != 0:
            raise SpeechError(FAILED, f"{self.program} --voices ended with {listed.returncode}")
        if voice.lower() not in listed_languages(listed.stdout):
            raise SpeechError(VOICE_MISSING, f"{self.program} has no voice {voice!r} for language {language!r}")
        self._voices_present.add(voice)

    def _find_program(self) -> str:
        if self._executable is None:
            found = shutil.which(self.program)
            if found is None:
                raise SpeechError(MISSING, f"{self.program} is not installed")
            self._executable = found
        return self._executable

    # --- speaking

    def say(self, text: str, language: str = "vi") -> None:
        """Stops what is being spoken and starts `text` (NFC-normalised); returns at once.
        An empty text only stops. Raises SpeechError if the language cannot be spoken."""
        if self._closed:
            raise RuntimeError("the speaker is closed")
        text = unicodedata.normalize("NFC", text)
        self.check(language)
        self.stop()
        if not text.strip():
            return
        self._last = (text, language)
        args = [self._find_program(), "-v", self.voice(language), "-s", str(self.rate), "-b", "1", "--stdin"]
        if self.output is not None:
            args += ["-w", str(self.output)]
        try:
            process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, close_fds=True)
        except FileNotFoundError:
            self._executable = None
            raise SpeechError(MISSING, f"{self.program} is not installed") from None
        except OSError as error:
            raise SpeechError(FAILED, f"{self.program} could not be started: {type(error).__name__}") from None
        reaper = threading.Thread(target=process.wait, name="espeak-ng reaper", daemon=True)
        self._process, self._reaper = process, reaper
        reaper.start()
        log.debug("speaking %d characters in %s (pid %d)", len(text), language, process.pid)
        try:
            # --stdin: espeak-ng reads to the end of the input before it speaks
            process.stdin.write(text.encode("utf-8"))
            process.stdin.close()
        except OSError:  # BrokenPipeError: the program ended before reading the text
            self.stop()
            raise SpeechError(FAILED, f"{self.program} ended before reading the text "
                                      f"(exit {process.returncode})") from None

    def repeat(self) -> bool:
        """Speaks the last text again, from its start; False if nothing was said yet."""
        if self._last is None:
            return False
        self.say(*self._last)
        return True

    def stop(self) -> None:
        """Ends the utterance being spoken (SIGTERM, then SIGKILL after stop_timeout) and reaps it."""
        process, reaper = self._process, self._reaper
        if process is None:
            return
        if process.returncode is None:
            self._stopped = process
            try:
                process.terminate()
                process.wait(self.stop_timeout)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                log.warning("espeak-ng (pid %d) did not end on SIGTERM: killed", process.pid)
                process.kill()
                process.wait()
        if reaper is not None:
            reaper.join(self.stop_timeout)
        if process.stdin is not None and not process.stdin.closed:
            try:
                process.stdin.close()
            except OSError:
                pass

    def wait(self, timeout: float | None = None) -> bool:
        """Waits for the utterance to end: True once it has, False at the timeout. Raises SpeechError
        (FAILED) if espeak-ng ended with an error or was killed by someone else (an utterance stopped
        by say() or stop() is no error). espeak-ng 1.51 ends with 0 when it cannot open the audio device
        or the WAV file: those show only as silence or as no file."""
        process = self._process
        if process is None:
            return True
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        if code != 0 and process is not self._stopped:
            log.warning("espeak-ng ended with %d", code)
            raise SpeechError(FAILED, f"{self.program} ended with {code}")
        return True

    @property
    def speaking(self) -> bool:
        """True while an utterance is being spoken (or written to the WAV file)."""
        process = self._process
        return process is not None and process.poll() is None and process.returncode is None

    @property
    def process(self) -> subprocess.Popen | None:
        """The espeak-ng process of the last utterance (running or ended), for tests and diagnostics."""
        return self._process

    def close(self) -> None:
        """Stops speaking; the speaker says nothing more. Safe to call twice."""
        self.stop()
        self._closed = True

    def __enter__(self) -> Speaker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
