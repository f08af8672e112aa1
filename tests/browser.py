"""Headless Chromium driven by selenium: what the Airflow 3 UI shows a logged-in user.

Uses Debian's chromium and chromedriver (installed by .ci/run), never a downloaded driver.
The page is read through the UI's ``data-testid`` attributes, which Airflow keeps for its
own UI tests, rather than through generated CSS class names.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Generous: the Airflow API server shares two cores with the scheduler and the task runners.
TIMEOUT = 60
# --lang: the UI is translated, and the state badges are read as English words.
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--window-size=1600,1000",
    "--lang=en-US",
)


def missing_browser() -> str | None:
    """Why the browser check cannot run on this machine, or None if it can."""
    absent = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if absent:
        return f"{' and '.join(absent)} not found (Debian: apt-get install chromium chromium-driver)"
    return None


def artifacts_dir() -> Path:
    """$MEDIAMON_ARTIFACTS, else <repo>/test-artifacts/ (git-ignored)."""
    path = Path(os.environ.get("MEDIAMON_ARTIFACTS") or ROOT / "test-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def headless_chromium() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in CHROMIUM_ARGS:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console messages
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: WebDriver, condition: Callable[[WebDriver], object], what: str) -> None:
    """WebDriverWait, failing as an assertion that says what was on screen instead."""
    try:
        WebDriverWait(driver, TIMEOUT, poll_frequency=0.1).until(condition)
    except TimeoutException:
        body = driver.find_element(By.TAG_NAME, "body").text
        raise AssertionError(
            f"waited {TIMEOUT}s for {what}; at {driver.current_url}:\n{body[:1500]}"
        ) from None


def log_in(driver: WebDriver, base: str, user: str, password: str) -> None:
    """Sign in through the simple auth manager's login form, as a person would."""
    driver.get(f"{base}/")
    wait_for(driver, lambda d: d.find_elements(By.NAME, "password"), "the login form")
    driver.find_element(By.NAME, "username").send_keys(user)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(driver, lambda d: "/auth/login" not in d.current_url, "the login page to go away")


@dataclass
class DagRunPage:
    """What the DAG run page shows: breadcrumb, run header, grid column and task table."""

    dag_id: str
    run_id: str
    run_state: str
    grid_tasks: list[str]  # the grid's task labels, top to bottom
    grid_states: dict[str, str]  # task id -> state, from the tooltip of the run's grid cell
    table_states: dict[str, str]  # task id -> state, from the "Task Instances" tab


def _rendered(run_id: str) -> Callable[[WebDriver], bool]:
    def rendered(driver: WebDriver) -> bool:
        badge = driver.find_elements(
            By.CSS_SELECTOR, '[data-testid="header-card"] [data-testid="state-badge"]'
        )
        cells = driver.find_elements(By.CSS_SELECTOR, f'[data-run-id="{run_id}"][data-task-id]')
        rows = driver.find_elements(By.CSS_SELECTOR, '[data-testid="table-cell-state"]')
        return bool(badge and badge[0].text.strip() and cells and len(rows) == len(cells))

    return rendered


def _grid_state(driver: WebDriver, cell: WebElement) -> tuple[str, str]:
    """Hover a grid cell and read its tooltip ("Task ID: load", "State: Success", ...)."""
    task_id = cell.get_attribute("data-task-id") or ""
    ActionChains(driver).move_to_element(cell.find_element(By.TAG_NAME, "a")).perform()
    tooltip: dict[str, str] = {}

    def shown(d: WebDriver) -> bool:
        for tip in d.find_elements(By.CSS_SELECTOR, '[role="tooltip"][data-state="open"]'):
            lines = dict(line.split(": ", 1) for line in tip.text.splitlines() if ": " in line)
            if lines.get("Task ID") == task_id:
                tooltip.update(lines)
                return True
        return False

    wait_for(driver, shown, f"the tooltip of the grid cell of {task_id}")
    return task_id, tooltip.get("State", "").lower()


