"""The parts of the counter officer's window (ui.counter_window): the dossier list, a reception (one
citizen's intake), the page editor, a dossier's own tab, the day view and its bar chart."""
