"""Figures for papers: diffusion curves, an actor × formula heat map and a timeline of
first adopters, as matplotlib figures (``pip install "phrasewatch[plot]"``).

Each function takes what :func:`~phrasewatch.report.data.report_data` takes (a
:class:`~phrasewatch.ScanResult`, its two tables or their files) or a
:class:`~phrasewatch.report.data.ReportData`, and returns a
:class:`matplotlib.figure.Figure` made without pyplot (no window, no global state);
:func:`save_figure` writes it as SVG (text kept as text), PDF (fonts embedded as
TrueType) or PNG.
"""

from __future__ import annotations

__all__ = ["diffusion_figure", "heatmap_figure", "timeline_figure", "save_figure", "require_matplotlib", "FIGURE_FORMATS"]

import io
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from ..countries import CHINA
from ..tables import write_text
from .data import ReportData, actor_label, formula_label, report_data

FIGURE_FORMATS = (".svg", ".png", ".pdf")
# grade 1 (takes note of) to 10 (firmly supports): the HTML report's colours
_RAMP = ["#fde725", "#b5de2b", "#6ece58", "#35b779", "#1f9e89", "#26828e", "#31688e", "#3e4989", "#482878", "#440154"]
_NO_GRADE = "#b9bec9"
_ACCENT = "#b8322a"
_STYLE = {
    "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9, "xtick.labelsize": 8, "ytick.labelsize": 8,
    "legend.fontsize": 8, "axes.spines.top": False, "axes.spines.right": False, "svg.fonttype": "none",
    "pdf.fonttype": 42, "font.family": ["DejaVu Sans", "sans-serif"],
}


def require_matplotlib() -> None:
    """Raise ImportError, saying how to install it, when matplotlib is missing: a
    command checks before it scans, not after."""
    _matplotlib()


def _matplotlib():
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as exc:  # an extra: say how to get it
        raise ImportError('the figures need matplotlib: pip install "phrasewatch[plot]"') from exc
    return matplotlib, Figure


def _data(source, documents=None, **keywords) -> ReportData:
    return source if isinstance(source, ReportData) else report_data(source, documents, **keywords)


def _chosen(data: ReportData, formulae, top: int) -> list[str]:
    """The formulae asked for (checked), else the first ``top`` adopted ones in the
    report's order (Beijing's own first, then most adopters)."""
    adopted = set(data.adopters["formula_id"])
    order = [f for f in data.formula_order() if f in adopted]
    if formulae:
        formulae = [formulae] if isinstance(formulae, str) else list(formulae)
        unknown = [f for f in formulae if data.lexicon is not None and f not in data.lexicon]
        if unknown:
            raise ValueError(f"no formula {', '.join(unknown)} in the lexicon")
        return formulae
    return order[:top]


def _grade_color(grade) -> str:
    if grade is None or grade is pd.NA or grade != grade:
        return _NO_GRADE
    return _RAMP[int(min(10, max(1, round(float(grade))))) - 1]


def _prc_first(data: ReportData, formula_id: str) -> float | None:
    """China's first use (the lexicon's date) as a fractional year."""
    lexicon = data.lexicon
    if lexicon is None or formula_id not in lexicon or not lexicon[formula_id].first_used:
        return None
    day = pd.Timestamp(lexicon[formula_id].first_used.earliest)
    return day.year + (day.day_of_year - 0.5) / 366


def _wrapped(text: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(text, width)[:3])


def _when(first_date) -> float:
    """A first_date ("2024" or "2024-05-20") as a fractional year; a bare year at its middle."""
    text = str(first_date)
    if len(text) >= 10:
        day = pd.Timestamp(text[:10])
        return day.year + (day.day_of_year - 0.5) / 366
    return int(text[:4]) + 0.5


