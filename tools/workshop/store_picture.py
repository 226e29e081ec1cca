"""./workshop show-store STORE --html OUT.html: the store as one self-contained page.

Streams are lanes, events are boxes in notification order (one column per notification, so the
order of the whole log reads left to right), each aggregate's versions along its lane, the state on
hover (and in a panel on click, or for page.html#N: notification N), and each view's tracked
position as a line across the log.
Inline CSS and a few lines of JS only: no server, nothing downloaded when the page is opened. The
page carries the events as compact JSON and its script draws them in one go; a lane that is off
screen is not laid out, so a store of 10,000 events opens about as fast as a small one
(./workshop bench picture measures it).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from .base import plural
from .store_reading import Event, iso_time

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
.labs { position: absolute; left: 0; width: %(label)dpx; content-visibility: auto; }
.lab { position: absolute; left: 0; width: %(label)dpx; height: %(lane)dpx; padding: 7px 8px 0;
       font: 12px ui-monospace, monospace; white-space: nowrap; overflow: hidden; }
.lab small { color: #6b7280; }
.lane { position: absolute; left: 0; height: %(lane)dpx; content-visibility: auto; }
.track { position: absolute; top: 16px; height: 2px; background: #c5cbd3; }
.tick { position: absolute; top: 4px; font-size: 11px; color: #6b7280; border-left: 1px solid #c5cbd3; padding-left: 3px; }
.ev { position: absolute; top: 5px; width: %(width)dpx; height: %(box)dpx; contain: strict; border-radius: 5px;
      color: #fff; font-size: %(font)dpx;
      line-height: %(box)dpx; text-align: center; white-space: nowrap; overflow: hidden; cursor: pointer; }
.ev:hover, .ev.sel { outline: 3px solid #1f2933; z-index: 2; }
.pos { position: absolute; top: 0; width: 0; border-left: 2px dashed #0b7285; z-index: 1; }
.pos span { position: absolute; bottom: 2px; left: 4px; font-size: 11px; color: #0b7285; white-space: nowrap;
            background: #fbfbfaee; padding: 0 3px; }
#detail { border-top: 1px solid #d9dde3; background: #fff; padding: 6px 16px; max-height: 35vh; overflow: auto; }
#detail pre { margin: 0; font: 12px ui-monospace, monospace; white-space: pre-wrap; }
"""

SCRIPT = r"""
const data = JSON.parse(document.getElementById('data').textContent);
const [LABEL, RULER, LANE, STEP] = data.layout;
const plane = document.getElementById('plane'), detail = document.getElementById('detail');
const esc = (text) => String(text).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c]);
const LOW = data.views.length ? 24 : 8;  // room under the lanes for the views' labels
const x = (column) => LABEL + 10 + column * STEP, yOf = (lane) => RULER + lane * LANE;
const events = data.events, first = [], last = [], count = [];
events.forEach((e, column) => {
  const lane = e[1];
  if (first[lane] === undefined) first[lane] = column;
  last[lane] = column; count[lane] = (count[lane] || 0) + 1;
});
plane.style.width = `${x(events.length) + 50}px`;
plane.style.height = `${yOf(data.lanes.length) + LOW}px`;
const html = [`<div id="labels" style="height:${yOf(data.lanes.length) + LOW}px">`];
data.lanes.forEach((stream, lane) => {  // in blocks of 100, which are not laid out off screen either
  if (lane % 100 === 0) html.push(`${lane ? '</div>' : ''}<div class="labs" style="top:${yOf(lane)}px;` +
    `height:${Math.min(100, data.lanes.length - lane) * LANE}px">`);
  html.push(`<div class="lab" style="top:${(lane % 100) * LANE}px" title="${esc(stream)}">` +
    (data.names[lane] ? `<b>${esc(data.names[lane])}</b> ` : '') + `${esc(stream.slice(0, 8))}… ` +
    `<small>${count[lane]} event${count[lane] === 1 ? '' : 's'}</small></div>`);
});
html.push(data.lanes.length ? '</div></div>' : '</div>');
const every = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 1e9].find((k) => k * STEP >= 70);
for (let column = 0; column < events.length; column += every)
  html.push(`<span class="tick" style="left:${x(column)}px">#${events[column][0]}</span>`);
// A lane holds its aggregate's events, versions left to right. Lanes off screen are not laid out
// (content-visibility), so a page of 1,000 streams costs what the visible ones cost.
const named = STEP > 60, boxes = data.lanes.map(() => []);
events.forEach(([n, lane, version, topic], column) => boxes[lane].push(`<div class="ev t${topic}" data-n="${n}" ` +
  `style="left:${x(column)}px">${named ? esc(data.topics[topic].split('.').pop()) + ' ' : ''}v${version}</div>`));
data.lanes.forEach((stream, lane) => {
  html.push(`<div class="lane" style="top:${yOf(lane)}px;width:${x(events.length) + 50}px">`);
  if (last[lane] > first[lane]) html.push(`<div class="track" style="left:${x(first[lane]) + 10}px;` +
    `width:${(last[lane] - first[lane]) * STEP}px"></div>`);
  html.push(...boxes[lane], '</div>');
});
data.views.forEach(([name, position]) => {
  let column = events.findIndex((e) => e[0] > position);
  if (column < 0) column = events.length;
  html.push(`<div class="pos" data-position="${position}" ` +
    `style="left:${x(column) - 3}px;height:${yOf(data.lanes.length) + LOW}px">` +
    `<span>${esc(name)} at #${position}</span></div>`);
});
plane.innerHTML = html.join('');
const byId = new Map(events.map((e) => [e[0], e]));
function describe(box) {
  const [n, lane, version, topic, when, state] = byId.get(Number(box.dataset.n));
  let shown = state;
  try { shown = JSON.stringify(JSON.parse(state), null, 2); } catch (e) { shown = state + '  (not JSON)'; }
  return `#${n}  stream ${data.lanes[lane]}  version ${version}\n${data.topics[topic]}  ${when}\n${shown}`;
}
plane.addEventListener('mouseover', (event) => {  // the state on hover: a title, made when first needed
  const box = event.target.closest('.ev');
  if (box && !box.title) box.title = describe(box);
});
let chosen = null;
function choose(box) {  // the state in the panel below: on click, or for page.html#N (notification N)
  if (chosen) chosen.classList.remove('sel');
  chosen = box; box.classList.add('sel');
  detail.querySelector('pre').textContent = describe(box); detail.hidden = false;
  history.replaceState(null, '', `#${box.dataset.n}`);
}
plane.addEventListener('click', (event) => {
  const box = event.target.closest('.ev');
  if (box) choose(box);
});
const asked = /^#(\d+)$/.exec(location.hash);
const wanted = asked && plane.querySelector(`.ev[data-n="${asked[1]}"]`);
if (wanted) { choose(wanted); wanted.scrollIntoView({block: 'center', inline: 'center'}); }
void plane.lastElementChild.offsetTop;  // the one layout, measured:
document.documentElement.dataset.laidOutMs = Math.round(performance.now());
"""


