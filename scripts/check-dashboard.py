#!/usr/bin/env python3
"""Checks a dashboard.html in headless Chromium, as a laptop, a phone and a printer see it.

    scripts/check-dashboard.py output/millbrook/2025/dashboard.html [OUT_DIR]
    scripts/check-dashboard.py --render PAGE.html OUT.png WIDTH    (one full-page PNG, no checks)

- at 1100 px and at 390 px (DevTools device emulation, mobile: true — Chromium's own window
  cannot be narrower than 500 px): no horizontal scrolling (scrollWidth <= viewport width) and
  no chart label drawn smaller than MIN_LABEL_PX; a full-page PNG of each for looking at;
- printed to PDF with the page's print CSS (A4): `pdftotext` finds every section title and the
  content of every collapsed <details> (history, breakdowns, group tables, evidence);
- at both widths, axe-core's WCAG 2 A and AA rules (contrast, headings, names of charts and
  tables…) find nothing, when the PyPI package `axe-core-python` (which ships axe.min.js) is
  installed; without it this one check is skipped with a message.

Speaks the DevTools protocol over --remote-debugging-pipe (NUL-separated JSON on fds 3 and 4),
so it needs only the standard library, `chromium` and poppler's `pdftotext`. Writes
dashboard-1100-N.png, dashboard-390-N.png (the page in parts) and dashboard.pdf to OUT_DIR (default: beside the page).
Exit status 0 when every check passes, 1 otherwise.
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MIN_LABEL_PX = 10.0

# Reads the page as laid out: its width, the smallest chart label and where it is.
MEASURE = r"""
(() => {
  const labels = [];
  for (const t of document.querySelectorAll('svg text')) {
    const svg = t.ownerSVGElement, ctm = svg && svg.getScreenCTM();
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    if (t.getClientRects().length === 0) continue;
    labels.push([parseFloat(getComputedStyle(t).fontSize) * scale, t.textContent]);
  }
  for (const t of document.querySelectorAll('.chart, .chart *, .keys, .cmp')) {
    if (t.getClientRects().length === 0 || !t.childNodes.length) continue;
    if (![...t.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    labels.push([parseFloat(getComputedStyle(t).fontSize), t.textContent.trim().slice(0, 40)]);
  }
  labels.sort((a, b) => a[0] - b[0]);
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > WIDTH + 0.5 && e.getBoundingClientRect().width > 0)
    .sort((a, b) => a.contains(b) ? -1 : b.contains(a) ? 1 : 0).reverse()
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + e.className : '')
      + ' ' + Math.round(e.getBoundingClientRect().width) + ' px: ' + JSON.stringify(e.textContent.trim().slice(0, 50)));
  return JSON.stringify({
    scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
    height: document.documentElement.scrollHeight, smallest: labels.slice(0, 3), count: labels.length, wide,
    titles: [...document.querySelectorAll('h2')].map(h => h.textContent.trim()),
    collapsed: [...document.querySelectorAll('details')].map(d => {
      // Its first table row, cell by cell, or else its first paragraph or list item.
      const row = d.querySelector('tbody tr');
      if (row) return [...row.children].map(c => c.textContent.trim()).filter(s => s);
      const cell = d.querySelector('p, li');
      return cell ? [cell.textContent.trim()] : [];
    }).filter(cells => cells.length),
  });
})()
"""


class Browser:
    """Headless Chromium driven over --remote-debugging-pipe."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="check-dashboard-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4: the shell puts the pipes there.
        self.process = subprocess.Popen(
            ["sh", "-c", f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w}', "sh",
             binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "--no-first-run", "about:blank"],
            pass_fds=(to_browser_r, from_browser_w), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def wait_for(self, event):
        while self.read().get("method") != event:
            pass

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Page.enable")
        self.url = url

    def load(self, width, mobile, height=900):
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        self.send("Page.navigate", {"url": self.url})
        self.wait_for("Page.loadEventFired")
        return json.loads(self.send("Runtime.evaluate", {"expression": MEASURE.replace("WIDTH", str(width)), "returnByValue": True})["result"]["value"])

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except RuntimeError:
            pass
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def axe_script():
    """axe-core's source, from the PyPI package axe-core-python, or None when it is not installed."""
    try:
        import axe_core_python
    except ImportError:
        return None
    with open(os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js"), encoding="utf-8") as f:
        return f.read()


AXE_RUN = r"""
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}).then(r => JSON.stringify(
  r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.length + ' × ' + v.help + ' — e.g. ' + v.nodes[0].target.join(' '))))
"""


def squash(text):
    """Text with every run of white space (and soft hyphenation) as one space, for matching."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def render(page, png, width):
    """The whole page, however long, as one PNG `width` px wide (a phone's width emulated)."""
    browser = Browser(shutil.which("chromium") or shutil.which("chromium-browser"))
    try:
        browser.open("file://" + os.path.abspath(page))
        seen = browser.load(width, width < 500)
        browser.load(width, width < 500, height=seen["height"])
        clip = {"x": 0, "y": 0, "width": width, "height": seen["height"], "scale": 1}
        data = browser.send("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})["data"]
    finally:
        browser.close()
    with open(png, "wb") as f:
        f.write(base64.b64decode(data))
    return 0


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--render":
        return render(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    page = os.path.abspath(sys.argv[1])
    out = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.dirname(page)
    os.makedirs(out, exist_ok=True)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary or not shutil.which("pdftotext"):
        print("check-dashboard: skipped — needs chromium and pdftotext (apt-get install chromium poppler-utils)")
        return 0
    failures = []
    axe = axe_script()
    if axe is None:
        print("check-dashboard: accessibility: skipped — pip install axe-core-python to run axe-core's WCAG 2 AA rules")
    browser = Browser(binary)
    try:
        browser.open("file://" + page)
        for width, mobile in [(1100, False), (390, True)]:
            seen = browser.load(width, mobile)
            label = f"{width} px"
            if seen["scrollWidth"] > width:
                failures.append(f"{label}: the page is {seen['scrollWidth']} px wide (scrolls sideways); widest: {seen['wide']}")
            smallest = seen["smallest"][0] if seen["smallest"] else None
            if smallest and smallest[0] < MIN_LABEL_PX:
                failures.append(f"{label}: chart label {smallest[1]!r} is {smallest[0]:.1f} px (< {MIN_LABEL_PX:g})")
            print(f"check-dashboard: {label}: page {seen['scrollWidth']} px wide in a {seen['viewport']} px viewport; "
                  f"{seen['count']} chart labels, smallest {smallest[0]:.1f} px" if smallest else f"check-dashboard: {label}: no chart labels")
            if axe is not None:
                browser.send("Runtime.evaluate", {"expression": axe})
                found = json.loads(browser.send("Runtime.evaluate", {"expression": AXE_RUN, "awaitPromise": True,
                                                                     "returnByValue": True})["result"]["value"])
                failures += [f"{label}: axe-core: {v}" for v in found]
                print(f"check-dashboard: {label}: axe-core WCAG 2 A/AA rules: {len(found)} violations")
            # The whole page in pictures of at most 1600 px high each, to look at.
            browser.load(width, mobile, height=min(seen["height"], 16000))
            for old in os.listdir(out):
                if re.fullmatch(f"dashboard-{width}-[0-9]+\\.png", old):
                    os.remove(os.path.join(out, old))
            for part, top in enumerate(range(0, seen["height"], 1600), start=1):
                clip = {"x": 0, "y": top, "width": width, "height": min(1600, seen["height"] - top), "scale": 1}
                png = base64.b64decode(browser.send("Page.captureScreenshot",
                                                    {"format": "png", "clip": clip, "captureBeyondViewport": True})["data"])
                path = os.path.join(out, f"dashboard-{width}-{part}.png")
                with open(path, "wb") as f:
                    f.write(png)
            print(f"check-dashboard: {label}: {os.path.join(out, f'dashboard-{width}-*.png')} ({part} pictures)")
        titles, collapsed = seen["titles"], seen["collapsed"]
        browser.send("Emulation.clearDeviceMetricsOverride")
        browser.send("Page.navigate", {"url": browser.url})
        browser.wait_for("Page.loadEventFired")
        pdf = base64.b64decode(browser.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    finally:
        browser.close()
    pdf_path = os.path.join(out, "dashboard.pdf")
    with open(pdf_path, "wb") as f:
        f.write(pdf)
    text = squash(subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True, text=True, check=True).stdout)
    raw = squash(subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True, check=True).stdout)
    for title in titles:
        if squash(title) not in raw and squash(title) not in text:
            failures.append(f"print: section title {title!r} is not in the PDF")
    # Long cells (a SHA-256, a path) wrap in print, and pdftotext joins a word broken at a
    # hyphen: the details' cells are compared without spaces or hyphens.
    solid = re.sub(r"[\s-]+", "", raw)
    hidden = [cells for cells in collapsed if any(re.sub(r"[\s-]+", "", c) not in solid for c in cells)]
    if hidden:
        failures.append(f"print: {len(hidden)} of {len(collapsed)} collapsed details are not printed, e.g. {hidden[0]!r}")
    info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
    size = re.search(r"Page size:\s*(.*)", info)
    if size and "A4" not in size.group(1):
        failures.append(f"print: pages are {size.group(1)}, not A4")
    pages = re.search(r"Pages:\s*(\d+)", info)
    print(f"check-dashboard: print: {pdf_path}: {pages.group(1) if pages else '?'} pages, "
          f"{size.group(1) if size else 'size unknown'}; {len(titles)} section titles and {len(collapsed)} collapsed details checked")
    for failure in failures:
        print(f"check-dashboard: FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
