"""Speech for the kiosk's spoken mode: text read aloud by the espeak-ng program, no Qt."""

from drivers.speech.espeak import CODES, FAILED, MISSING, VOICE_MISSING, Speaker, SpeechError

__all__ = ["CODES", "FAILED", "MISSING", "VOICE_MISSING", "Speaker", "SpeechError"]