def json_for_script(value) -> str:
    """JSON inside a <script> element: with no '<' at all, no text of a store can end it early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def step_for(count: int) -> tuple[int, int, int]:
    """Column step, box width and font size: named boxes for a small store, compact ones for a big one."""
    return (118, 110, 12) if count <= 60 else (30, 27, 9)


def write(out: Path, log, events: list[Event], views, totals: dict) -> None:
    """The page: a header from here, the lanes drawn by the script from compact data (a third of
    the bytes the same boxes take as markup, and no parsing of 10,000 style attributes)."""
    esc = html.escape
    step, width, font = step_for(len(events))
    lanes = list(dict.fromkeys(e.stream for e in events))
    lane_of = {s: i for i, s in enumerate(lanes)}
    topics = list(dict.fromkeys(e.topic for e in events))
    topic_of = {t: i for i, t in enumerate(topics)}
    colour = {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(topics)}
    rows = [[e.notification_id, lane_of[e.stream], e.version, topic_of[e.topic],
             iso_time((e.fields() or {}).get("timestamp")) or "", e.state] for e in events]
    names: dict[str, str] = {}  # a lane is labelled with its aggregate's name, when an event gives one
    for e in events:
        name = (e.fields() or {}).get("name")
        if isinstance(name, str) and e.stream not in names:
            names[e.stream] = name
    data = {"layout": [LABEL_W, RULER_H, LANE_H, step], "lanes": lanes, "names": [names.get(s, "") for s in lanes],
            "topics": topics, "events": rows,
            "views": [[v.name, v.position] for v in views]}
    swatches = "".join(f".t{i} {{ background: {colour[t]}; }}" for i, t in enumerate(topics))
    legend = "".join(f'<span class="chip" style="background:{colour[t]}">{esc(t)}</span>' for t in topics)
    notes = "".join(f'<p class="viewnote">view {esc(v.name)} ({esc(v.where)}): has processed the log up to '
                    f'notification {v.position} (the dashed line)</p>' for v in views)
    label = log.label if log else "(no event log given)"
    shown = "" if len(events) == totals["events"] else f"; shown: {plural(len(events), 'event')}"
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(label)}: events</title>
<style>{CSS % {"label": LABEL_W, "lane": LANE_H, "box": BOX_H, "font": font, "width": width}}{swatches}</style></head>
<body>
<header><h1>{esc(label)}</h1>
<p id="summary">{plural(totals["streams"], "stream")}, {plural(totals["events"], "event")}, last notification id
{totals["last_notification_id"]}{shown}. One lane per stream, one column per notification; hover or click a box
for its state.</p>
<p>{legend}</p>{notes}</header>
<div id="scroll"><div id="plane"></div></div>
<div id="detail" hidden><pre></pre></div>
<script type="application/json" id="data">{json_for_script(data)}</script>
<script>{SCRIPT}</script>
</body></html>
"""
    out.write_text(page, encoding="utf-8")
