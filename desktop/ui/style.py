"""The application style sheet: quiet, dense, legible -- a tool used all day."""

STYLE = """
QFrame#banner[kind="error"] { background: #fde8e8; border: 1px solid #f5b5b5; border-radius: 4px; }
QFrame#banner[kind="error"] QLabel { color: #7f1d1d; }
QFrame#banner[kind="info"] { background: #e8f1fd; border: 1px solid #b5cdf5; border-radius: 4px; }
QFrame#banner[kind="info"] QLabel { color: #1e3a5f; }
QLabel#fieldError { color: #b91c1c; }
QLineEdit[invalid="true"] { border: 1px solid #dc2626; }
QLabel#panelTitle { font-size: 15px; font-weight: 600; }
QLabel#keyringNotice, QLabel#memoryNotice { color: #92400e; }
QTableView { gridline-color: #e5e7eb; }
"""
