"""What the command groups share: loading the configuration and starting the log."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from kiosk.config import Config, find_config_file, load_config
from kiosk.content import with_province_settings
from kiosk.logs import setup_logging
from kiosk.private_files import private_folder


def on_simulated_station(args: argparse.Namespace) -> bool:
    """The simulated station's defaults and devices: asked for (`--simulated`, where a command has it), or
    no configuration file at all (a real station cannot run without one: a development or test machine)."""
    return getattr(args, "simulated", False) or find_config_file(args.config) is None


def configure(args: argparse.Namespace, simulated: bool | None = False, **overrides: Any) -> Config:
    """Loads the configuration (raising ConfigError on any bad value) and starts logging to its data folder.

    `simulated=None`: the simulated station's defaults when there is no configuration file at all. A
    real station cannot run without one, so a machine without one is a development or test machine.
    """
    if simulated is None:
        simulated = find_config_file(args.config) is None
    # the province's settings (a few harmless keys) from its signed content, over the file's
    config = with_province_settings(load_config(args.config, overrides=overrides, simulated=simulated))
    private_folder(config.data_dir)
    setup_logging(config.log_dir)
    logging.getLogger("kiosk").info("`kiosk %s` with configuration from %s", args.command, config.source)
    return config
