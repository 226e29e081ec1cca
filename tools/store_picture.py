"""./workshop show-store STORE --html OUT.html: the store as one self-contained page.

Streams are lanes, events are boxes in notification order (one column per notification, so the
order of the whole log reads left to right), each aggregate's versions along its lane, the state on
hover (and in a panel on click), and each view's tracked position as a line across the log.
Inline CSS and a few lines of JS only: no server, nothing downloaded when the page is opened. The
boxes are plain elements placed by the writer, so the page costs the browser one layout, and a
10,000-event store opens as fast as a small one scrolls.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from store_reading import Event, iso_time, plural

LABEL_W, RULER_H, LANE_H, BOX_H = 190, 26, 34, 24
COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#9c755f", "#edc948"]

CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.35 system-ui, sans-serif; color: #1f2933; background: #fbfbfa;
       display: flex; flex-direction: column; height: 100vh; }
header { padding: 10px 16px 6px; border-bottom: 1px solid #d9dde3; }
h1 { font-size: 18px; margin: 0 0 2px; }
header p { margin: 2px 0; }
.chip { display: inline-block; padding: 1px 8px; margin-right: 6px; border-radius: 9px; color: #fff; font-size: 12px; }
.viewnote { color: #0b7285; }
#scroll { flex: 1; overflow: auto; position: relative; }
#plane { position: relative; }
#labels { position: sticky; left: 0; z-index: 3; width: %(label)dpx; background: #f1f3f5;
          border-right: 1px solid #d9dde3; }
.lab { position: absolute; left: 0; width: %(label)dpx; height: %(lane)dpx; padding: 7px 8px 0;
       font: 12px ui-monospace, monospace; white-space: nowrap; overflow: hidden; }
.lab small { color: #6b7280; }
.lane { position: absolute; height: %(lane)dpx; border-top: 1px solid #eceef1; }
.track { position: absolute; height: 2px; background: #c5cbd3; }
.tick { position: absolute; top: 4px; font-size: 11px; color: #6b7280; border-left: 1px solid #c5cbd3; padding-left: 3px; }
.ev { position: absolute; height: %(box)dpx; border-radius: 5px; color: #fff; font-size: %(font)dpx;
      line-height: %(box)dpx; text-align: center; white-space: nowrap; overflow: hidden; cursor: pointer; }
.ev:hover, .ev.sel { outline: 3px solid #1f2933; z-index: 2; }
.pos { position: absolute; top: 0; width: 0; border-left: 2px dashed #0b7285; z-index: 1; }
.pos span { position: absolute; top: 2px; left: 4px; font-size: 11px; color: #0b7285; white-space: nowrap;
            background: #fbfbfaee; padding: 0 3px; }
#detail { border-top: 1px solid #d9dde3; background: #fff; padding: 6px 16px; max-height: 35vh; overflow: auto; }
#detail pre { margin: 0; font: 12px ui-monospace, monospace; white-space: pre-wrap; }
"""

SCRIPT = """
const detail = document.getElementById('detail'), text = detail.querySelector('pre');
let chosen = null;
document.getElementById('plane').addEventListener('click', (event) => {
  const box = event.target.closest('.ev');
  if (!box) return;
  if (chosen) chosen.classList.remove('sel');
  chosen = box; box.classList.add('sel');
  text.textContent = box.title; detail.hidden = false;
});
void document.getElementById('plane').offsetHeight;  // one layout, measured:
document.documentElement.dataset.laidOutMs = Math.round(performance.now());
"""


def step_for(count: int) -> tuple[int, int, int]:
    """Column step, box width and font size: named boxes for a small store, compact ones for a big one."""
    return (118, 110, 12) if count <= 60 else (30, 27, 9)


