#!/usr/bin/env python3
"""Browser tests of `whomet serve` in headless Chromium, driven by selenium.

Starts the binary twice (the built-in data, then the hostile fixture beside this file), each
on a free port, and checks what a person sees. Screenshots go to $WHOMET_SCREENSHOTS when set.

    python3 tests/browser/explorer.py target/debug/whomet
"""

import json
import os
import re
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

HERE = Path(__file__).resolve().parent
TIMEOUT = 20


def start(binary, data):
    """Runs `whomet serve --port 0` and returns the process and the URL it printed."""
    args = [binary] + (["--data", str(data)] if data else []) + ["serve", "--port", "0"]
    env = {k: v for k, v in os.environ.items() if k != "WHOMET_DATA"}
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    match = re.search(r"http://\S+", line)
    if not match:
        process.kill()
        raise RuntimeError(f"the server printed no address: {line!r} {process.stderr.read()!r}")
    return process, match.group(0)


def browser():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,800"]:
        options.add_argument(flag)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")),
                              options=options)
    viewport(driver, 1280, 800)
    return driver


def viewport(driver, width, height):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def wait(driver, condition, what):
    try:
        return WebDriverWait(driver, TIMEOUT).until(lambda d: condition(d))
    except TimeoutException:
        raise AssertionError(f"timed out waiting for {what}; status: {status(driver)!r}")


def status(driver):
    try:
        return driver.find_element(By.ID, "status").text
    except Exception:  # noqa: BLE001 - only for the message
        return "?"


def open_view(driver, url, fragment):
    """Loads the page afresh at `fragment` and waits for the app to start."""
    driver.get("about:blank")
    driver.get(url + fragment)
    wait(driver, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), "the page to start")


def texts(driver, selector):
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, selector)]


