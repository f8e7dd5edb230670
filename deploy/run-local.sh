#!/usr/bin/env bash
# Production, tried on this machine: Debian's nginx with deploy/nginx/linksite.conf, then
# Debian's Varnish with deploy/varnish/default.vcl, in front of gunicorn with production
# settings, all on loopback, with a self-signed certificate; then curl checks that a page, a
# static file, an image rendition and a document answer with the right status and headers,
# that a page comes from the cache the second time and the admin never does, and that a report
# taken down is gone from the cache at once, printing each check. Stops them all at the end,
# and exits non-zero if any check failed. Run from the checkout: deploy/run-local.sh (or make
# deploy-check).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"

# Debian's package for a program this needs, installed when it is missing (as root).
need() {
  local program=$1 package=$2
  if ! command -v "$program" >/dev/null && [ ! -x "/usr/sbin/$program" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "--- installing Debian's $package"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
    else
      echo "$package is not installed, and this is not root to install it (apt-get install $package)." >&2
      exit 2
    fi
  fi
}
need nginx nginx
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
need varnishd varnish
VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)

WORK=$(mktemp -d /tmp/linksite-deploy.XXXXXX)
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
APP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
HTTP_PORT=$(free_port)
VARNISH_PORT=$(free_port)
# Varnish's worker runs as its own user (vcache): it gets a directory it may read.
VARNISH_WORK=$(mktemp -d /tmp/linksite-varnish.XXXXXX)
chmod 755 "$VARNISH_WORK"
HOST=localhost
GUNICORN_PID=""
cleanup() {
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -f "$VARNISH_WORK/varnishd.pid" ] && kill "$(cat "$VARNISH_WORK/varnishd.pid")" 2>/dev/null || true
  sleep 0.5
  rm -rf "$WORK" "$VARNISH_WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=linksite.settings.production
export SECRET_KEY
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export ALLOWED_HOSTS="$HOST"
# Passkeys are made for the address the browser opens, port and all.
export OTP_WEBAUTHN_ALLOWED_ORIGINS="https://$HOST:$HTTPS_PORT"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$WORK/db.sqlite3}"
export MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
export LOG_LEVEL=ERROR

echo "--- database, static files and demo content ($DATABASE_URL)"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py collectstatic --noinput -v 0
# The demo content needs DEBUG (it creates users with a known password); this database is
# thrown away at the end.
DEBUG=true DJANGO_SETTINGS_MODULE=linksite.settings.dev "$PY" manage.py load_demo >/dev/null
# One image and its rendition, and one document, to fetch through nginx.
"$PY" manage.py shell -v 0 -c '
import io
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
buffer = io.BytesIO()
PILImage.new("RGB", (40, 30), (20, 90, 160)).save(buffer, "PNG")
image = Image.objects.create(title="Deploy check", file=ImageFile(buffer, name="deploy-check.png"))
rendition = image.get_rendition("fill-20x20")
document = Document.objects.filter(file__endswith=".pdf").first()
print(rendition.url)
print(document.url)
print(document.file.url)
print(image.file.url)
from publications.models import ReportPage
report = ReportPage.objects.live().filter(locale__language_code="en").order_by("-pk").first()
print(report.url)
print(report.pk)
' > "$WORK/urls"
RENDITION_URL=$(sed -n 1p "$WORK/urls")
DOCUMENT_URL=$(sed -n 2p "$WORK/urls")
DOCUMENT_FILE_URL=$(sed -n 3p "$WORK/urls")
ORIGINAL_IMAGE_URL=$(sed -n 4p "$WORK/urls")
REPORT_URL=$(sed -n 5p "$WORK/urls")
REPORT_ID=$(sed -n 6p "$WORK/urls")
STATIC_URL_PATH=$(cd "$STATIC_ROOT" && ls css/site.*.css | grep -v '\.gz$' | head -1)

