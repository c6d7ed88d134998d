"""The application style sheet: quiet, dense, legible -- a tool used all day."""

STYLE = """
QLabel#banner[kind="error"] { background: #fde8e8; color: #7f1d1d; border: 1px solid #f5b5b5;
    border-radius: 4px; padding: 6px 8px; }
QLabel#banner[kind="info"] { background: #e8f1fd; color: #1e3a5f; border: 1px solid #b5cdf5;
    border-radius: 4px; padding: 6px 8px; }
QLabel#fieldError { color: #b91c1c; }
QLineEdit[invalid="true"] { border: 1px solid #dc2626; }
QLabel#panelTitle { font-size: 15px; font-weight: 600; }
QLabel#keyringNotice, QLabel#memoryNotice { color: #92400e; }
QTableView { gridline-color: #e5e7eb; }
"""
