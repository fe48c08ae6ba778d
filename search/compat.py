"""A transport node for servers that speak Elasticsearch's JSON but refuse its versioned media
type (osmem-server, which the test suite and benchmark run against). Enabled only through
ELASTICSEARCH_NODE_CLASS = "search.compat.PlainJsonNode"; production leaves it unset."""

from elastic_transport import Urllib3HttpNode

_VERSIONED = "application/vnd.elasticsearch+"


class PlainJsonNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for key in list(headers.keys()):
                if key.lower() in ("accept", "content-type") and _VERSIONED in headers[key]:
                    # application/vnd.elasticsearch+json; compatible-with=9 -> application/json
                    headers[key] = "application/" + headers[key].split("+", 1)[1].split(";")[0].strip()
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
