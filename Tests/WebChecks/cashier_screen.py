"""The cashier screen in real headless Chromium, driven with Selenium, against the real posagent daemon
with a virtual tablet and scanner (`posagent simulate`) on pseudo-terminals.

Run by scripts/web-checks.sh; screenshots of each screen go to test-artifacts/web/.
"""

import argparse
import csv
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request
import zlib

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ARGS = None
PIN = "482916"
PHONE = "01012345678"
# A registered manager who approves at the counter (manager PINs are 6 to 128 characters).
MANAGER, MANAGER_PIN = "M01", "778899"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait(what, condition, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise AssertionError("timed out waiting until " + what)


def png(width, height, rgb):
    """A PNG of one colour, by the book, as Tests/TestImages writes it: IHDR, IDAT (zlib), IEND, each with its CRC."""
    def chunk(kind, data):
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg(width, height, directory):
    """A JPEG made by libjpeg's cjpeg from a PPM, as Tests/TestImages makes one."""
    ppm = os.path.join(directory, f"image-{width}x{height}.ppm")
    with open(ppm, "wb") as file:
        file.write(f"P6\n{width} {height}\n255\n".encode())
        file.write(b"".join(bytes([i % 251, 120, 255 - i % 200]) for i in range(width * height)))
    return subprocess.run(["/usr/bin/cjpeg", "-quality", "85", ppm], capture_output=True, check=True).stdout


class Simulator:
    """`posagent simulate tablet|scanner`, its commands written to its standard input."""

    def __init__(self, kind, link, log):
        self.kind, self.link, self.log = kind, link, log
        self.process = None

    def start(self):
        if os.path.lexists(self.link):
            os.unlink(self.link)
        self.process = subprocess.Popen(
            [ARGS.binary, "simulate", self.kind, "--link", self.link, "--stay"],
            stdin=subprocess.PIPE, stdout=self.log, stderr=subprocess.STDOUT, text=True)
        wait(self.kind + " link", lambda: os.path.exists(self.link))

    def send(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def unplug(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdin.close()


class CashierScreenTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="pa-web-")
        cls.artifacts = os.path.abspath(ARGS.artifacts)
        os.makedirs(cls.artifacts, exist_ok=True)
        cls.downloads = os.path.join(cls.work, "downloads")
        os.makedirs(cls.downloads)
        cls.port = free_port()
        cls.origin = f"http://127.0.0.1:{cls.port}"
        cls.socket = os.path.join(cls.work, "posagent.sock")
        cls.simulator_log = open(os.path.join(cls.work, "simulators.log"), "w")
        cls.tablet = Simulator("tablet", os.path.join(cls.work, "tablet"), cls.simulator_log)
        cls.scanner = Simulator("scanner", os.path.join(cls.work, "scanner"), cls.simulator_log)
        cls.tablet.start()
        cls.scanner.start()
        pin_file = os.path.join(cls.work, "cashier-pin")
        with open(pin_file, "w") as file:
            file.write(PIN + "\n")
        os.chmod(pin_file, 0o600)
        config = os.path.join(cls.work, "posagent.toml")
        with open(config, "w") as file:
            file.write(f"""
[store]
name = "강남점"

[api]
socket = "{cls.socket}"

[database]
path = "{os.path.join(cls.work, 'ledger.sqlite')}"
durability = "normal"

[web]
port = {cls.port}
cashier_pin_file = "{pin_file}"

[[devices]]
role = "tablet"
path = "{cls.tablet.link}"
baud = 115200

[[devices]]
role = "scanner"
path = "{cls.scanner.link}"
""")
        cls.daemon_log = open(os.path.join(cls.work, "daemon.log"), "w")
        cls.daemon = subprocess.Popen([ARGS.binary, "daemon", "--config", config], stdin=subprocess.DEVNULL,
                                      stdout=cls.daemon_log, stderr=subprocess.STDOUT)
        wait("the cashier screen answers", lambda: urllib.request.urlopen(cls.origin + "/", timeout=2).status == 200)
        wait("the tablet is present", lambda: '"present":true,"role":"tablet"' in cls.socket_get("/v1/devices"))
        # The first manager, registered by this account (the daemon's own, or root: a manager by peer credentials).
        added = subprocess.run([ARGS.binary, "manager", "add", MANAGER, "--email", "m01@example.com", "--pin-stdin",
                                "--socket", cls.socket], input=MANAGER_PIN + "\n", capture_output=True, text=True, timeout=120)
        if added.returncode != 0:
            cls.daemon.terminate()
            raise AssertionError("posagent manager add failed: " + added.stderr)

        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1024,768", "--lang=ko-KR", "--no-first-run"]:
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"download.default_directory": cls.downloads,
                                                  "download.prompt_for_download": False})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        cls.driver = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
        # The page itself gets 1024×768, the smallest counter screen it is made for.
        cls.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": 1024, "height": 768, "deviceScaleFactor": 1, "mobile": False})
        cls.driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": cls.downloads})
        cls.driver.get(cls.origin + "/")

    @classmethod
    def tearDownClass(cls):
        try:
            errors = [entry["message"] for entry in cls.driver.get_log("browser")
                      if entry["level"] == "SEVERE" and "Failed to load resource" not in entry["message"]]
            cls.driver.quit()
        finally:
            cls.daemon.terminate()
            cls.daemon.wait(timeout=30)
            for simulator in (cls.tablet, cls.scanner):
                if simulator.process.poll() is None:
                    simulator.unplug()
                simulator.process.stdin.close()
            cls.simulator_log.close()
            cls.daemon_log.close()
            if os.environ.get("WEB_CHECKS_KEEP"):
                print("kept", cls.work)
            else:
                shutil.rmtree(cls.work, ignore_errors=True)
        if errors:
            raise AssertionError("the page reported script errors: " + "\n".join(errors))

    # ---- helpers ----

    @classmethod
    def socket_get(cls, path):
        """The daemon's own answer over its Unix socket, as an admin sees it."""
        return subprocess.run(["curl", "-s", "--max-time", "10", "--unix-socket", cls.socket, "http://posagent" + path],
                              capture_output=True, text=True, check=True).stdout

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def tap(self, css):
        self.find(css).click()

    def text(self, css):
        return self.find(css).text

    def type_keys(self, section, digits):
        for digit in digits:
            self.tap(f'#{section} .keypad button[data-key="{digit}"]')

    def until(self, what, condition, timeout=20):
        # The screen redraws its lists while a condition reads them: an element
        # found just before a redraw is stale, and the condition is asked again.
        try:
            WebDriverWait(self.driver, timeout, poll_frequency=0.1,
                          ignored_exceptions=(StaleElementReferenceException,)).until(lambda _: condition())
        except TimeoutException:
            self.shot("failed-" + what.replace(" ", "-"))
            raise AssertionError("timed out waiting until " + what)

    def visible(self, css):
        elements = self.driver.find_elements(By.CSS_SELECTOR, css)
        return bool(elements) and elements[0].is_displayed()

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(self.artifacts, name + ".png"))

    def menu(self, view):
        self.tap(f'#menu button[data-view="{view}"]')
        self.until(view + " is shown", lambda: self.visible("#" + view))

    def approve_as_manager(self, pin=MANAGER_PIN, screenshot=None):
        self.until("the manager approval dialog", lambda: self.visible("#manager-dialog"))
        self.find("#manager-id").send_keys(MANAGER)
        self.find("#manager-pin").send_keys(pin)
        if screenshot:
            self.shot(screenshot)
        self.tap("#manager-yes")

    def history_rows(self):
        return self.driver.find_elements(By.CSS_SELECTOR, "#history-table tbody tr")

    # ---- the screens ----

    def test_01_a_wrong_pin_is_refused_and_the_right_one_signs_in(self):
        self.until("the sign-in screen", lambda: self.visible("#sign-in"))
        self.shot("01-sign-in")
        self.type_keys("sign-in", "1111")
        self.tap("#sign-in-button")
        self.until("the wrong PIN is refused", lambda: self.text("#sign-in-message") == "PIN이 맞지 않습니다")
        self.assertFalse(self.visible("#app"))
        self.assertIsNone(self.driver.get_cookie("posagent_session"))
        self.shot("02-sign-in-wrong-pin")
        self.type_keys("sign-in", PIN)
        self.tap("#sign-in-button")
        self.until("the accrual screen", lambda: self.visible("#accrual"))
        cookie = self.driver.get_cookie("posagent_session")
        self.assertTrue(cookie["httpOnly"])
        self.assertEqual(cookie["sameSite"], "Strict")
        self.assertEqual(self.driver.execute_script("return document.cookie"), "", "the page cannot read the session")
        self.assertEqual(self.text("#store-name"), "강남점")
        self.until("the devices are shown attached",
                   lambda: self.find("#status-tablet").get_attribute("data-present") == "yes"
                   and self.find("#status-scanner").get_attribute("data-present") == "yes")

    def test_02_a_whole_accrual_with_the_customer_typing_on_the_tablet(self):
        self.menu("accrual")
        self.type_keys("accrual", "15000")
        self.assertEqual(self.text("#accrual-amount .value"), "15,000")
        self.tap("#accrual-confirm")
        self.until("the screen says the tablet waits for the customer", lambda: self.visible("#prompt-banner"))
        self.assertIn("15,000원", self.text("#prompt-text"))
        self.shot("03-accrual-waiting-for-customer")
        self.tablet.send(PHONE)
        self.until("the result", lambda: self.visible("#accrual-result"))
        self.until("the banner goes", lambda: not self.visible("#prompt-banner"))
        self.assertEqual(self.text('#accrual-result dd[data-name="points"]'), "+150 P")
        self.assertEqual(self.text('#accrual-result dd[data-name="balance"]'), "150 P")
        self.assertEqual(self.text('#accrual-result dd[data-name="member"]'), "010-****-5678")
        self.assertIn("신규 회원", self.text("#accrual-result h3"))
        self.shot("04-accrual-result")
        history = json.loads(self.socket_get("/v1/transactions?range=all"))["transactions"]
        self.assertEqual([(t["transaction"]["payment"], t["transaction"]["actor"]) for t in history],
                         [(15000, "cashier screen")])

    def test_03_the_cashier_cancels_a_waiting_prompt(self):
        self.type_keys("accrual", "3000")
        self.tap("#accrual-confirm")
        self.until("the tablet waits", lambda: self.visible("#prompt-banner"))
        self.tap("#cancel-prompt")
        self.until("the refusal says it was cancelled", lambda: self.text("#accrual-message") == "요청을 취소했습니다")
        self.until("the banner goes", lambda: not self.visible("#prompt-banner"))
        self.tap('#accrual .keypad button[data-key="clear"]')
        # The POS asks for a coupon at the scanner: the banner says what the customer is to do, and it ends there too.
        pos = subprocess.Popen(["curl", "-s", "--max-time", "30", "--unix-socket", self.socket, "-X", "POST",
                                "-H", "Idempotency-Key: web-coupon-scan", "-H", "Content-Type: application/json", "-d", "{}",
                                "http://posagent/v1/coupon-redemptions"], stdout=subprocess.PIPE, text=True)
        self.until("the tablet waits for a coupon", lambda: self.visible("#prompt-banner"))
        self.assertEqual(self.text("#prompt-text"), "고객이 쿠폰 바코드를 스캐너에 보여 줄 차례입니다")
        self.tap("#cancel-prompt")
        self.assertIn("prompt_cancelled", pos.communicate(timeout=30)[0])
        self.until("the banner goes", lambda: not self.visible("#prompt-banner"))

    def test_04_a_use_refused_in_words_then_done(self):
        # The cashier types the number: a purchase of 200,000 won earns 2,000 points.
        self.menu("accrual")
        self.type_keys("accrual", "200000")
        self.tap("#accrual-phone")
        self.type_keys("accrual", PHONE)
        self.assertEqual(self.text("#accrual-phone .value"), "010-1234-5678")
        self.tap("#accrual-confirm")
        self.until("the accrual is done", lambda: self.text('#accrual-result dd[data-name="balance"]') == "2,150 P")

        self.menu("use")
        self.type_keys("use", "10000")
        self.tap("#use-phone")
        self.type_keys("use", PHONE)
        self.tap("#use-identify-button")
        self.until("the balance", lambda: self.visible("#use-member"))
        self.assertIn("2,150 P", self.text("#use-balance"))
        self.shot("05-use-member")
        self.type_keys("use", "500")
        self.tap("#use-confirm")
        self.until("the minimum in words",
                   lambda: self.text("#use-message") == "포인트는 한 번에 1,000P 이상부터 사용할 수 있습니다")
        self.shot("06-use-refused-minimum")
        self.tap('#use .keypad button[data-key="clear"]')
        self.type_keys("use", "1050")
        self.tap("#use-confirm")
        self.until("the unit in words", lambda: self.text("#use-message") == "포인트는 100P 단위로 사용할 수 있습니다")
        self.tap('#use .keypad button[data-key="clear"]')
        self.type_keys("use", "3000")
        self.tap("#use-confirm")
        self.until("the balance in words", lambda: self.text("#use-message") == "포인트 잔액이 부족합니다 (잔액 2,150P)")
        self.tap('#use .keypad button[data-key="clear"]')
        self.type_keys("use", "2000")
        self.tap("#use-confirm")
        self.until("the use is done", lambda: self.visible("#use-result"))
        self.assertEqual(self.text('#use-result dd[data-name="points"]'), "-2,000 P")
        self.assertEqual(self.text('#use-result dd[data-name="balance"]'), "150 P")
        self.assertEqual(self.text("#use-message"), "")
        self.shot("07-use-result")

    def test_05_history_search_cancellation_and_csv(self):
        self.menu("history")
        self.until("today's transactions", lambda: len(self.driver.find_elements(By.CSS_SELECTOR, "#history-table tbody tr")) == 3)
        self.shot("08-history-today")
        self.tap('#history-ranges button[data-range="yesterday"]')
        self.until("yesterday is empty", lambda: self.visible("#history-empty"))
        self.tap('#history-ranges button[data-range="week"]')
        self.until("this week's transactions", lambda: len(self.driver.find_elements(By.CSS_SELECTOR, "#history-table tbody tr")) == 3)
        self.find("#history-search").send_keys("9999")
        self.tap("#history-search-button")
        self.until("nobody ends in 9999", lambda: self.visible("#history-empty"))
        self.find("#history-search").clear()
        self.find("#history-search").send_keys("5678")
        self.tap("#history-search-button")
        self.until("the member's transactions", lambda: len(self.driver.find_elements(By.CSS_SELECTOR, "#history-table tbody tr")) == 3)
        self.shot("09-history-search")

        # The point use (newest): cancelling it asks for confirmation, then for a manager.
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#history-table tbody tr")
        self.assertIn("포인트 사용", rows[0].text)
        rows[0].click()
        self.until("the row is selected", lambda: "selected" in self.driver.find_elements(
            By.CSS_SELECTOR, "#history-table tbody tr")[0].get_attribute("class"))
        self.assertTrue(self.find("#history-cancel").is_enabled())
        self.tap("#history-cancel")
        self.until("the confirmation", lambda: self.visible("#confirm-dialog"))
        self.assertIn("포인트 사용, 10,000원", self.text("#confirm-text"))
        self.shot("10-cancel-confirm")
        self.tap("#confirm-yes")
        self.approve_as_manager(screenshot="11-manager-approval")
        self.until("the cancellation is done", lambda: self.text("#history-message").startswith("거래 취소 완료 · #"))
        self.assertFalse(self.visible("#manager-dialog"))
        self.until("the cancellation heads the list", lambda: len(self.history_rows()) == 4
                   and "거래취소" in self.history_rows()[0].text)
        point_use = self.history_rows()[1]
        self.assertIn("포인트 사용", point_use.text)
        self.assertIn("cancelled", point_use.get_attribute("class"))
        self.assertIn("취소됨 (#", point_use.text)
        self.shot("12-history-cancelled")
        history = json.loads(self.socket_get("/v1/transactions?range=all"))["transactions"]
        cancellation = history[0]["transaction"]
        self.assertEqual(cancellation["type"], "cancellation")
        self.assertEqual(cancellation["actor"], "m01 (manager PIN, cashier screen)")
        self.assertEqual(history[1]["transaction"]["cancelledBy"], cancellation["id"])

        self.tap("#history-csv")
        self.approve_as_manager()
        self.until("the CSV is saved", lambda: self.text("#history-message") == "CSV 파일을 내려받았습니다")
        saved = os.path.join(self.downloads, "posagent-week.csv")
        self.until("the file is in the downloads folder", lambda: os.listdir(self.downloads) == ["posagent-week.csv"])
        self.shot("13-history-csv-saved")
        with open(saved, encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        self.assertEqual([(row["type"], row["payment"], row["points"], row["phone"]) for row in rows],
                         [("cancellation", str(cancellation["payment"]), "2000", PHONE), ("point_use", "10000", "-2000", PHONE),
                          ("accrual", "200000", "2000", PHONE), ("accrual", "15000", "150", PHONE)])
        self.assertEqual(rows[0]["actor"], "m01 (manager PIN, cashier screen)")
        self.assertEqual(rows[1]["cancelledBy"], str(cancellation["id"]))

    def test_06_a_conversion_approved_after_a_wrong_manager_pin(self):
        self.menu("conversion")
        self.type_keys("conversion", PHONE)
        self.tap("#conversion-points")
        self.type_keys("conversion", "500")
        self.tap('#conversion-reasons button[data-reason="event"]')
        self.shot("14-conversion")
        self.tap("#conversion-confirm")
        self.approve_as_manager(pin="000000")
        self.until("the wrong PIN in words, in the dialog",
                   lambda: self.text("#manager-message") == "관리자 PIN이 맞지 않습니다. 4번 더 틀리면 이 관리자는 잠깁니다")
        self.assertTrue(self.visible("#manager-dialog"), "the dialog stays for another try")
        self.assertEqual(self.find("#manager-id").get_attribute("value"), MANAGER)
        self.assertEqual(self.find("#manager-pin").get_attribute("value"), "", "the wrong PIN is cleared")
        self.shot("15-conversion-wrong-manager-pin")
        self.find("#manager-pin").send_keys(MANAGER_PIN)
        self.tap("#manager-yes")
        self.until("the conversion is done", lambda: self.visible("#conversion-result"))
        self.assertFalse(self.visible("#manager-dialog"))
        self.assertEqual(self.text("#conversion-message"), "")
        self.assertEqual(self.text('#conversion-result dd[data-name="points"]'), "+500 P")
        self.assertEqual(self.text('#conversion-result dd[data-name="balance"]'), "2,650 P")
        self.shot("16-conversion-result")
        conversion = json.loads(self.socket_get("/v1/transactions?range=all&type=conversion"))["transactions"]
        self.assertEqual([(t["transaction"]["points"], t["transaction"]["actor"], t["transaction"]["reason"]) for t in conversion],
                         [(500, "m01 (manager PIN, cashier screen)", "이벤트")])

    def test_07_the_status_panel_follows_unplug_and_replug(self):
        self.menu("accrual")
        self.until("the tablet is attached", lambda: self.find("#status-tablet").get_attribute("data-present") == "yes")
        self.tablet.unplug()
        self.until("the tablet shows absent", lambda: self.find("#status-tablet").get_attribute("data-present") == "no")
        self.assertEqual(self.text("#status-tablet em"), "없음")
        self.scanner.unplug()
        self.until("the scanner shows absent", lambda: self.find("#status-scanner").get_attribute("data-present") == "no")
        self.shot("17-status-unplugged")
        self.type_keys("accrual", "5000")
        self.tap("#accrual-confirm")
        self.until("no tablet in words",
                   lambda: self.text("#accrual-message") == "태블릿이 연결되어 있지 않습니다. 휴대폰 번호를 직접 입력하세요")
        self.tablet.start()
        self.scanner.start()
        self.until("the tablet is back", lambda: self.find("#status-tablet").get_attribute("data-present") == "yes", timeout=30)
        self.until("the scanner is back", lambda: self.find("#status-scanner").get_attribute("data-present") == "yes", timeout=30)
        self.shot("18-status-replugged")
        backlog = self.find("#status-backlog").get_attribute("data-count")
        self.assertEqual(backlog, "5", "five transactions wait for upload (no server is configured)")

    def test_08_english(self):
        self.tap("#language")
        self.until("English", lambda: self.text('#menu button[data-view="accrual"]') == "Accrual")
        self.menu("use")
        self.shot("19-english-use")
        self.tap("#language")
        self.until("Korean again", lambda: self.text('#menu button[data-view="accrual"]') == "적립")

    def test_09_a_request_from_another_origin_fails(self):
        port = self.port
        page = f"""<!doctype html><title>another site</title>
<form id="f" method="POST" action="http://127.0.0.1:{port}/v1/accruals" enctype="text/plain">
<input type="hidden" name='{{"payment":99000,"member":{{"phone":"01099998888"}},"x":"' value='"}}'>
</form>
<script>
fetch("http://127.0.0.1:{port}/v1/accruals", {{method: "POST", mode: "no-cors", credentials: "include",
  headers: {{"Content-Type": "text/plain"}}, body: '{{"payment":99000,"member":{{"phone":"01099998888"}}}}'}})
  .finally(() => document.getElementById("f").submit());
</script>"""

        class Attacker(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = page.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Attacker)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            self.driver.get(f"http://127.0.0.1:{server.server_address[1]}/")
            self.until("the form reached the agent and was refused",
                       lambda: self.driver.current_url.startswith(self.origin) and "foreign_origin" in self.find("body").text)
            self.shot("20-other-origin-refused")
        finally:
            server.shutdown()
        history = json.loads(self.socket_get("/v1/transactions?range=all&member=01099998888"))
        self.assertEqual(history["transactions"], [], "nothing was written for the other site")
        self.driver.get(self.origin + "/")
        self.until("still signed in", lambda: self.visible("#app"))

    def test_10_the_idle_images_as_thumbnails_and_one_hidden(self):
        files = [("spring.png", png(320, 200, (20, 90, 200)), "봄 이벤트", []),
                 ("winter.jpg", jpeg(160, 100, self.work), "겨울 세일", ["--from", "2020-01-01", "--until", "2099-12-31"])]
        for name, data, title, window in files:
            path = os.path.join(self.work, name)
            with open(path, "wb") as file:
                file.write(data)
            added = subprocess.run([ARGS.binary, "marketing", "add", path, "--title", title, *window, "--socket", self.socket],
                                   capture_output=True, text=True, timeout=60)
            self.assertEqual(added.returncode, 0, added.stderr)
        listed = json.loads(self.socket_get("/v1/marketing/images"))
        first, second = [image["id"] for image in listed["images"]]

        self.menu("marketing")
        thumbnails = "#marketing-images li"
        self.until("two thumbnails", lambda: len(self.driver.find_elements(By.CSS_SELECTOR, thumbnails)) == 2)
        decoded = lambda: self.driver.execute_script(
            "return Array.from(document.querySelectorAll('#marketing-images img'), (i) => i.complete ? i.naturalWidth : 0)")
        self.until("both images decoded", lambda: decoded() == [320, 160])
        cards = self.driver.find_elements(By.CSS_SELECTOR, thumbnails)
        self.assertEqual([card.get_attribute("data-id") for card in cards], [str(first), str(second)], "in the set's order")
        self.assertEqual([card.find_element(By.CSS_SELECTOR, ".title").text for card in cards], ["봄 이벤트", "겨울 세일"])
        self.assertEqual([card.find_element(By.CSS_SELECTOR, ".days").text for card in cards],
                         ["기간 제한 없음", "2020-01-01 – 2099-12-31"])
        self.assertEqual([card.get_attribute("data-state") for card in cards], ["shown", "shown"])
        self.until("the tablet's copies are said", lambda: self.text("#marketing-tablet").startswith("태블릿: 오늘 표시할 2장 중"))
        self.shot("21-marketing-thumbnails")

        self.tap(f'#marketing-images li[data-id="{first}"] button.visibility')
        self.approve_as_manager(screenshot="22-marketing-hide-approval")
        self.until("the image shows hidden",
                   lambda: self.find(f'#marketing-images li[data-id="{first}"]').get_attribute("data-state") == "hidden")
        self.assertEqual(self.text(f'#marketing-images li[data-id="{first}"] .state'), "숨김")
        self.assertEqual(self.text(f'#marketing-images li[data-id="{first}"] button.visibility'), "보이기 (관리자 승인)")
        self.until("the hiding is said", lambda: self.text("#marketing-message") == f"이미지 #{first}을(를) 숨겼습니다")
        self.assertFalse(self.visible("#manager-dialog"))
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, thumbnails)), 2, "a hidden image is still listed")
        self.assertEqual(decoded(), [320, 160], "and its thumbnail still drawn")
        self.shot("23-marketing-hidden")
        listed = json.loads(self.socket_get("/v1/marketing/images"))
        self.assertEqual([(image["id"], image["hidden"]) for image in listed["images"]], [(first, True), (second, False)])
        self.assertEqual(listed["showing"], [second])
        audit = json.loads(self.socket_get("/v1/audit?limit=5"))["entries"]
        self.assertEqual((audit[0]["action"], audit[0]["manager"], audit[0]["caller"]),
                         ("marketing_image_hidden", MANAGER.lower(), "cashier screen"))


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/posagent")
    parser.add_argument("--artifacts", default="test-artifacts/web")
    ARGS, rest = parser.parse_known_args()
    ARGS.binary = os.path.abspath(ARGS.binary)
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"web checks: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and result.testsRun > 0 else 1)


if __name__ == "__main__":
    main()