def diffusion_figure(source, documents=None, *, formulae=None, top: int = 6, title: str | None = None,
                     figsize=(7.0, 4.0), **keywords):
    """Cumulative adopters other than China by year, one line per formula (the ``top``
    with most adopters, or ``formulae``), with China's first use marked on each line's
    baseline. ``keywords``: score options and ``lexicon``, as for ``report_data``."""
    matplotlib, Figure = _matplotlib()
    data = _data(source, documents, **keywords)
    chosen = _chosen(data, formulae, top)
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
        colors = matplotlib.colormaps["tab10"].colors
        years = pd.to_numeric(data.documents.get("year"), errors="coerce").dropna()
        last = int(years.max()) if len(years) else None
        for i, f in enumerate(chosen):
            curve = data.diffusion[data.diffusion["formula_id"] == f]
            color = colors[i % len(colors)]
            label = f"{formula_label(f, data.lexicon)} ({f})"
            if not len(curve):
                ax.plot([], [], color=color, label=label + ": no adopter")
                continue
            prc = _prc_first(data, f)
            # from zero at China's first use (or the first adoption), to the corpus's last year
            origin = [min(prc, curve["year"].min())] if prc is not None else [curve["year"].min()]
            xs = origin + list(curve["year"]) + ([last] if last is not None and last > curve["year"].max() else [])
            ys = [0] + list(curve["cumulative"]) + ([int(curve["cumulative"].iloc[-1])] if len(xs) > len(curve) + 1 else [])
            ax.step(xs, ys, where="post", color=color, linewidth=1.8, label=label)
            ax.plot(list(curve["year"]), list(curve["cumulative"]), "o", color=color, markersize=3)
            if prc is not None:
                ax.plot([prc], [0], marker="|", markersize=10, markeredgewidth=1.6, color=color, clip_on=False)
        ax.set_xlabel("year")
        ax.set_ylabel("actors other than China that have adopted it")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", color="#e6e8ee", linewidth=0.8)
        ax.set_title(title or "Diffusion: cumulative adopters (| marks China's first use)", loc="left")
        if chosen:
            ax.legend(loc="upper left", frameon=False)
    return fig


def heatmap_figure(source, documents=None, *, formulae=None, top: int = 30, columns: int = 15, names: bool = False,
                   include_china: bool = False, title: str | None = None, figsize=None, **keywords):
    """Endorsements by actor (rows: the ``top`` by adoption index) and formula (columns:
    ``formulae``, or the ``columns`` with most adopters), counts written in the cells.
    ``names``: country names instead of ISO3 codes."""
    matplotlib, Figure = _matplotlib()
    from matplotlib.colors import LinearSegmentedColormap, LogNorm

    data = _data(source, documents, **keywords)
    chosen = _chosen(data, formulae, columns)
    cells = data.by_actor[data.by_actor["adopted"] & data.by_actor["formula_id"].isin(chosen)]
    if not include_china:
        cells = cells[cells["actor"] != CHINA]
    index = data.actor_index.set_index("actor")["index"]
    actors = sorted(set(cells["actor"]), key=lambda a: (-index.get(a, 0.0), a))[:top]
    grid = cells.pivot_table(index="actor", columns="formula_id", values="count", aggfunc="sum").reindex(index=actors, columns=chosen)
    values = grid.to_numpy(dtype=float)
    height = max(2.5, 0.22 * len(actors) + 1.6)
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=figsize or (max(4.5, 0.42 * len(chosen) + 2.4), height), layout="constrained")
        ax = fig.add_subplot()
        cmap = LinearSegmentedColormap.from_list("pw", ["#f6d5d2", _ACCENT, "#5c120d"]).with_extremes(bad="#ffffff")
        finite = values[np.isfinite(values)]
        norm = LogNorm(vmin=1, vmax=max(2.0, float(finite.max()) if finite.size else 2.0))
        image = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap=cmap, norm=norm, interpolation="nearest")
        for (r, c), v in np.ndenumerate(values):
            if np.isfinite(v):
                ax.text(c, r, f"{int(v)}", ha="center", va="center", fontsize=6.5,
                        color="white" if norm(v) > 0.55 else "#1d2433")
        ax.set_xticks(range(len(chosen)), chosen, rotation=60, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(len(actors)), [actor_label(a, names) for a in actors])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.6, pad=0.01)
        bar.set_label("endorsements (log scale)")
        ax.set_title(title or "Endorsements by actor and formula (rows by adoption index)", loc="left")
    return fig


