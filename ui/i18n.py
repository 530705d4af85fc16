"""Languages: Vietnamese by default, English on request, switched while the program runs.

UI strings are written in English in the code and translated through Qt's translation files, built
from `resources/translations/*.ts` into `.qm` by `packaging/dev setup`.
"""

from __future__ import annotations


from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

from kiosk.resources import TRANSLATIONS

SOURCE_LANGUAGE = "en"


class MissingTranslation(Exception):
    pass


class Languages(QObject):
    """The application's language. `changed` is emitted, synchronously, after every switch; Qt's own
    LanguageChange events are posted and arrive later, so windows retranslate on `changed`."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._translator: QTranslator | None = None
        self.current = SOURCE_LANGUAGE

    def switch(self, language: str) -> None:
        """Installs the language's translator (or none for the source language, English)."""
        if language == self.current:
            return
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        if language != SOURCE_LANGUAGE:
            translator = QTranslator(self._app)
            qm = TRANSLATIONS / f"kiosk_{language}.qm"
            if not translator.load(str(qm)):
                raise MissingTranslation(f"translation {qm} is missing: run `packaging/dev setup`")
            self._app.installTranslator(translator)
            self._translator = translator
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English))
        self.current = language
        self.changed.emit(language)
