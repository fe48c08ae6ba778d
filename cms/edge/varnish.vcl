vcl 4.1;
# Readers' pages at the edge (docs/performance.md). cms/edge/launcher.py fills in the $$names.
# Stored: anonymous readers' pages the site marks `Cache-Control: public, s-maxage=…`, one copy
# per address (its language is in its path), host, and reader country: the country cookie and
# the trusted country header are in the hash, and nothing else from cookies reaches the site.
# Passed: the admin, previews, sessions, forms, search, anything not GET/HEAD, anything that
# sets a cookie. Wagtail's frontend cache PURGEs an address (every country's copy, with any query
# string); BAN with
# X-Ban-Country drops one country's pages, with X-Ban-All everything.

import std;

backend site {
    .host = "$backend_host";
    .port = "$backend_port";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        # From this host and with the site's secret (cms/edge/purging.py): another process on
        # the host (a TLS terminator, a proxy) forwards readers' requests from 127.0.0.1 too.
        if (client.ip !~ purgers || req.http.X-Purge-Secret != "$purge_secret") {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "PURGE") {
            # The address with any query string: ?topic=… listings, and any variant stored before.
            std.ban("obj.http.x-edge-path == " + regsub(req.url, "\?.*$$", ""));
        } elsif (req.http.X-Ban-Country ~ "^[A-Z]{2}$$") {
            std.ban("obj.http.x-reader-country == " + req.http.X-Ban-Country);
        } elsif (req.http.X-Ban-All) {
            std.ban("obj.status != 0");
        }
        return (synth(200, "Done"));
    }
    unset req.http.X-Purge-Secret;
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.url ~ "^/($admin_path|django-admin/|documents/|api/)"
        || req.url ~ "^/[A-Za-z-]+/(search|contact|call-back|feedback|region|_util/)" || req.url ~ "^/search/") {
        return (pass);
    }
    # Only the parameters readers' pages use ($reader_parameters) reach the hash and the site:
    # ?utm_source=…, ?fbclid=… and any other are dropped, so they neither store another copy
    # nor keep a withdrawn page at another address.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "([?&])(?!($reader_parameters)=)[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]+$$", "");
    }
    if (req.http.Cookie ~ "(^|;\s*)$session_cookie=") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)$country_cookie=[A-Za-z]{2}") {
        set req.http.Cookie = "$country_cookie=" + regsub(req.http.Cookie, "^(.*;\s*)?$country_cookie=([A-Za-z]{2}).*$$", "\2");
    } else {
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    hash_data(req.http.Cookie);
    hash_data(req.http.$country_header);
    return (lookup);
}

sub vcl_backend_response {
    set beresp.http.x-edge-path = regsub(bereq.url, "\?.*$$", "");
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public" || beresp.http.Cache-Control ~ "private|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The hash holds what the page varies on: keep one object per hash.
    set beresp.http.x-edge-vary = beresp.http.Vary;
    unset beresp.http.Vary;
    return (deliver);
}

sub vcl_deliver {
    if (resp.http.x-edge-vary) {
        set resp.http.Vary = resp.http.x-edge-vary;
    }
    unset resp.http.x-edge-vary;
    unset resp.http.x-edge-path;
    unset resp.http.x-reader-country;
    if (obj.uncacheable) {
        set resp.http.X-Edge-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
}