echo "--- self-signed certificate"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$HOST" \
  -keyout "$WORK/privkey.pem" -out "$WORK/fullchain.pem" 2>/dev/null

echo "--- nginx on https://$HOST:$HTTPS_PORT/ (http on $HTTP_PORT), Varnish on 127.0.0.1:$VARNISH_PORT, gunicorn on 127.0.0.1:$APP_PORT"
mkdir -p "$WORK/nginx-temp"
# The repository's configurations with this machine's paths and ports put in.
sed -e "s#\.port = \"8000\";#.port = \"$APP_PORT\";#" deploy/varnish/default.vcl > "$VARNISH_WORK/default.vcl"
chmod 644 "$VARNISH_WORK/default.vcl"
sed -e "s#server 127.0.0.1:6081;#server 127.0.0.1:$VARNISH_PORT;#" \
    -e "s#listen 80;#listen 127.0.0.1:$HTTP_PORT;#" -e "/listen \[::\]:80;/d" \
    -e "s#listen 443 ssl http2;#listen 127.0.0.1:$HTTPS_PORT ssl http2;#" -e "/listen \[::\]:443/d" \
    -e "s#return 301 https://\$host\$request_uri;#return 301 https://\$host:$HTTPS_PORT\$request_uri;#" \
    -e "s#server_name link.example.org;#server_name $HOST;#" \
    -e "s#/etc/ssl/linksite/#$WORK/#" \
    -e "s#/srv/linksite/static/#$STATIC_ROOT/#" \
    -e "s#/srv/linksite/media/#$MEDIA_ROOT/#" \
    -e "s#/srv/linksite/deploy/#$ROOT/deploy/#" \
    deploy/nginx/linksite.conf > "$WORK/linksite.conf"
cat > "$WORK/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;
    include $WORK/linksite.conf;
}
CONF
"$NGINX" -t -q -c "$WORK/nginx.conf" -g "error_log $WORK/nginx-error.log;"
# From here on the app purges Varnish of what it changes (linksite/front_cache.py).
export FRONTEND_CACHE_URL="http://127.0.0.1:$VARNISH_PORT"
GUNICORN_BIND="127.0.0.1:$APP_PORT" GUNICORN_WORKERS=2 \
  "$ROOT/.venv/bin/gunicorn" -c deploy/gunicorn.conf.py linksite.wsgi >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
"$VARNISHD" -a "127.0.0.1:$VARNISH_PORT" -f "$VARNISH_WORK/default.vcl" -n "$VARNISH_WORK/state" \
  -s malloc,64m -P "$VARNISH_WORK/varnishd.pid"
"$NGINX" -c "$WORK/nginx.conf" -g "error_log $WORK/nginx-error.log;"
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$APP_PORT/" -H "Host: $HOST" && break
  sleep 0.2
done

FAILED=0
BASE="https://$HOST:$HTTPS_PORT"
CURL=(curl -sk --resolve "$HOST:$HTTPS_PORT:127.0.0.1" --resolve "$HOST:$HTTP_PORT:127.0.0.1" -o /dev/null -D -)
check() {  # [METHOD=PURGE] check WHAT URL STATUS [HEADER-PATTERN...]
  local what=$1 url=$2 status=$3; shift 3
  local headers ok=1 missing=()
  headers=$("${CURL[@]}" -X "${METHOD:-GET}" "$url" | tr -d '\r')
  grep -qE "^HTTP/[0-9.]+ $status" <<<"$headers" || { ok=0; missing+=("status $status (got $(head -1 <<<"$headers"))"); }
  for pattern in "$@"; do
    grep -qiE "^$pattern" <<<"$headers" || { ok=0; missing+=("$pattern"); }
  done
  if [ $ok = 1 ]; then
    echo "ok   $what: $status $*"
  else
    echo "FAIL $what: missing ${missing[*]}"
    FAILED=1
  fi
}
SECURE=("strict-transport-security: max-age=31536000" "x-content-type-options: nosniff"
        "permissions-policy: .*camera=\(\)")
