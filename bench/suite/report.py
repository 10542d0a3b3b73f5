"""The results table: one row per measurement, with Tend, supervisord, how many times better Tend
is (supervisord / Tend, or Celery / Tend on the job rows; for every row here smaller is better), and Tend against the floor."""
from dataclasses import dataclass
from typing import Optional


@dataclass
class Row:
    what: str
    tend: Optional[float] = None
    supervisord: Optional[float] = None
    unit: str = ""
    floor: Optional[float] = None
    skipped: str = ""

    def ratio(self):
        if self.tend is None or self.supervisord is None:
            return None
        if self.tend == 0:
            return float("inf") if self.supervisord > 0 else 1.0
        return self.supervisord / self.tend

    def over_floor(self):
        if self.tend is None or not self.floor:
            return None
        return self.tend / self.floor

    def as_dict(self):
        return {"what": self.what, "unit": self.unit, "tend": self.tend, "supervisord": self.supervisord,
                "supervisord_over_tend": self.ratio(), "floor": self.floor, "tend_over_floor": self.over_floor(),
                "skipped": self.skipped or None}


def show(value, unit):
    if value is None:
        return "–"
    if unit == "s":
        if value < 0.001:
            return f"{value * 1e6:.0f} µs"
        if value < 1:
            return f"{value * 1e3:.1f} ms"
        return f"{value:.2f} s"
    if value == float("inf"):
        return "∞"
    return f"{value:.1f} {unit}".strip()


def render_table(rows):
    lines = ["| scenario | Tend | supervisord (job rows: Celery + Redis) | them / Tend | floor | Tend / floor |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        if row.skipped:
            lines.append(f"| {row.what} | SKIPPED: {row.skipped} | | | | |")
            continue
        ratio = row.ratio()
        over = row.over_floor()
        lines.append(f"| {row.what} | {show(row.tend, row.unit)} | {show(row.supervisord, row.unit)} | "
                     f"{'–' if ratio is None else ('∞' if ratio == float('inf') else f'{ratio:.1f}×')} | "
                     f"{show(row.floor, row.unit)} | {'–' if over is None else f'{over:.2f}×'} |")
    return "\n".join(lines)
