# Sourced by scripts/test.sh (and by hand before Playwright): starts the test
# OpenID provider (end2end/idp/provider.mjs) and a second pgdeck in sandbox
# mode that signs members in through it, with password sign-in kept for
# admins. Sets sso_url, sso_pids and sso_data.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
idp_port=$(free_port)
sso_port=$(free_port)
sso_url="http://127.0.0.1:$sso_port"
sso_data=$(mktemp -d)
IDP_PORT="$idp_port" PGDECK_SSO_URL="$sso_url" node end2end/idp/provider.mjs >"$sso_data/idp.log" 2>&1 &
sso_pids="$!"
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$idp_port/.well-known/openid-configuration" >/dev/null 2>&1 && break
  sleep 0.2
done
printf 'pgdeck-e2e-secret' >"$sso_data/client-secret"
PGDECK_DATA_DIR="$sso_data" PGDECK_LISTEN="127.0.0.1:$sso_port" PGDECK_SANDBOX_JOB_SECONDS=1 \
  PGDECK_OIDC_ISSUER="http://127.0.0.1:$idp_port" PGDECK_OIDC_CLIENT_ID=pgdeck-e2e \
  PGDECK_OIDC_CLIENT_SECRET_FILE="$sso_data/client-secret" PGDECK_OIDC_ROLE_MAP="dba=admin,ops=operator" \
  PGDECK_OIDC_NAME="Test IdP" PGDECK_PUBLIC_URL="$sso_url" PGDECK_LOCAL_PASSWORDS=admins \
  target/debug/pgdeck serve --sandbox >"$sso_data/pgdeck.log" 2>&1 &
sso_pids="$sso_pids $!"
for _ in $(seq 1 100); do
  curl -fsS "$sso_url/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "$sso_url/healthz" >/dev/null || { cat "$sso_data/idp.log" "$sso_data/pgdeck.log"; echo "the SSO pgdeck did not start"; exit 1; }
