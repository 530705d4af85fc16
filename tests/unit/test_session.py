from kiosk.logs import Redactor
from kiosk.session import Session


def test_wipe_forgets_data_and_personal_values():
    redact = Redactor()
    session = Session(redact)
    session.begin()
    session.put("name", "Trần Văn Ba", personal=True)
    session.put("reader", "Virtual PCD 00 00")
    assert session.active and len(session) == 2
    assert "Trần Văn Ba" not in redact("name Trần Văn Ba")
    session.wipe()
    assert not session.active and len(session) == 0 and session.get("name") is None
    assert "Trần Văn Ba" in redact("name Trần Văn Ba")
