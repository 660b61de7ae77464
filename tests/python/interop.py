"""botocore on the same caches as ssoenv, both ways. Run by tests/botocore_interop.rs, which sets HOME,
AWS_CONFIG_FILE and the endpoint variables of a sandbox; each subcommand prints one JSON line.

  check-bytes            every cache file is byte for byte what botocore's own serializer writes
  credentials PROFILE    botocore's credential chain for PROFILE (the SSO provider, with its token refresh)
  write-token SESSION START_URL REGION
                         log in with botocore's sso-oidc client and cache the token exactly as the AWS CLI does
"""

import datetime
import glob
import hashlib
import json
import os
import sys
import time
import urllib.request

import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.tokens import _sso_json_dumps
from botocore.utils import JSONFileCache
from dateutil.tz import tzutc

TOKEN_ORDER = ["startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"]
REGISTRATION_ORDER = ["clientId", "clientSecret", "expiresAt", "scopes", "grantTypes"]
ROLE_CREDENTIALS_ORDER = ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "AccountId"]


def sso_cache_dir():
    return os.path.expanduser(os.path.join("~", ".aws", "sso", "cache"))


def expected_order(keys, order):
    return [key for key in order if key in keys]


def check_bytes():
    checked = []
    for path in sorted(glob.glob(os.path.join(sso_cache_dir(), "*.json"))):
        with open(path, "rb") as f:
            raw = f.read()
        data = json.loads(raw)
        # The same dict through botocore's serializer must give the same bytes.
        if _sso_json_dumps(data).encode() != raw:
            raise SystemExit(f"{path}: bytes differ from botocore's:\n{raw!r}\n{_sso_json_dumps(data).encode()!r}")
        order = TOKEN_ORDER if "accessToken" in data else REGISTRATION_ORDER
        if list(data) != expected_order(data, order):
            raise SystemExit(f"{path}: key order {list(data)} is not botocore's")
        checked.append(os.path.basename(path))
    cli_cache = os.path.expanduser(os.path.join("~", ".aws", "cli", "cache"))
    for path in sorted(glob.glob(os.path.join(cli_cache, "*.json"))):
        with open(path, "rb") as f:
            raw = f.read()
        data = json.loads(raw)
        # The CLI's role-credential cache uses JSONFileCache's default dumps.
        if json.dumps(data).encode() != raw:
            raise SystemExit(f"{path}: bytes differ from the AWS CLI's")
        if list(data) != ["ProviderType", "Credentials"] or list(data["Credentials"]) != expected_order(data["Credentials"], ROLE_CREDENTIALS_ORDER):
            raise SystemExit(f"{path}: key order is not the AWS CLI's")
        checked.append(os.path.basename(path))
    print(json.dumps({"checked": checked}))


def credentials(profile):
    session = botocore.session.Session(profile=profile)
    resolved = session.get_credentials()
    frozen = resolved.get_frozen_credentials()
    print(json.dumps({"method": resolved.method, "access_key": frozen.access_key, "has_token": bool(frozen.token)}))


def write_token(session_name, start_url, region):
    session = botocore.session.get_session()
    oidc = session.create_client("sso-oidc", region_name=region, config=Config(signature_version=UNSIGNED))
    scopes = ["sso:account:access"]
    registration = oidc.register_client(clientName=f"botocore-client-{session_name}", clientType="public", scopes=scopes)
    authorization = oidc.start_device_authorization(
        clientId=registration["clientId"], clientSecret=registration["clientSecret"], startUrl=start_url
    )
    urllib.request.urlopen(authorization["verificationUriComplete"], timeout=10).read()
    time.sleep(authorization.get("interval", 1))
    token = oidc.create_token(
        grantType="urn:ietf:params:oauth:grant-type:device_code",
        clientId=registration["clientId"],
        clientSecret=registration["clientSecret"],
        deviceCode=authorization["deviceCode"],
    )
    now = datetime.datetime.now(tzutc())
    registration_expires = datetime.datetime.fromtimestamp(registration["clientSecretExpiresAt"], tzutc())
    # What the AWS CLI's SSOTokenFetcher caches, in its order, through the same serializer.
    cache = JSONFileCache(sso_cache_dir(), dumps_func=_sso_json_dumps)
    token_dict = {
        "startUrl": start_url,
        "region": region,
        "accessToken": token["accessToken"],
        "expiresAt": now + datetime.timedelta(seconds=token["expiresIn"]),
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "registrationExpiresAt": registration_expires,
    }
    if "refreshToken" in token:
        token_dict["refreshToken"] = token["refreshToken"]
    cache[hashlib.sha1(session_name.encode("utf-8")).hexdigest()] = token_dict
    registration_key = hashlib.sha1(
        json.dumps(
            {"tool": "botocore", "startUrl": start_url, "region": region, "scopes": scopes, "session_name": session_name},
            sort_keys=True,
        ).encode("utf-8")
    ).hexdigest()
    cache[registration_key] = {
        "clientId": registration["clientId"],
        "clientSecret": registration["clientSecret"],
        "expiresAt": registration_expires,
        "scopes": scopes,
    }
    print(json.dumps({"written": True}))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"check-bytes": check_bytes, "credentials": credentials, "write-token": write_token}[command](*args)