def write(out: Path, log, events: list[Event], views, totals: dict) -> None:
    esc = html.escape
    step, width, font = step_for(len(events))
    lanes = list(dict.fromkeys(e.stream for e in events))
    lane_of = {s: i for i, s in enumerate(lanes)}
    topics = list(dict.fromkeys(e.topic for e in events))
    colour = {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(topics)}
    plane_w = LABEL_W + len(events) * step + 60
    plane_h = RULER_H + len(lanes) * LANE_H + 8
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for column, e in enumerate(events):
        counts[e.stream] = counts.get(e.stream, 0) + 1
        first.setdefault(e.stream, column)
        last[e.stream] = column

    def x(column: int) -> int:
        return LABEL_W + 10 + column * step

    def top(stream: str) -> int:
        return RULER_H + lane_of[stream] * LANE_H

    parts = [f'<div id="labels" style="height:{plane_h}px">']
    for s in lanes:
        parts.append(f'<div class="lab" style="top:{top(s)}px" title="{esc(s)}">{esc(s[:13])}… '
                     f'<small>{plural(counts[s], "event")}</small></div>')
    parts.append("</div>")
    every = next(k for k in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10**9) if k * step >= 70)
    for column in range(0, len(events), every):
        parts.append(f'<span class="tick" style="left:{x(column)}px">#{events[column].notification_id}</span>')
    for s in lanes:
        parts.append(f'<div class="lane" style="left:{LABEL_W}px;top:{top(s)}px;width:{plane_w - LABEL_W}px"></div>')
        if last[s] > first[s]:
            parts.append(f'<div class="track" style="left:{x(first[s]) + width // 2}px;top:{top(s) + 4 + BOX_H // 2}px;'
                         f'width:{(last[s] - first[s]) * step}px"></div>')
    for column, e in enumerate(events):
        fields = e.fields()
        when = iso_time((fields or {}).get("timestamp")) or ""
        state = json.dumps(fields, indent=2, ensure_ascii=False) if fields is not None else e.state
        title = f"#{e.notification_id}  stream {e.stream}  version {e.version}\n{e.topic}  {when}\n{state}"
        name = e.topic.rsplit(".", 1)[-1]
        label = f"{name} v{e.version}" if step > 60 else f"v{e.version}"
        parts.append(f'<div class="ev" data-n="{e.notification_id}" data-v="{e.version}" '
                     f'style="left:{x(column)}px;top:{top(e.stream) + 5}px;width:{width}px;background:{colour[e.topic]}" '
                     f'title="{esc(title)}">{esc(label)}</div>')
    for view in views:
        column = next((i for i, e in enumerate(events) if e.notification_id > view.position), len(events))
        parts.append(f'<div class="pos" style="left:{x(column) - (step - width) // 2 - 1}px;height:{plane_h}px" '
                     f'data-position="{view.position}"><span>{esc(view.name)} at #{view.position}</span></div>')
    legend = "".join(f'<span class="chip" style="background:{colour[t]}">{esc(t)}</span>' for t in topics)
    notes = "".join(f'<p class="viewnote">view {esc(v.name)} ({esc(v.where)}): has processed the log up to '
                    f'notification {v.position} (the dashed line)</p>' for v in views)
    label = log.label if log else "(no event log given)"
    shown = "" if len(events) == totals["events"] else f"; shown: {plural(len(events), 'event')}"
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(label)}: events</title>
<style>{CSS % {"label": LABEL_W, "lane": LANE_H, "box": BOX_H, "font": font}}</style></head>
<body>
<header><h1>{esc(label)}</h1>
<p id="summary">{plural(totals["streams"], "stream")}, {plural(totals["events"], "event")}, last notification id
{totals["last_notification_id"]}{shown}. One lane per stream, one column per notification; hover or click a box
for its state.</p>
<p>{legend}</p>{notes}</header>
<div id="scroll"><div id="plane" style="width:{plane_w}px;height:{plane_h}px">
{chr(10).join(parts)}
</div></div>
<div id="detail" hidden><pre></pre></div>
<script>{SCRIPT}</script>
</body></html>
"""
    out.write_text(page, encoding="utf-8")
