# Varnish (Debian's varnish, 7.x) in front of the LINk site's gunicorn on 127.0.0.1:8000.
#
# nginx (deploy/nginx/linksite.conf) ends TLS, serves static files and image renditions itself
# and passes the rest here, on 127.0.0.1:6081; what is not in the cache goes on to gunicorn.
# Run: varnishd -a 127.0.0.1:6081 -f /srv/linksite/deploy/varnish/default.vcl -s malloc,256m
# (deploy/systemd/varnish.service.d/linksite.conf), and give the app
# FRONTEND_CACHE_URL=http://127.0.0.1:6081 so that it purges what it changes.
#
# Cached: GET and HEAD from visitors with no session or CSRF cookie, outside the admin and the
# email alerts, for as long as the app's Cache-Control says (s-maxage). Other cookies are
# dropped from those requests: the public pages read none. Never cached: the admin (sign-in
# and previews), the email alerts, anything with a session or CSRF cookie, anything but GET and
# HEAD, and every response the app marks private, no-store or no-cache, or that sets a cookie
# (linksite/cache_control.py sends those headers).
#
# Purged: a PURGE from this machine, sent straight here (not through nginx), bans every cached
# response for its path, whatever the query string (/reports/?page=2, /search/?q=...) and host.
# The app sends one for each URL that shows a changed page, in each language
# (linksite/front_cache.py); a ban takes effect for the very next request.

vcl 4.1;

import std;

backend gunicorn {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    # As long as nginx and gunicorn wait (a large upload, a long export).
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;
}

acl this_machine {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Varnish has added the address it was reached from to X-Forwarded-For. A request that
    # came through nginx already had one: the comma tells that it did.
    if (req.method == "PURGE") {
        if (client.ip !~ this_machine || req.http.X-Forwarded-For ~ ",") {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.X-Purge-Path == " + std.tolower(regsub(req.url, "\?.*$", "")));
        return (synth(200, "Purged"));
    }
    # Behind nginx the hop Varnish added is nginx itself: drop it, so the last address is the
    # one nginx saw, the only one the app believes (accounts/lockout.py).
    if (client.ip ~ this_machine && req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",[^,]*$", "");
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin (sign-in, previews) and the email alerts (a person's address), in any language.
    if (req.url ~ "^/admin(/|\?|$)" || req.url ~ "^/([a-z-]+/)?email-alerts(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    unset req.http.Cookie;
    # The app takes the language from the path alone (English has none), so one copy serves
    # every browser, whatever Accept-Language it sends.
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_hash {
    # http and https get different answers (a redirect to https, absolute links in feeds);
    # nginx says which. The built-in vcl_hash adds the URL and the host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_hit {
    set req.http.X-Cache = "HIT";
}

sub vcl_miss {
    set req.http.X-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_backend_fetch {
    unset bereq.http.X-Cache;
}

sub vcl_backend_response {
    # What a PURGE of the path matches (lower case: %C3%A9 and %c3%a9 are the same path).
    set beresp.http.X-Purge-Path = std.tolower(regsub(bereq.url, "\?.*$", ""));
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        # Not stored; the next request for it goes to the app again (hit-for-miss).
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.X-Purge-Path;
    set resp.http.X-Cache = req.http.X-Cache;
}
