"""Source, colour mode and resolution matched across the spellings of real backends."""

from __future__ import annotations

import pytest

from drivers.scanner.options import (TYPE_BOOL, TYPE_FIXED, TYPE_INT, TYPE_STRING, ColourMode, OptionInfo, Source,
                                     UnsupportedSetting, match_mode, match_source, plan_scan, snap_resolution)


@pytest.mark.parametrize("offered, flatbed, adf, duplex", [
    (["Flatbed", "Automatic Document Feeder"], "Flatbed", "Automatic Document Feeder", None),  # test, many
    (["FlatBed", "ADF"], "FlatBed", "ADF", None),
    (["Flatbed", "ADF Front", "ADF Back", "ADF Duplex"], "Flatbed", "ADF Front", "ADF Duplex"),  # fujitsu
    (["ADF Front", "ADF Back", "ADF Duplex"], None, "ADF Front", "ADF Duplex"),  # fujitsu, feeder only
    (["Flatbed", "ADF", "Duplex"], "Flatbed", "ADF", "Duplex"),  # hpaio
    (["Document Table", "ADF"], "Document Table", "ADF", None),  # epson2
    (["Normal", "ADF Simplex", "ADF Duplex"], "Normal", "ADF Simplex", "ADF Duplex"),
    (["FlatBed", "Automatic Document Feeder(left aligned)", "Automatic Document Feeder(centrally aligned)"],
     "FlatBed", "Automatic Document Feeder(left aligned)", None),  # brother4
    (["Flatbed", "ADF Duplex (long edge)"], "Flatbed", None, "ADF Duplex (long edge)"),
    (["Transparency Adapter", "Flatbed"], "Flatbed", None, None),
    (["flatbed", "adf", "adf-duplex"], "flatbed", "adf", "adf-duplex"),
    (["Automatic Document Feeder Duplex", "Automatic Document Feeder"], None, "Automatic Document Feeder",
     "Automatic Document Feeder Duplex"),
])
def test_sources_across_backend_spellings(offered, flatbed, adf, duplex):
    assert match_source(Source.FLATBED, offered) == flatbed
    assert match_source(Source.ADF, offered) == adf
    assert match_source(Source.DUPLEX, offered) == duplex


def test_back_only_feeder_is_never_taken_for_the_feeder():
    assert match_source(Source.ADF, ["ADF Back", "ADF Front"]) == "ADF Front"
    assert match_source(Source.ADF, ["ADF Back"]) is None


@pytest.mark.parametrize("offered, color, gray, lineart", [
    (["Gray", "Color"], "Color", "Gray", None),
    (["Lineart", "Halftone", "Gray", "Color"], "Color", "Gray", "Lineart"),
    (["Binary", "Gray", "Colour"], "Colour", "Gray", "Binary"),
    (["24bit Color", "Grayscale", "Black & White"], "24bit Color", "Grayscale", "Black & White"),
    (["48bit Color", "24bit Color", "16bit Gray", "8bit Gray"], "24bit Color", "8bit Gray", None),
    (["48bit Color", "16bit Gray"], "48bit Color", "16bit Gray", None),
    (["True Gray", "Color"], "Color", None, None),
    (["Grey", "RGB"], "RGB", "Grey", None),
    (["COLOR", "GRAYSCALE", "LINEART"], "COLOR", "GRAYSCALE", "LINEART"),
    (["Color", "Gray", "Lineart"], "Color", "Gray", "Lineart"),
])
def test_colour_modes_across_backend_spellings(offered, color, gray, lineart):
    assert match_mode(ColourMode.COLOR, offered) == color
    assert match_mode(ColourMode.GRAY, offered) == gray
    assert match_mode(ColourMode.LINEART, offered) == lineart


@pytest.mark.parametrize("wanted, constraint, is_range, expected", [
    (300, [75, 150, 300, 600], False, 300),
    (200, [75, 150, 300, 600], False, 150),  # nearer wins
    (225, [75, 150, 300, 600], False, 300),  # a tie goes to the finer resolution
    (1000, [75, 150, 300, 600], False, 600),
    (10, [75, 150, 300, 600], False, 75),
    (300, [50.0, 1200.0, 0.0], True, 300),  # quant 0: any value in the range
    (301, [1, 1200, 1], True, 301),
    (5000, [1, 1200, 1], True, 1200),
    (310, [100, 600, 25], True, 300),
    (320, [100, 600, 25], True, 325),
    (20, [50, 600, 50], True, 50),
    (333, None, False, 333),
])
def test_resolution_snaps_to_list_or_range(wanted, constraint, is_range, expected):
    assert snap_resolution(wanted, constraint, is_range=is_range) == expected


def option(name, type_, constraint=None, kind=None, value=None, active=True, settable=True, unit=0):
    kind = kind or ("none" if constraint is None else "list")
    return OptionInfo(name, name, type_, unit, constraint, active, settable, value, kind)


