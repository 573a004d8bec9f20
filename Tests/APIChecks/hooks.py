"""What scripts/api-checks.sh adds to schemathesis's requests, before each is sent: what a real client
does and a schema cannot say. Values that break the schema on purpose are left as they are."""

import re
import urllib.parse
import uuid

import schemathesis

IDEMPOTENCY_KEY = re.compile(r"^[!-~]{1,128}$")
COUPON_CODE = re.compile(r"^[ -]*[Cc][ -]*[Pp](?:[ -]*[0-9]){11}[ -]*$")


def luhn_completed(code):
    """The code with its last digit made the Luhn check digit of the ten before it, spacing kept."""
    digits = [int(c) for c in code if c.isdigit()]
    total = 0
    for position, digit in enumerate(reversed(digits[:-1])):
        doubled = digit * 2 if position % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    check = str((10 - total % 10) % 10)
    last = max(i for i, c in enumerate(code) if c.isdigit())
    return code[:last] + check + code[last + 1:]


def completed(value, quoted=False):
    """`value` with its check digit made right when it is a coupon code; a path parameter arrives
    percent-encoded and leaves the same way."""
    if not isinstance(value, str):
        return value
    text = urllib.parse.unquote(value) if quoted else value
    if not COUPON_CODE.match(text):
        return value
    fixed = luhn_completed(text)
    return urllib.parse.quote(fixed, safe="-") if quoted else fixed


@schemathesis.hook
def before_call(context, case, kwargs):
    # A client sends a new key for each new request (docs/api.md); a key reused for another body is
    # rightly 422 idempotency_conflict, which is not what the generated requests mean to test.
    headers = case.headers or {}
    key = headers.get("Idempotency-Key")
    if isinstance(key, str) and IDEMPOTENCY_KEY.match(key):
        headers["Idempotency-Key"] = str(uuid.uuid4())
    # A coupon code's last digit is a Luhn check digit: a shape-valid code with a wrong one is a
    # mistyped code (422 invalid_coupon_code); with the right one it is a code that may exist.
    if case.path_parameters and "code" in case.path_parameters:
        case.path_parameters["code"] = completed(case.path_parameters["code"], quoted="%" in case.path_parameters["code"])
    body = case.body
    if isinstance(body, dict):
        if "code" in body:
            body["code"] = completed(body["code"])
        action = body.get("action")
        if isinstance(action, dict) and isinstance(action.get("redeemCoupon"), dict) and "code" in action["redeemCoupon"]:
            action["redeemCoupon"]["code"] = completed(action["redeemCoupon"]["code"])
