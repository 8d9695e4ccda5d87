"""The report page's inline style sheet (one constant; the page has no external resources)."""

CSS = """
:root { --ink:#1d2430; --muted:#5d6676; --line:#dde2ea; --bg:#f6f7f9; --accent:#2f6db5;
        --ins:#d5f5dc; --del:#fbd9d9; --mark:#fff0b3; --warn:#a35200; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color:var(--ink); background:var(--bg); }
header, main { max-width:1200px; margin:0 auto; padding:0 20px; }
header { padding-top:20px; }
h1 { font-size:22px; margin:0 0 4px; }
h2 { font-size:17px; margin:28px 0 10px; padding-bottom:4px; border-bottom:1px solid var(--line); }
h3 { font-size:14px; margin:14px 0 6px; }
.sub, .note, caption { color:var(--muted); }
.note { font-size:13px; margin:6px 0; }
.warn { color:var(--warn); }
.figs { display:flex; flex-wrap:wrap; gap:10px; margin:14px 0; }
.fig { background:#fff; border:1px solid var(--line); border-radius:6px; padding:8px 14px; min-width:120px; }
.fig .n { display:block; font-size:22px; font-weight:600; }
.fig .l { color:var(--muted); font-size:12px; }
section { background:#fff; border:1px solid var(--line); border-radius:6px; padding:4px 16px 14px; margin:14px 0; }
section > h2 { border:0; margin-top:12px; }
table { border-collapse:collapse; margin:6px 0; font-size:13px; }
th, td { padding:4px 10px; border-bottom:1px solid var(--line); text-align:left; vertical-align:top; }
th { font-weight:600; background:#fafbfc; }
td.n, th.n { text-align:right; font-variant-numeric:tabular-nums; }
.cols { display:flex; flex-wrap:wrap; gap:24px; align-items:flex-start; }
.chart { max-width:100%; height:auto; font-size:11px; }
.chart rect { fill:var(--accent); }
.chart text { fill:var(--ink); }
.chart .axis { stroke:var(--muted); }
details.story { border-top:1px solid var(--line); padding:6px 0; }
details.story summary { cursor:pointer; }
.size { display:inline-block; min-width:26px; text-align:center; background:var(--accent); color:#fff;
        border-radius:10px; padding:0 7px; margin-right:6px; font-size:12px; }
.members { display:grid; gap:10px; margin-top:8px; }
.member { border:1px solid var(--line); border-radius:5px; padding:8px 10px; min-width:0; background:#fcfcfd; }
.member .meta { font-size:12px; color:var(--muted); margin-bottom:6px; overflow-wrap:anywhere; }
.member .text { font-size:13px; overflow-wrap:anywhere; }
.member.canonical { border-color:var(--accent); }
ins { background:var(--ins); text-decoration:none; }
del { background:var(--del); color:#8a2b2b; }
mark { background:var(--mark); }
.legend ins, .legend del, .legend mark { padding:0 4px; }
code, .mono { font-family:ui-monospace, SFMono-Regular, Menlo, monospace; font-size:12px; }
a { color:var(--accent); text-decoration:none; }
a:hover { text-decoration:underline; }
"""