# The policy's directives come in any order; scripts and styles must be the site's own only.
PAGE_CSP=("content-security-policy: (.*; )?script-src 'self'(;|$)"
          "content-security-policy: (.*; )?style-src 'self'(;|$)"
          "content-security-policy: (.*; )?frame-ancestors 'none'(;|$)")

echo "--- checks"
check "http redirects to https" "http://$HOST:$HTTP_PORT/" 301 "location: https://$HOST:$HTTPS_PORT/"
check "home page" "$BASE/" 200 "${SECURE[@]}" "${PAGE_CSP[@]}" "x-frame-options: DENY"
check "the home page in Urdu" "$BASE/ur/" 200 "${SECURE[@]}" "${PAGE_CSP[@]}"
check "search" "$BASE/search/?q=care" 200 "${SECURE[@]}" "${PAGE_CSP[@]}"
check "a missing page (404 in the site's design)" "$BASE/no-such-page/" 404 "${SECURE[@]}" "${PAGE_CSP[@]}"
check "admin sign-in" "$BASE/admin/login/" 200 "${SECURE[@]}" "content-security-policy: (.*; )?frame-ancestors 'self'(;|$)"
check "static file (from nginx)" "$BASE/static/$STATIC_URL_PATH" 200 "${SECURE[@]}" \
  "cache-control: public, max-age=31536000, immutable" "content-type: text/css"
check "image rendition (from nginx)" "$BASE$RENDITION_URL" 200 "${SECURE[@]}" \
  "cache-control: public, max-age=2592000" "content-type: image/"
check "document (through Wagtail's view)" "$BASE$DOCUMENT_URL" 200 "${SECURE[@]}" \
  "content-type: application/pdf" "content-disposition: "
check "document file not served from /media/documents/" "$BASE$DOCUMENT_FILE_URL" 404
check "original image not served from /media/original_images/" "$BASE$ORIGINAL_IMAGE_URL" 404
check "wrong Host refused" "https://127.0.0.1:$HTTPS_PORT/" 400

echo "--- the front cache"
fetch() { "${CURL[@]}" "$1" >/dev/null; }
check "a public page may be kept a few minutes" "$BASE/reports/" 200 \
  "cache-control: public, max-age=60, s-maxage=300"
check "the page comes from Varnish the second time" "$BASE/reports/" 200 "x-cache: HIT" "age: [0-9]+"
fetch "$BASE/admin/login/"
check "the admin sign-in never comes from Varnish" "$BASE/admin/login/" 200 "x-cache: PASS" \
  "cache-control: .*private" "cache-control: .*no-store"
METHOD=PURGE check "a PURGE from outside refused" "$BASE/reports/" 405
check "... and the page still in the cache" "$BASE/reports/" 200 "x-cache: HIT"
fetch "$BASE$REPORT_URL"
check "a report from Varnish" "$BASE$REPORT_URL" 200 "x-cache: HIT"
"$PY" manage.py shell -v 0 -c "
from django.contrib.auth import get_user_model
from linksite.admin_views import take_down_now
from wagtail.models import Page
take_down_now(Page.objects.get(pk=$REPORT_ID).specific, get_user_model().objects.get(username='steering1'), 'Deploy check.')
"
check "the report taken down is gone from Varnish at once" "$BASE$REPORT_URL" 404

if [ $FAILED = 0 ]; then
  echo "--- all checks passed"
else
  echo "--- some checks failed; gunicorn said:"; tail -20 "$WORK/gunicorn.log"
  echo "--- nginx said:"; tail -20 "$WORK/nginx-error.log" 2>/dev/null || true
  echo "--- Varnish's configuration:"; "$VARNISHD" -C -f "$VARNISH_WORK/default.vcl" -n "$VARNISH_WORK/check" 2>&1 >/dev/null | tail -5 || true
fi
exit $FAILED