def timeline_figure(source, documents=None, *, formulae=None, top: int = 8, names: bool = False, labels: int = 20,
                    title: str | None = None, figsize=None, **keywords):
    """First adopters on a timeline: one row per formula, one dot per actor other than
    China at its first endorsement, coloured by the strongest verb it used (takes note
    of … firmly supports), a diamond at China's first use, so the lag is the distance
    between them. Rows with at most ``labels`` adopters name them."""
    matplotlib, Figure = _matplotlib()
    from matplotlib.lines import Line2D

    data = _data(source, documents, **keywords)
    chosen = _chosen(data, formulae, top)
    adopters = data.adopters
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=figsize or (7.5, max(2.4, 0.55 * len(chosen) + 1.4)), layout="constrained")
        ax = fig.add_subplot()
        seen_grades: dict[str, float] = {}
        for row, f in enumerate(chosen):
            y = len(chosen) - 1 - row
            these = adopters[adopters["formula_id"] == f].copy()
            these["when"] = these["first_date"].map(_when)
            prc = _prc_first(data, f)
            start = prc if prc is not None else (these["when"].min() if len(these) else None)
            if start is not None and len(these):
                ax.plot([start, these["when"].max()], [y, y], color="#d9dde5", linewidth=1, zorder=1)
            if prc is not None:
                ax.plot([prc], [y], marker="D", markersize=5, color="#1d2433", zorder=3)
            xs, ys, colors = [], [], []
            for _, group in these.groupby("when"):
                # adopters of the same date spread vertically, strongest verb on top
                n = len(group)
                step = min(0.7 / max(n - 1, 1), 0.12)
                group = group.sort_values(["strongest", "actor"], ascending=[False, True], na_position="last")
                for i, a in enumerate(group.itertuples(index=False)):
                    xs.append(a.when)
                    ys.append(y + (i - (n - 1) / 2) * step)
                    colors.append(_grade_color(a.strongest))
                    if isinstance(a.strongest_name, str):
                        seen_grades[a.strongest_name] = float(a.strongest)
                    else:
                        seen_grades["no grading verb"] = -1.0
                    if len(these) <= labels:
                        ax.annotate(actor_label(a.actor, names), (xs[-1], ys[-1]), xytext=(3, 2), textcoords="offset points",
                                    fontsize=6, color="#5b6478")
            ax.scatter(xs, ys, s=18, c=colors, edgecolors="white", linewidths=0.4, zorder=4)
        ax.set_yticks(range(len(chosen)), [_wrapped(f"{formula_label(f, data.lexicon)} ({f})") for f in reversed(chosen)])
        ax.set_ylim(-0.6, len(chosen) - 0.4)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("first endorsement (a date known only by its year sits mid-year)")
        ax.grid(axis="x", color="#eceef2", linewidth=0.8)
        handles = [Line2D([], [], marker="D", linestyle="", color="#1d2433", markersize=5, label="China's first use")]
        handles += [Line2D([], [], marker="o", linestyle="", color=_grade_color(g if g >= 0 else None), markersize=5, label=name)
                    for name, g in sorted(seen_grades.items(), key=lambda kv: kv[1])]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="strongest verb")
        ax.set_title(title or "First adopters after China's first use", loc="left")
    return fig


def save_figure(fig, path: str | Path, dpi: int = 200) -> Path:
    """Write ``fig`` as .svg, .pdf or .png (from the name), complete or not at all."""
    matplotlib, _ = _matplotlib()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FIGURE_FORMATS:
        raise ValueError(f"cannot tell the figure format of {path.name!r}: use one of {', '.join(FIGURE_FORMATS)}")
    buffer = io.BytesIO()
    with matplotlib.rc_context(_STYLE):
        fig.savefig(buffer, format=suffix[1:], dpi=dpi, metadata={"Date": None} if suffix in (".svg", ".pdf") else None)
    return write_text(path, buffer.getvalue())
