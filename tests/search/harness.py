"""What the search tests share: the cluster they run against and a transport node that records
what the code sends (for the snapshot tests). With ELASTICSEARCH_URL in the environment, a real
Elasticsearch cluster is used instead of the suite's OpenSearch."""

import json
import os

from search.engine.launcher import OpenSearchNode

REAL_CLUSTER = os.environ.get("ELASTICSEARCH_URL", "")


class RecordingNode(OpenSearchNode):
    """Keeps the body of every request, for the snapshot of the queries the code sends."""

    sent: list = []

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if body:
            try:
                RecordingNode.sent.append((method, target, json.loads(body)))
            except (ValueError, TypeError):
                RecordingNode.sent.append((method, target, body))
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