def shot(driver, name):
    folder = os.environ.get("WHOMET_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        time.sleep(0.5)  # let the layout settle
        driver.save_screenshot(str(Path(folder) / name))


def profile_shows_meetings_and_a_source(driver, url):
    open_view(driver, url, "#actor=miguel-diaz-canel")
    wait(driver, lambda d: d.find_element(By.ID, "profile-name").text == "Miguel Diaz-Canel", "the profile")
    wait(driver, lambda d: texts(d, "#profile li.meeting li.source"), "the sources")
    dates = texts(driver, "#profile li.meeting .date")
    assert any(d.startswith("2015-10") for d in dates), dates
    assert any(d.startswith("2018-11") for d in dates), dates
    sources = texts(driver, "#profile li.meeting li.source")
    assert any("Korea Herald" in s for s in sources), sources
    assert driver.find_elements(By.CSS_SELECTOR, "#profile li.meeting .evidence"), "no evidence shown"
    counterparts = texts(driver, "#profile li.meeting .with .actor-link")
    assert "Kim Jong Un" in counterparts, counterparts
    shot(driver, "explorer-profile.png")


def window_2018_drops_2015(driver, url):
    open_view(driver, url, "#actor=miguel-diaz-canel")
    wait(driver, lambda d: any(t.startswith("2015") for t in texts(d, "#profile li.meeting .date")), "2015 meetings")
    field = driver.find_element(By.ID, "from")
    field.clear()
    field.send_keys("2018")
    wait(driver, lambda d: "from=2018" in d.current_url, "the window in the URL")
    wait(driver, lambda d: texts(d, "#profile li.meeting .date")
         and not any(t.startswith("2015") for t in texts(d, "#profile li.meeting .date")), "the 2015 meetings to leave")
    assert any(t.startswith("2018") for t in texts(driver, "#profile li.meeting .date"))
    shot(driver, "explorer-window-2018.png")


def path_through_valdes_mesa(driver, url):
    open_view(driver, url, "#path=xi-jinping,kim-jong-un")
    wait(driver, lambda d: d.find_element(By.ID, "path-result").is_displayed(), "the chains")
    hops = texts(driver, "#path-result li.hop")
    via = [h for h in hops if "Salvador Valdes Mesa" in h]
    assert via, hops
    assert any("2016-06-27" in h for h in via), via
    assert any("2016-06-28" in h for h in via), via
    shot(driver, "explorer-path.png")
    # A link to the time-ordered chain shows it first, and the form says so: pressing Find
    # again keeps the order.
    open_view(driver, url, "#path=xi-jinping,kim-jong-un&order=time")
    wait(driver, lambda d: d.find_element(By.ID, "path-result").is_displayed(), "the chains")
    headings = texts(driver, "#path-result h3")
    assert headings and headings[0].startswith("Time-ordered"), headings
    assert Select(driver.find_element(By.ID, "path-order")).first_selected_option.get_attribute("value") == "time"


def loose_search_lands_on_profile(driver, url):
    open_view(driver, url, "#")
    box = driver.find_element(By.ID, "search")
    box.send_keys("diaz kanel")
    wait(driver, lambda d: any("Miguel Diaz-Canel" in t for t in texts(d, "#suggestions li")), "a suggestion")
    box.send_keys(Keys.ENTER)
    wait(driver, lambda d: d.find_elements(By.ID, "profile-name")
         and d.find_element(By.ID, "profile-name").text == "Miguel Diaz-Canel", "the profile from a loose spelling")
    assert "actor=miguel-diaz-canel" in driver.current_url


def phone_width_has_no_sideways_scroll(driver, url):
    viewport(driver, 390, 844)
    try:
        open_view(driver, url, "#actor=kim-jong-un")
        wait(driver, lambda d: d.find_element(By.ID, "profile-name").text == "Kim Jong Un", "the profile")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 391, f"the page is {width}px wide at 390px"
        shot(driver, "explorer-phone.png")
    finally:
        viewport(driver, 1280, 800)


HOSTILE_NAMES = {
    "img": "<img src=x onerror=\"window.__pwned='img'\">",
    "script": "</script><script>window.__pwned='script'</script>",
}


SVG = "{http://www.w3.org/2000/svg}"


def exported_svg(driver):
    """Clicks the SVG button and returns the file it would save, parsed."""
    driver.execute_script("""
        window.__saved = [];
        if (!window.__createObjectURL) window.__createObjectURL = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.__saved.push(blob); return window.__createObjectURL(blob); };""")
    driver.find_element(By.ID, "export-svg").click()
    wait(driver, lambda d: d.execute_script("return window.__saved.length > 0"), "the SVG file")
    text = driver.execute_async_script("const done = arguments[arguments.length - 1]; window.__saved[0].text().then(done);")
    return ET.fromstring(text)


def svg_marks(root):
    """Name → fill of every node mark (circle, rect or polygon with a title) in the SVG."""
    marks = {}
    for tag in ("circle", "rect", "polygon"):
        for mark in root.iter(SVG + tag):
            title = mark.find(SVG + "title")
            if title is not None:
                marks[title.text] = mark.get("fill")
    return marks


def svg_export_and_community_colours(driver, url):
    open_view(driver, url, "#actor=salvador-valdes-mesa")
    wait(driver, lambda d: "actors" in d.find_element(By.ID, "graph-note").text, "the network")
    with urllib.request.urlopen(f"{url}api/ego/salvador-valdes-mesa?communities=1") as answer:
        network = json.load(answer)
    by_kind = svg_marks(exported_svg(driver))
    names = {n["name"] for n in network["nodes"]}
    assert set(by_kind) == names, (sorted(by_kind), sorted(names))
    assert len(list(exported_svg(driver).iter(SVG + "path"))) == len(network["edges"])
    Select(driver.find_element(By.ID, "colour")).select_by_value("community")
    wait(driver, lambda d: "community" in d.find_element(By.ID, "legend").text, "the community legend")
    time.sleep(0.5)
    by_community = svg_marks(exported_svg(driver))
    community = {n["name"]: n["community"] for n in network["nodes"]}
    assert all(c is not None for c in community.values()), community
    # Same community, same colour; the data's communities around him are not all one.
    for a in community:
        for b in community:
            if community[a] == community[b]:
                assert by_community[a] == by_community[b], (a, b, by_community[a], by_community[b])
    assert len(set(community.values())) > 1 and len(set(by_community.values())) > 1, by_community
    assert by_community != by_kind
    shot(driver, "explorer-communities.png")


def hostile_data_runs_no_script(driver, url):
    for fragment in ["#actor=img", "#actor=script", "#actor=quote", "#actor=state", "#path=script,quote"]:
        open_view(driver, url, fragment)
        if fragment.startswith("#actor"):
            wait(driver, lambda d: d.find_elements(By.ID, "profile-name"), f"the profile of {fragment}")
            actor = fragment.split("=")[1]
            if actor in HOSTILE_NAMES:
                assert driver.find_element(By.ID, "profile-name").text == HOSTILE_NAMES[actor]
        else:
            wait(driver, lambda d: d.find_element(By.ID, "path-result").is_displayed(), "the chain")
        time.sleep(0.5)
        assert driver.execute_script("return window.__pwned === undefined"), driver.execute_script("return window.__pwned")
        injected = driver.execute_script(
            "return document.querySelectorAll('#side img, #side script, #side iframe, #side svg, #side b, #side i').length")
        assert injected == 0, f"{injected} elements from the data were parsed as markup in {fragment}"
        links = driver.execute_script("return [...document.querySelectorAll('#side a')].map(a => a.href)")
        assert not any(h.lower().startswith("javascript:") for h in links), links
    box = driver.find_element(By.ID, "search")
    box.send_keys("<img")
    wait(driver, lambda d: texts(d, "#suggestions li"), "suggestions for a hostile name")
    assert driver.execute_script("return window.__pwned === undefined")
    assert driver.execute_script("return document.querySelectorAll('#suggestions img').length") == 0
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not severe, severe
    open_view(driver, url, "#actor=img")
    wait(driver, lambda d: d.find_elements(By.ID, "profile-name"), "the hostile profile")
    wait(driver, lambda d: "actors" in d.find_element(By.ID, "graph-note").text, "the hostile network")
    exported = exported_svg(driver)
    parsed = {element.tag for element in exported.iter()}
    assert parsed <= {SVG + t for t in ("svg", "title", "rect", "path", "circle", "polygon", "text")}, parsed
    assert any(HOSTILE_NAMES["img"] == t.text for t in exported.iter(SVG + "text"))
    shot(driver, "explorer-hostile.png")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    passed = failed = 0
    driver = browser()
    servers = []
    try:
        real, real_url = start(binary, None)
        servers.append(real)
        hostile, hostile_url = start(binary, HERE / "hostile")
        servers.append(hostile)
        tests = [(t, real_url) for t in (profile_shows_meetings_and_a_source, window_2018_drops_2015,
                                         path_through_valdes_mesa, loose_search_lands_on_profile,
                                         phone_width_has_no_sideways_scroll,
                                         svg_export_and_community_colours)]
        tests.append((hostile_data_runs_no_script, hostile_url))
        for test, url in tests:
            try:
                test(driver, url)
                passed += 1
                print(f"ok   {test.__name__}")
            except Exception as error:  # noqa: BLE001 - report every failure, then go on
                failed += 1
                print(f"FAIL {test.__name__}: {error}")
    finally:
        driver.quit()
        for server in servers:
            server.kill()
            server.wait()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
