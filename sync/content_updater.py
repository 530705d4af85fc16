"""The station's side of the signed content: fetched with TUF's client (tuf.ngclient.Updater) over the
station's own TLS (the province's CA bundle, the station's client certificate), verified against the
root installed with the station (`content_root`), downloaded into a new version folder, checked with
the station's loaders, then swapped in (kiosk.content.folder). Whatever fails, the version in use stays,
and the state says why, with its kind (kiosk.content.state): unreachable, expired, tampered, rollback,
wrong key, invalid content.

The relay calls `ContentUpdater.check_if_due` once per cycle (`content_check_minutes` apart);
`kiosk content update` and `kiosk sync run --once` call `check` at once.
"""

from __future__ import annotations

import logging
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

import requests
from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import Metadata, Targets, Timestamp
from tuf.ngclient import Updater
from tuf.ngclient.requests_fetcher import RequestsFetcher

from kiosk.config import Config
from kiosk.content import ContentError, ContentState, StationContent, check_content
from kiosk.content.layout import is_layout_name
from kiosk.content.state import (EXPIRED, INVALID_CONTENT, NOT_CONFIGURED, ROLLBACK, STORAGE, TAMPERED,
                                 UNREACHABLE, WRONG_KEY, utcnow)
from kiosk.private_files import private_folder

log = logging.getLogger(__name__)


class _StationTlsFetcher(RequestsFetcher):
    """TUF's requests fetcher with the station's TLS: only the configured CA bundle is trusted, and the
    station shows its client certificate (the reference server, like the province, asks for it)."""

    def __init__(self, ca_bundle: Path, certificate: Path, key: Path, timeout: int = 15) -> None:
        super().__init__(socket_timeout=timeout)
        self._verify, self._cert = str(ca_bundle), (str(certificate), str(key))
        self.sessions: list[requests.Session] = []

    def _get_session(self, url: str) -> requests.Session:
        session = super()._get_session(url)
        if session not in self.sessions:
            session.trust_env = False  # REQUESTS_CA_BUNDLE and proxies must not replace the station's settings
            session.verify, session.cert = self._verify, self._cert
            self.sessions.append(session)
        return session

    def close(self) -> None:
        for session in self.sessions:
            session.close()


def content_url(config: Config) -> str | None:
    if config.content_url:
        return config.content_url
    return f"{config.endpoint}/content/" if config.endpoint else None