FUJITSU_LIKE = [
    option("source", TYPE_STRING, ["ADF Front", "ADF Back", "ADF Duplex"]),
    option("mode", TYPE_STRING, ["Lineart", "Halftone", "Gray", "Color"]),
    option("resolution", TYPE_INT, [100, 150, 200, 240, 300, 400, 600], unit=4),
    option("tl-x", TYPE_FIXED, [0.0, 215.9, 0.0], "range", unit=3),
    option("tl-y", TYPE_FIXED, [0.0, 355.6, 0.0], "range", unit=3),
    option("br-x", TYPE_FIXED, [0.0, 215.9, 0.0], "range", unit=3),
    option("br-y", TYPE_FIXED, [0.0, 355.6, 0.0], "range", unit=3),
]

EPSON_LIKE = [
    option("source", TYPE_STRING, ["Flatbed", "Automatic Document Feeder"]),
    option("adf-mode", TYPE_STRING, ["Simplex", "Duplex"]),
    option("mode", TYPE_STRING, ["Binary", "Gray", "Color"]),
    option("depth", TYPE_INT, [8, 16]),
    option("resolution", TYPE_FIXED, [50.0, 1200.0, 1.0], "range", unit=4),
]


def test_plan_for_a_duplex_source():
    plan = plan_scan(FUJITSU_LIKE, Source.DUPLEX, ColourMode.COLOR, 250, (210.0, 297.0))
    assert plan.duplex and plan.dpi == 240
    settings = dict(plan.settings)
    assert settings["source"] == "ADF Duplex" and settings["mode"] == "Color" and settings["resolution"] == 240
    assert settings["br-x"] == 210.0 and settings["br-y"] == 297.0 and settings["tl-x"] == 0.0
    names = [n for n, _ in plan.settings]
    assert names.index("tl-x") < names.index("br-x")  # corners in an order every backend accepts


def test_plan_for_duplex_through_a_feeder_mode_option():
    plan = plan_scan(EPSON_LIKE, Source.DUPLEX, ColourMode.GRAY, 300)
    assert plan.duplex
    assert plan.settings[:2] == (("source", "Automatic Document Feeder"), ("adf-mode", "Duplex"))
    assert dict(plan.settings)["depth"] == 8 and dict(plan.settings)["resolution"] == 300.0


def test_plan_for_duplex_through_a_switch():
    options = [option("source", TYPE_STRING, ["Flatbed", "ADF"]), option("duplex", TYPE_BOOL)]
    plan = plan_scan(options, Source.DUPLEX, ColourMode.COLOR, 300)
    assert dict(plan.settings) == {"source": "ADF", "duplex": True}


def test_area_is_clipped_to_the_bed():
    plan = plan_scan(FUJITSU_LIKE, Source.ADF, ColourMode.COLOR, 300, (300.0, 400.0))
    assert dict(plan.settings)["br-x"] == 215.9 and dict(plan.settings)["br-y"] == 355.6


@pytest.mark.parametrize("options, source, mode, words", [
    (FUJITSU_LIKE, Source.FLATBED, ColourMode.COLOR, "no flatbed"),
    ([option("source", TYPE_STRING, ["Flatbed"])], Source.ADF, ColourMode.COLOR, "no document feeder"),
    ([option("source", TYPE_STRING, ["Flatbed", "ADF"])], Source.DUPLEX, ColourMode.COLOR, "both sides"),
    ([option("mode", TYPE_STRING, ["Lineart"])], Source.FLATBED, ColourMode.COLOR, "no color mode"),
    ([], Source.ADF, ColourMode.COLOR, "no document feeder"),
])
def test_what_the_device_cannot_do_is_said_plainly(options, source, mode, words):
    with pytest.raises(UnsupportedSetting, match=words):
        plan_scan(options, source, mode, 300)


def test_option_from_python_sane_tuple_keeps_range_and_list_apart():
    ranged = OptionInfo.from_sane((7, "resolution", "Scan resolution", "", 2, 4, 4, 5, (1.0, 1200.0, 1.0)))
    listed = OptionInfo.from_sane((8, "source", "Scan source", "", 3, 0, 26, 5, ["Flatbed", "ADF"]))
    inactive = OptionInfo.from_sane((5, "three-pass", "", "", 0, 0, 4, 37, None))
    assert ranged.is_range and ranged.constraint == [1.0, 1200.0, 1.0] and "1..1200" in ranged.describe()
    assert listed.choices == ["Flatbed", "ADF"] and not listed.is_range and "Flatbed | ADF" in listed.describe()
    assert not inactive.active and "(inactive)" in inactive.describe()
    assert OptionInfo.from_dict(ranged.as_dict()) == ranged
