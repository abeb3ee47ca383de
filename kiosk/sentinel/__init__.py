"""The sentinel mode's Qt-free parts (数字哨兵): what a scan at a venue's entrance says
(gate.py), the hourly counts kept across restarts (counts.py), the recent scans kept in
memory for a while (recent.py) and what the screens show (view.py)."""
