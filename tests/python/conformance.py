"""The emulator, driven by botocore's own `sso-oidc` and `sso` clients.

botocore is the reference implementation of the wire format: each operation, paginator and modelled
exception is called through it, and the tests assert on what botocore parsed. If botocore cannot use the
emulator, the emulator is wrong.

Run by tests/botocore_conformance.rs with SSOENV_BIN set to the built binary; each test class starts the
emulators it needs as `ssoenv emulator` processes on loopback.
"""

import base64
import hashlib
import os
import secrets
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
import uuid

import botocore
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

START_URL = "https://d-0000000000.awsapps.com/start"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
# botocore's percent-encoding for the authorize URL: safe characters "-._~" only (sso-protocol.md §2.3).
SAFE_CHARS = "-._~"


class Emulator:
    """An `ssoenv emulator` process; its base URL is the first line it prints."""

    def __init__(self, *flags):
        self.process = subprocess.Popen(
            [os.environ["SSOENV_BIN"], "emulator", "--quiet", *flags],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"the emulator did not print its URL: {self.url!r}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def client(self, service):
        # As botocore builds its SSO clients: unsigned. One attempt, so that each answer is seen as sent.
        config = Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1})
        return botocore.session.get_session().create_client(
            service, region_name="us-east-1", endpoint_url=self.url, config=config
        )

    def open(self, url, data=None):
        """What a browser does with a page: returns (status, headers, body), without following redirects."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with opener.open(url, data=body, timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class EmulatorTestCase(unittest.TestCase):
    flags = ("--auto-approve",)

    @classmethod
    def setUpClass(cls):
        cls.emulator = Emulator(*cls.flags)
        cls.oidc = cls.emulator.client("sso-oidc")
        cls.sso = cls.emulator.client("sso")

    @classmethod
    def tearDownClass(cls):
        cls.emulator.stop()

    def register(self, scopes=("sso:account:access",)):
        kwargs = {"clientName": "botocore-client-conformance", "clientType": "public"}
        if scopes:
            kwargs["scopes"] = list(scopes)
        return self.oidc.register_client(**kwargs)

    def start_device(self, registration):
        return self.oidc.start_device_authorization(
            clientId=registration["clientId"], clientSecret=registration["clientSecret"], startUrl=START_URL
        )

    def poll(self, registration, device_code):
        return self.oidc.create_token(
            clientId=registration["clientId"],
            clientSecret=registration["clientSecret"],
            grantType=DEVICE_GRANT,
            deviceCode=device_code,
        )

    def device_login(self, registration=None):
        registration = registration or self.register()
        started = self.start_device(registration)
        status, _, _ = self.emulator.open(started["verificationUriComplete"])
        self.assertEqual(status, 200)
        return registration, self.poll(registration, started["deviceCode"])

    def assertModelledError(self, context, code, status, oauth_error=None):
        error = context.exception
        self.assertEqual(error.response["Error"]["Code"], code)
        self.assertEqual(error.response["ResponseMetadata"]["HTTPStatusCode"], status)
        if oauth_error is not None:
            # botocore parses the modelled members of the error shape into the response.
            self.assertEqual(error.response.get("error"), oauth_error)
            self.assertIsInstance(error.response.get("error_description"), str)
        else:
            self.assertIsInstance(error.response["Error"]["Message"], str)
            self.assertNotEqual(error.response["Error"]["Message"], "")


class OidcTest(EmulatorTestCase):
    def test_register_client_units_are_epoch_seconds(self):
        before = int(time.time())
        registration = self.register()
        self.assertIsInstance(registration["clientId"], str)
        self.assertIsInstance(registration["clientSecret"], str)
        self.assertTrue(before - 1 <= registration["clientIdIssuedAt"] <= before + 2)
        # 90 days, in seconds: botocore does datetime.fromtimestamp(clientSecretExpiresAt) on it.
        self.assertEqual(registration["clientSecretExpiresAt"] - registration["clientIdIssuedAt"], 90 * 86400)

    def test_device_flow(self):
        registration = self.register()
        started = self.start_device(registration)
        self.assertEqual(started["expiresIn"], 600)
        self.assertEqual(started["interval"], 1)
        self.assertEqual(started["verificationUri"], self.emulator.url + "/device")
        self.assertEqual(
            started["verificationUriComplete"], self.emulator.url + "/device?user_code=" + started["userCode"]
        )
        with self.assertRaises(self.oidc.exceptions.AuthorizationPendingException) as pending:
            self.poll(registration, started["deviceCode"])
        self.assertModelledError(pending, "AuthorizationPendingException", 400, "authorization_pending")
        self.emulator.open(started["verificationUriComplete"])
        time.sleep(1.0)
        token = self.poll(registration, started["deviceCode"])
        self.assertEqual(token["tokenType"], "Bearer")
        self.assertEqual(token["expiresIn"], 3600)
        self.assertIsInstance(token["accessToken"], str)
        self.assertIsInstance(token["refreshToken"], str)
        self.assertNotIn("idToken", token)

    def test_slow_down(self):
        registration = self.register()
        started = self.start_device(registration)
        with self.assertRaises(self.oidc.exceptions.AuthorizationPendingException):
            self.poll(registration, started["deviceCode"])
        with self.assertRaises(self.oidc.exceptions.SlowDownException) as slow:
            self.poll(registration, started["deviceCode"])
        self.assertModelledError(slow, "SlowDownException", 400, "slow_down")

    def test_invalid_grant(self):
        registration = self.register()
        with self.assertRaises(self.oidc.exceptions.InvalidGrantException) as invalid:
            self.poll(registration, "no-such-device-code")
        self.assertModelledError(invalid, "InvalidGrantException", 400, "invalid_grant")

    def test_invalid_client(self):
        registration = self.register()
        with self.assertRaises(self.oidc.exceptions.InvalidClientException) as invalid:
            self.oidc.start_device_authorization(
                clientId=registration["clientId"], clientSecret="wrong", startUrl=START_URL
            )
        self.assertModelledError(invalid, "InvalidClientException", 401, "invalid_client")

    def test_invalid_request(self):
        registration = self.register()
        with self.assertRaises(self.oidc.exceptions.InvalidRequestException) as invalid:
            self.oidc.create_token(
                clientId=registration["clientId"],
                clientSecret=registration["clientSecret"],
                grantType="refresh_token",
            )
        self.assertModelledError(invalid, "InvalidRequestException", 400, "invalid_request")

    def test_unsupported_grant_type(self):
        registration = self.register()
        with self.assertRaises(self.oidc.exceptions.UnsupportedGrantTypeException) as unsupported:
            self.oidc.create_token(
                clientId=registration["clientId"], clientSecret=registration["clientSecret"], grantType="password"
            )
        self.assertModelledError(unsupported, "UnsupportedGrantTypeException", 400, "unsupported_grant_type")

    def test_register_client_errors(self):
        with self.assertRaises(self.oidc.exceptions.InvalidRedirectUriException):
            self.oidc.register_client(
                clientName="c", clientType="public", redirectUris=["http://evil.example/oauth/callback"]
            )
        with self.assertRaises(self.oidc.exceptions.InvalidClientMetadataException):
            self.oidc.register_client(clientName="c", clientType="confidential")

    def test_refresh_tokens_rotate(self):
        registration, token = self.device_login()

        def refresh(refresh_token):
            return self.oidc.create_token(
                clientId=registration["clientId"],
                clientSecret=registration["clientSecret"],
                grantType="refresh_token",
                refreshToken=refresh_token,
            )

        refreshed = refresh(token["refreshToken"])
        self.assertNotEqual(refreshed["accessToken"], token["accessToken"])
        self.assertNotEqual(refreshed["refreshToken"], token["refreshToken"])
        with self.assertRaises(self.oidc.exceptions.InvalidGrantException):
            refresh(token["refreshToken"])
        refresh(refreshed["refreshToken"])

    def test_legacy_registration_gets_no_refresh_token(self):
        _, token = self.device_login(self.register(scopes=()))
        self.assertNotIn("refreshToken", token)


class PkceTest(EmulatorTestCase):
    def register_pkce(self):
        return self.oidc.register_client(
            clientName="botocore-client-admin",
            clientType="public",
            scopes=["sso:account:access"],
            grantTypes=["authorization_code", "refresh_token"],
            redirectUris=["http://127.0.0.1/oauth/callback"],
            issuerUrl=START_URL,
        )

    def authorize(self, registration, redirect_uri):
        """Builds the authorize URL exactly as botocore's SSOTokenFetcherAuth does and follows it once."""
        verifier = "".join(secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~") for _ in range(64))
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode()[:-1]
        state = str(uuid.uuid4())
        quote = lambda value: urllib.parse.quote(value, safe=SAFE_CHARS)
        url = (
            f"{self.emulator.url}/authorize?response_type=code&client_id={quote(registration['clientId'])}"
            f"&redirect_uri={quote(redirect_uri)}&state={quote(state)}&code_challenge_method=S256"
            f"&scopes={quote('sso:account:access')}&code_challenge={challenge}"
        )
        status, headers, _ = self.emulator.open(url)
        self.assertEqual(status, 302)
        location = urllib.parse.urlsplit(headers["Location"])
        self.assertEqual(f"{location.scheme}://{location.netloc}{location.path}", redirect_uri)
        query = urllib.parse.parse_qs(location.query)
        self.assertEqual(query["state"], [state])
        return query["code"][0], verifier

    def exchange(self, registration, code, redirect_uri, verifier):
        return self.oidc.create_token(
            clientId=registration["clientId"],
            clientSecret=registration["clientSecret"],
            grantType="authorization_code",
            code=code,
            redirectUri=redirect_uri,
            codeVerifier=verifier,
        )

    def test_authorization_code_with_pkce(self):
        registration = self.register_pkce()
        redirect_uri = "http://127.0.0.1:55555/oauth/callback"
        code, verifier = self.authorize(registration, redirect_uri)
        token = self.exchange(registration, code, redirect_uri, verifier)
        self.assertEqual(token["tokenType"], "Bearer")
        self.assertIsInstance(token["refreshToken"], str)

    def test_wrong_verifier_is_refused(self):
        registration = self.register_pkce()
        redirect_uri = "http://127.0.0.1:55555/oauth/callback"
        code, verifier = self.authorize(registration, redirect_uri)
        with self.assertRaises(self.oidc.exceptions.InvalidGrantException) as refused:
            self.exchange(registration, code, redirect_uri, verifier[::-1])
        self.assertModelledError(refused, "InvalidGrantException", 400, "invalid_grant")

    def test_wrong_redirect_uri_is_refused(self):
        registration = self.register_pkce()
        code, verifier = self.authorize(registration, "http://127.0.0.1:55555/oauth/callback")
        with self.assertRaises(self.oidc.exceptions.InvalidGrantException):
            self.exchange(registration, code, "http://127.0.0.1:55556/oauth/callback", verifier)


class DeviceDecisionTest(EmulatorTestCase):
    flags = ("--device-code-ttl", "1s")

    def test_access_denied(self):
        registration = self.register()
        started = self.start_device(registration)
        status, _, _ = self.emulator.open(
            self.emulator.url + "/device", {"user_code": started["userCode"], "decision": "deny"}
        )
        self.assertEqual(status, 200)
        with self.assertRaises(self.oidc.exceptions.AccessDeniedException) as denied:
            self.poll(registration, started["deviceCode"])
        self.assertModelledError(denied, "AccessDeniedException", 400, "access_denied")

    def test_expired_token(self):
        registration = self.register()
        started = self.start_device(registration)
        self.assertEqual(started["expiresIn"], 1)
        time.sleep(1.5)
        with self.assertRaises(self.oidc.exceptions.ExpiredTokenException) as expired:
            self.poll(registration, started["deviceCode"])
        self.assertModelledError(expired, "ExpiredTokenException", 400, "expired_token")


class PortalTest(EmulatorTestCase):
    flags = ("--auto-approve", "--accounts", "57", "--roles", "ReadOnly,FullAccess,Billing", "--credentials-ttl", "15m")

    def access_token(self):
        return self.device_login()[1]["accessToken"]

    def test_list_accounts_paginator(self):
        token = self.access_token()
        pages = list(
            self.sso.get_paginator("list_accounts").paginate(accessToken=token, PaginationConfig={"PageSize": 10})
        )
        self.assertEqual(len(pages), 6)
        accounts = [account for page in pages for account in page["accountList"]]
        self.assertEqual(len(accounts), 57)
        self.assertEqual(len({a["accountId"] for a in accounts}), 57)
        for account in accounts:
            self.assertEqual(sorted(account), ["accountId", "accountName", "emailAddress"])
            self.assertRegex(account["accountId"], r"^\d{12}$")
        full = self.sso.get_paginator("list_accounts").paginate(accessToken=token).build_full_result()
        self.assertEqual(full["accountList"], accounts)

    def test_list_account_roles_paginator(self):
        token = self.access_token()
        account_id = self.sso.list_accounts(accessToken=token, maxResults=1)["accountList"][0]["accountId"]
        pages = list(
            self.sso.get_paginator("list_account_roles").paginate(
                accessToken=token, accountId=account_id, PaginationConfig={"PageSize": 2}
            )
        )
        self.assertEqual(len(pages), 2)
        roles = [role for page in pages for role in page["roleList"]]
        self.assertEqual(roles, [{"roleName": r, "accountId": account_id} for r in ("ReadOnly", "FullAccess", "Billing")])

    def test_get_role_credentials_expiration_is_epoch_milliseconds(self):
        token = self.access_token()
        account_id = self.sso.list_accounts(accessToken=token)["accountList"][0]["accountId"]
        before = time.time()
        credentials = self.sso.get_role_credentials(accessToken=token, accountId=account_id, roleName="Billing")[
            "roleCredentials"
        ]
        self.assertTrue(credentials["accessKeyId"].startswith("ASIA"))
        self.assertEqual(len(credentials["secretAccessKey"]), 40)
        self.assertIsInstance(credentials["sessionToken"], str)
        self.assertIsInstance(credentials["expiration"], int)
        self.assertAlmostEqual(credentials["expiration"] / 1000.0, before + 900, delta=3)

    def test_resource_not_found(self):
        token = self.access_token()
        with self.assertRaises(self.sso.exceptions.ResourceNotFoundException) as missing:
            self.sso.get_role_credentials(accessToken=token, accountId="999999999999", roleName="ReadOnly")
        self.assertModelledError(missing, "ResourceNotFoundException", 404)

    def test_invalid_request(self):
        token = self.access_token()
        with self.assertRaises(self.sso.exceptions.InvalidRequestException) as invalid:
            self.sso.list_accounts(accessToken=token, maxResults=101)
        self.assertModelledError(invalid, "InvalidRequestException", 400)

    def test_unauthorized(self):
        with self.assertRaises(self.sso.exceptions.UnauthorizedException) as unauthorized:
            self.sso.list_accounts(accessToken="aoa-not-a-token")
        self.assertModelledError(unauthorized, "UnauthorizedException", 401)

    def test_logout(self):
        token = self.access_token()
        response = self.sso.logout(accessToken=token)
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 200)
        with self.assertRaises(self.sso.exceptions.UnauthorizedException):
            self.sso.list_accounts(accessToken=token)