def read_dag_run_page(driver: WebDriver, base: str, dag_id: str, run_id: str, artifacts: Path) -> DagRunPage:
    """Open a DAG run (grid on the left, run details on the right), keep a screenshot, read it.

    The screenshot and page source are saved before anything is read, so a failing check
    leaves a picture of what the browser saw.
    """
    driver.get(f"{base}/dags/{dag_id}/runs/{quote(run_id, safe='')}")
    try:
        wait_for(driver, _rendered(run_id), f"the grid and details of run {run_id}")
    finally:
        stem = artifacts / f"airflow-{dag_id}-grid"
        driver.save_screenshot(str(stem.with_suffix(".png")))
        stem.with_suffix(".html").write_text(driver.page_source, encoding="utf-8")

    cells = driver.find_elements(By.CSS_SELECTOR, f'[data-run-id="{run_id}"][data-task-id]')
    headings = driver.find_elements(By.CSS_SELECTOR, '[data-testid="header-card"] h2')
    return DagRunPage(
        dag_id=_text(driver, f'[data-testid="breadcrumb-stats"] a[href="/dags/{dag_id}"]'),
        run_id=next((h.text.strip() for h in headings if h.text.strip()), ""),
        run_state=_text(driver, '[data-testid="header-card"] [data-testid="state-badge"]').lower(),
        grid_tasks=[e.text.strip() for e in driver.find_elements(By.CSS_SELECTOR, "[data-node-id] a")],
        grid_states=dict(_grid_state(driver, cell) for cell in cells),
        table_states=_task_table_states(driver),
    )


def _task_table_states(driver: WebDriver) -> dict[str, str]:
    """Task id -> state, from the rows of the run's "Task Instances" table."""
    states = {}
    for row in driver.find_elements(By.CSS_SELECTOR, "tr:has(> [data-testid='table-cell-state'])"):
        task_id = _text(row, '[data-testid="table-cell-task_display_name"]')
        states[task_id] = _text(row, '[data-testid="table-cell-state"]').lower()
    return states


def _text(within: WebDriver | WebElement, css: str) -> str:
    return within.find_element(By.CSS_SELECTOR, css).text.strip()


REPORT_CHARTS = ("chart-mentions", "chart-share", "chart-topics", "chart-co-mentions")


@dataclass
class ReportPage:
    title: str
    headings: list[str]
    marks: dict[str, int]  # chart id -> drawn SVG marks
    console_errors: list[str]


def read_report(driver: WebDriver, screenshot: Path | None = None, source: str | None = None) -> ReportPage:
    """The trend report in the current page (or frame): wait for every chart, count its marks.

    ``source``: count only the console errors whose message names it (the report's URL when the
    report is framed inside another app's page)."""
    for chart in REPORT_CHARTS:
        wait_for(
            driver,
            lambda d, c=chart: d.find_element(By.ID, c).get_attribute("data-rendered") == "true",
            f"chart {chart} to render",
        )
    marks = {
        chart: len(driver.find_elements(By.CSS_SELECTOR, f"#{chart} svg .role-mark > *"))
        for chart in REPORT_CHARTS
    }
    if screenshot is not None:
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1200, min(int(height) + 100, 6000))
        driver.save_screenshot(str(screenshot))
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    if source is not None:
        errors = [e for e in errors if source in e]
    return ReportPage(
        title=driver.execute_script("return document.title"),  # this frame's, not the top page's
        headings=[h.text for h in driver.find_elements(By.TAG_NAME, "h2")],
        marks=marks,
        console_errors=errors,
    )


def read_media_trends_page(driver: WebDriver, base: str, screenshot: Path) -> tuple[str, ReportPage]:
    """The "Media trends" entry of the Airflow UI: its nav link, then the report in its frame.

    Returns the frame's URL and what it shows."""
    driver.get(f"{base}/")
    wait_for(
        driver,
        lambda d: d.find_elements(By.XPATH, "//*[normalize-space(text())='Browse']"),
        "the Browse menu",
    )
    driver.find_element(By.XPATH, "//*[normalize-space(text())='Browse']").click()
    wait_for(
        driver,
        lambda d: d.find_elements(By.XPATH, "//*[normalize-space(text())='Media trends']"),
        "the Media trends entry under Browse",
    )
    driver.find_element(By.XPATH, "//*[normalize-space(text())='Media trends']").click()
    wait_for(driver, lambda d: d.find_elements(By.TAG_NAME, "iframe"), "the plugin's frame")
    frame = driver.find_element(By.TAG_NAME, "iframe")
    url = frame.get_property("src")  # resolved against the page: what the frame loads
    driver.switch_to.frame(frame)
    try:
        page = read_report(driver, source="/mediamon/")
    finally:
        driver.switch_to.default_content()
    driver.save_screenshot(str(screenshot))
    return url, page