class CheckFailed(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class ContentUpdater:
    def __init__(self, config: Config, clock: Callable[[], datetime] = utcnow) -> None:
        self.config = config
        self.clock = clock
        self.content = StationContent(config.data_dir)

    @property
    def configured(self) -> bool:
        return self.config.content_root is not None

    def due(self) -> bool:
        last = ContentState.read(self.content).last_check
        try:
            return last is None or self.clock() - datetime.fromisoformat(last) \
                >= timedelta(minutes=self.config.content_check_minutes)
        except ValueError:
            return True

    def check_if_due(self) -> ContentState | None:
        """The relay's call, once per cycle: a check when `content_check_minutes` have passed."""
        return self.check() if self.configured and self.due() else None

    def check(self) -> ContentState:
        """Refreshes the metadata, and brings in a new version when there is one; never raises for what
        the repository or the network does: the state returned (and written) says what happened."""
        state = ContentState.read(self.content)
        now = self.clock().isoformat(timespec="seconds")
        state.last_check = now
        try:
            version, expires, installed = self._update(state.version if self.content.active() else None)
        except CheckFailed as failure:
            state.error_kind, state.error = failure.kind, str(failure)
            log.warning("content from the province not updated (%s): %s; version %s stays in use",
                        failure.kind, failure, state.version if self.content.active() else "none (own files)")
        else:
            state.last_success, state.expires, state.error_kind, state.error = now, expires, None, None
            if installed:
                state.version, state.updated_at = version, now
                log.info("content version %s from the province is in use", version)
        try:
            state.write(self.content)
        except OSError as error:
            log.error("the content state cannot be written: %s", error.strerror)
        return state

    def _update(self, in_use: int | None) -> tuple[int, str, bool]:
        """(version of the repository, its timestamp's expiry, whether it was installed now)."""
        config = self.config
        url = content_url(config)
        if config.content_root is None or not config.content_root.is_file():
            raise CheckFailed(NOT_CONFIGURED, f"no content root installed ({config.content_root or 'content_root is empty'})")
        missing = [key for key in ("ca_bundle", "client_certificate", "client_key") if getattr(config, key) is None]
        if url is None or missing:
            raise CheckFailed(NOT_CONFIGURED, "no address to fetch content from: set endpoint (or content_url)"
                              if url is None else f"missing {', '.join(missing)}: the station cannot reach the province")
        fetcher = _StationTlsFetcher(config.ca_bundle, config.client_certificate, config.client_key)
        try:
            private_folder(self.content.metadata)
            updater = Updater(str(self.content.metadata), url + "metadata/", None, url + "targets/", fetcher,
                              bootstrap=config.content_root.read_bytes())
            updater.refresh()
            targets = Metadata[Targets].from_file(str(self.content.metadata / "targets.json")).signed
            expires = Metadata[Timestamp].from_file(str(self.content.metadata / "timestamp.json")).signed.expires
            if targets.version == in_use:
                return targets.version, expires.isoformat(), False
            self._install(updater, targets)
            return targets.version, expires.isoformat(), True
        except tuf_errors.ExpiredMetadataError as error:
            raise CheckFailed(EXPIRED, f"the repository's signed metadata has expired ({error}): the province must "
                              "publish again; a frozen repository is not believed") from None
        except tuf_errors.BadVersionNumberError as error:
            raise CheckFailed(ROLLBACK, f"the repository offers an older version than the station trusts ({error}): "
                              "a replay is refused") from None
        except tuf_errors.UnsignedMetadataError as error:
            raise CheckFailed(WRONG_KEY, f"metadata not signed by the keys the station trusts ({error})") from None
        except (tuf_errors.LengthOrHashMismatchError, tuf_errors.DownloadLengthMismatchError) as error:
            raise CheckFailed(TAMPERED, f"a file does not match its signed length or hash ({error})") from None
        except tuf_errors.RepositoryError as error:
            raise CheckFailed(TAMPERED, f"the repository's metadata is not valid ({error})") from None
        except tuf_errors.DownloadError as error:
            raise CheckFailed(UNREACHABLE, f"the repository at {url} cannot be reached ({_cause(error)})") from None
        except ContentError as error:
            raise CheckFailed(INVALID_CONTENT, f"signed, but refused by the station's checks: {error}") from None
        except OSError as error:
            raise CheckFailed(STORAGE, f"the station cannot write {self.content.root}: {error.strerror}") from None
        finally:
            fetcher.close()

    def _install(self, updater: Updater, targets: Targets) -> None:
        names = sorted(targets.targets)
        if bad := [name for name in names if not is_layout_name(name)]:
            raise ContentError(bad[0], "is not a file of the content's layout: the version is refused")
        staged = self.content.staging(targets.version)
        try:
            for name in names:
                info = updater.get_targetinfo(name)
                if info is None:  # listed by the same verified targets role: cannot happen but for a bug
                    raise ContentError(name, "is listed but has no target information")
                updater.download_target(info, str(staged / name))
            check_content(staged)
            self.content.install(targets.version, staged)
        finally:
            if staged.exists():
                shutil.rmtree(staged, ignore_errors=True)


def _cause(error: BaseException) -> str:
    """The innermost reason (connection refused, certificate failed, HTTP 404...), in one line."""
    while error.__cause__ is not None:
        error = error.__cause__
    text = str(error) or type(error).__name__
    return text.splitlines()[0][:300]