class ThrottleTest(EmulatorTestCase):
    flags = ("--auto-approve", "--throttle", "2", "--retry-after", "1")

    def test_too_many_requests(self):
        token = self.device_login()[1]["accessToken"]
        with self.assertRaises(self.sso.exceptions.TooManyRequestsException) as throttled:
            for _ in range(10):
                self.sso.list_accounts(accessToken=token)
        self.assertModelledError(throttled, "TooManyRequestsException", 429)
        self.assertEqual(throttled.exception.response["ResponseMetadata"]["HTTPHeaders"]["retry-after"], "1")


class ServerErrorTest(EmulatorTestCase):
    flags = ("--fail-rate", "1")

    def test_internal_server_exception(self):
        with self.assertRaises(self.oidc.exceptions.InternalServerException) as failed:
            self.oidc.register_client(clientName="c", clientType="public")
        self.assertModelledError(failed, "InternalServerException", 500, "server_error")

    def test_portal_server_error(self):
        with self.assertRaises(ClientError) as failed:
            self.sso.list_accounts(accessToken="x")
        self.assertEqual(failed.exception.response["ResponseMetadata"]["HTTPStatusCode"], 500)
        self.assertEqual(failed.exception.response["Error"]["Code"], "InternalFailure")


if __name__ == "__main__":
    print(f"botocore {botocore.__version__}", file=sys.stderr)
    unittest.main(verbosity=2)
